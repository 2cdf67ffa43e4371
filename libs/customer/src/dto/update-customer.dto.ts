import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { CreateCustomerDto } from './create-customer.dto';

/** Any subset of the fields; `idType` and `idNumber` change together. */
export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {
  @ApiProperty({ type: 'integer', description: 'The version you read; a concurrent change makes this 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Why the status changes (kept in the status history)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  statusReason?: string;
}
