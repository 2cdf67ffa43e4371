import { IsCalendarDate } from '@crm/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { AcquisitionChannel, CustomerStatus, CustomerType, Education, Gender, IdType, KeyAccountLevel, RelationshipType, ResidentialSubClass } from '../customer.constants';
import { isValidResidentId } from '../personal-data.util';

/** Whether an ID number is well-formed for its type (resident ID checksum, credit code, passport …). */
export function isValidIdNumber(type: IdType | undefined, value: string): boolean {
  if (type === IdType.ResidentId) return isValidResidentId(value);
  if (type === IdType.BusinessLicense) return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value.trim().toUpperCase());
  return /^[A-Za-z0-9]{5,20}$/.test(value.trim());
}

@ValidatorConstraint({ name: 'idNumberFormat' })
export class IdNumberFormat implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const type = (args.object as { idType?: IdType }).idType;
    return typeof value === 'string' && isValidIdNumber(type, value);
  }

  defaultMessage(args: ValidationArguments): string {
    const type = (args.object as { idType?: IdType }).idType;
    return type === IdType.ResidentId
      ? `${args.property} is not a valid 18-character resident ID (GB 11643: birth date and check digit)`
      : type === IdType.BusinessLicense
        ? `${args.property} is not a valid 18-character unified social credit code`
        : `${args.property} must be 5-20 letters or digits`;
  }
}

@ValidatorConstraint({ name: 'residentIdFormat' })
export class ResidentIdFormat implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidResidentId(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} is not a valid 18-character resident ID`;
  }
}

/** Shape of a `YYYY-MM-DD` date; use @IsCalendarDate (from @crm/platform) to also check it exists. */
export const DATE_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;

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
  @IsCalendarDate()
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

  @ApiPropertyOptional({ example: CustomerStatus.Active, description: 'Code of a configured customer status (GET /api/v1/customer-statuses)' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'status must be a status code' })
  status?: string;

  @ApiPropertyOptional({ enum: ResidentialSubClass, description: 'Residential customers only' })
  @IsOptional()
  @IsEnum(ResidentialSubClass)
  subClass?: ResidentialSubClass;

  @ApiPropertyOptional({ example: '教师', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  occupation?: string;

  @ApiPropertyOptional({ example: 'I', description: 'Industry code (GB/T 4754, GET /api/v1/industries)' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{1,8}$/, { message: 'industryCode must be an industry code' })
  industryCode?: string;

  @ApiPropertyOptional({ enum: Education })
  @IsOptional()
  @IsEnum(Education)
  education?: Education;

  @ApiPropertyOptional({ type: [String], example: ['足球', '旅游'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  interests?: string[];

  @ApiPropertyOptional({ example: '02087654321' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'contactPhone must be a mainland mobile or fixed-line number' })
  contactPhone?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  homeAddress?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  companyAddress?: string;

  @ApiPropertyOptional({ description: 'Units and enterprises: legal person (法人)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  legalPersonName?: string;

  @ApiPropertyOptional({ description: 'Units and enterprises: legal person resident ID; stored like idNumber' })
  @IsOptional()
  @Validate(ResidentIdFormat)
  legalPersonIdNumber?: string;

  @ApiPropertyOptional({ enum: KeyAccountLevel, description: 'Key enterprises: national, provincial or city key account' })
  @IsOptional()
  @IsEnum(KeyAccountLevel)
  keyAccountLevel?: KeyAccountLevel;

  @ApiPropertyOptional({ enum: RelationshipType, description: 'Key enterprises: buy-out or win-win' })
  @IsOptional()
  @IsEnum(RelationshipType)
  relationshipType?: RelationshipType;

  @ApiPropertyOptional({ description: 'Key enterprises: environment notes (環境描述)', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  environmentNotes?: string;

  @ApiPropertyOptional({ example: 'GOLD', description: 'Customer level code (GET /api/v1/customer-levels)' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'levelCode must be a level code' })
  levelCode?: string;

  @ApiPropertyOptional({ example: 'H440106001', description: 'Business hall (受理營業廳: the hall that acquired / serves the customer) code (GET /api/v1/business-halls)' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'hallCode must be a business hall code' })
  hallCode?: string;

  @ApiPropertyOptional({ enum: AcquisitionChannel, description: '發展渠道: channel the customer was acquired through (the business hall is hallCode)' })
  @IsOptional()
  @IsEnum(AcquisitionChannel)
  acquisitionChannel?: AcquisitionChannel;

  @ApiPropertyOptional({ format: 'uuid', description: 'Account manager (staff id), for key accounts' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'accountManagerId must be a UUID' })
  accountManagerId?: string;
}
