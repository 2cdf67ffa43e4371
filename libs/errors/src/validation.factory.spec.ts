import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { DomainException, ErrorCode, createValidationPipe } from '@crm/errors';

class AddressDto {
  @IsString()
  @MinLength(2)
  city: string;

  @IsString()
  street: string;
}

class LineDto {
  @IsString()
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

class OrderDto {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => LineDto)
  lines: LineDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: OrderDto, data: '' };

async function failure(pipe: ValidationPipe, value: unknown): Promise<DomainException> {
  let thrown: unknown;
  try {
    await pipe.transform(value, body);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(DomainException);
  return thrown as DomainException;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('transforms a valid body into the DTO class, nested objects included', async () => {
    const result = await pipe.transform({ name: 'n', address: { city: 'Guangzhou', street: 'Tianhe Rd' }, lines: [{ sku: 'a', quantity: 2 }] }, body);
    expect(result).toBeInstanceOf(OrderDto);
    expect(result.address).toBeInstanceOf(AddressDto);
    expect(result.lines[0]).toBeInstanceOf(LineDto);
    expect(result.lines[0].quantity).toBe(2);
  });

  it('raises a VALIDATION_FAILED DomainException with dotted field names for nested errors', async () => {
    const e = await failure(pipe, {
      name: 'n',
      address: { city: 'G', street: 12 },
      lines: [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 0 }],
    });
    expect(e.code).toBe(ErrorCode.ValidationFailed);
    expect(e.message).toBe('Request validation failed');
    const fields = e.details!.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['address.city', 'address.street', 'lines.1.quantity']));
    expect(fields).not.toContain('address');
    expect(fields).not.toContain('lines');
    expect(fields).not.toContain('lines.0.quantity');
    expect(e.details!.find((d) => d.field === 'address.city')!.problem).toContain('city must be longer than or equal to 2 characters');
    expect(e.details!.find((d) => d.field === 'lines.1.quantity')!.problem).toContain('quantity must not be less than 1');
    for (const d of e.details!) expect(typeof d.problem).toBe('string');
  });

  it('reports top-level problems under the plain property name', async () => {
    const e = await failure(pipe, { address: { city: 'Guangzhou', street: 's' }, lines: [] });
    expect(e.details).toEqual(
      expect.arrayContaining([
        { field: 'name', problem: 'name must be a string' },
        expect.objectContaining({ field: 'lines', problem: expect.stringContaining('lines must contain at least 1 elements') }),
      ]),
    );
  });

  it('refuses unknown properties, at the top level and nested', async () => {
    const e = await failure(pipe, {
      name: 'n',
      address: { city: 'Guangzhou', street: 's', zip: '510000' },
      lines: [{ sku: 'a', quantity: 1 }],
      admin: true,
    });
    expect(e.details).toEqual(
      expect.arrayContaining([
        { field: 'admin', problem: 'property admin should not exist' },
        { field: 'address.zip', problem: 'property zip should not exist' },
      ]),
    );
  });

  it('does not convert types implicitly', async () => {
    const e = await failure(pipe, { name: 'n', address: { city: 'Guangzhou', street: 's' }, lines: [{ sku: 'a', quantity: '3' }] });
    expect(e.details!.map((d) => d.field)).toContain('lines.0.quantity');
  });
});
