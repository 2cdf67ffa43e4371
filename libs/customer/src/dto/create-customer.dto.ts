import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { CustomerStatus, CustomerType, Gender, IdType } from '../customer.constants';
import { isValidResidentId } from '../personal-data.util';

@ValidatorConstraint({ name: 'idNumberFormat' })
export class IdNumberFormat implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string') return false;
    const type = (args.object as { idType?: IdType }).idType;
    if (type === IdType.ResidentId) return isValidResidentId(value);
    if (type === IdType.BusinessLicense) return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value.trim().toUpperCase());
    return /^[A-Za-z0-9]{5,20}$/.test(value.trim());
  }

  defaultMessage(args: ValidationArguments): string {
    const type = (args.object as { idType?: IdType }).idType;
    return type === IdType.ResidentId
      ? 'idNumber is not a valid 18-character resident ID (GB 11643: birth date and check digit)'
      : type === IdType.BusinessLicense
        ? 'idNumber is not a valid 18-character unified social credit code'
        : 'idNumber must be 5-20 letters or digits';
  }
}

export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export class CreateCustomerDto {
  @ApiPropertyOptional({ example: 'BOSS-20261201-000123', description: 'Id in the source system (billing / BOSS); unique' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'externalId must be 1-64 letters, digits or . _ : -' })
  externalId?: string;

  @ApiProperty({ example: '張偉', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: CustomerType, example: CustomerType.PublicResidential })
  @IsEnum(CustomerType)
  customerType: CustomerType;

  @ApiPropertyOptional({ enum: Gender })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender;

  @ApiPropertyOptional({ example: '1985-04-12' })
  @IsOptional()
  @Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'birthDate must be a date YYYY-MM-DD' })
  birthDate?: string;

  @ApiProperty({ example: '440106', description: 'District (區縣) code of this city' })
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode: string;

  @ApiPropertyOptional({ example: '天河路 385 號', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiProperty({ example: '13800138000', description: 'Mobile (11 digits) or fixed line (area code + number)' })
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile or fixed-line number' })
  phone: string;

  @ApiProperty({ enum: IdType, example: IdType.ResidentId })
  @IsEnum(IdType)
  idType: IdType;

  @ApiProperty({ example: '44010619850412123X', description: 'Stored hashed and encrypted; answered masked unless the caller may see personal data' })
  @Validate(IdNumberFormat)
  idNumber: string;

  @ApiPropertyOptional({ enum: CustomerStatus, default: CustomerStatus.Active })
  @IsOptional()
  @IsEnum(CustomerStatus)
  status?: CustomerStatus;
}
