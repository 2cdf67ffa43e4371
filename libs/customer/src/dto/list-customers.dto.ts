import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Max, Min, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDateTime, PageQueryDto } from '@crm/platform';
import { AcquisitionChannel, CustomerType, Education, IdType, KeyAccountLevel } from '../customer.constants';

export const CUSTOMER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'wechat_pay', 'alipay', 'bank_withholding', 'prepaid_card'] as const;
export const SERVICE_CATEGORIES = ['fixed_line', 'mobile', 'broadband', 'iptv', 'leased_line', 'bundle'] as const;

/** Criteria of 客戶查詢 (query by criteria), shared by the list and its export. */
export class CustomerCriteriaDto {
  @ApiPropertyOptional({ enum: CustomerType })
  @IsOptional()
  @IsEnum(CustomerType)
  customerType?: CustomerType;

  @ApiPropertyOptional({ example: '440106', description: 'District (region)' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ example: 'active' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'status must be a status code' })
  status?: string;

  @ApiPropertyOptional({ example: 'I' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{1,8}$/, { message: 'industryCode must be an industry code' })
  industryCode?: string;

  @ApiPropertyOptional({ enum: Education })
  @IsOptional()
  @IsEnum(Education)
  education?: Education;

  @ApiPropertyOptional({ example: 'GOLD' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'levelCode must be a level code' })
  levelCode?: string;

  @ApiPropertyOptional({ example: 'H440106001' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'hallCode must be a business hall code' })
  hallCode?: string;

  @ApiPropertyOptional({ enum: AcquisitionChannel, description: 'Acquisition channel (發展渠道)' })
  @IsOptional()
  @IsEnum(AcquisitionChannel)
  acquisitionChannel?: AcquisitionChannel;

  @ApiPropertyOptional({ enum: KeyAccountLevel })
  @IsOptional()
  @IsEnum(KeyAccountLevel)
  keyAccountLevel?: KeyAccountLevel;

  @ApiPropertyOptional({ enum: SERVICE_CATEGORIES, description: 'Has an active subscription of this service category' })
  @IsOptional()
  @IsIn(SERVICE_CATEGORIES)
  service?: (typeof SERVICE_CATEGORIES)[number];

  @ApiPropertyOptional({ type: 'integer', description: 'Cumulative spend (all payments, fen) at least' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minSpendFen?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Cumulative spend (all payments, fen) at most' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxSpendFen?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Open arrears (欠費, fen) at least' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minArrearsFen?: number;

  @ApiPropertyOptional({ enum: PAYMENT_METHODS, description: 'Has paid with this method (or has an account defaulting to it)' })
  @IsOptional()
  @IsIn(PAYMENT_METHODS)
  paymentMethod?: (typeof PAYMENT_METHODS)[number];

  @ApiPropertyOptional({ description: 'Prefix of the name or the phone number' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ enum: IdType, description: 'With idNumber: exact lookup by ID document' })
  @IsOptional()
  @IsEnum(IdType)
  idType?: IdType;

  @ApiPropertyOptional({ description: 'Full ID number (matched through its keyed hash)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  idNumber?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00', description: 'Created at or after' })
  @IsOptional()
  @IsIsoDateTime()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'Created before' })
  @IsOptional()
  @IsIsoDateTime()
  createdTo?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(CUSTOMER_SORTS)
  sort: (typeof CUSTOMER_SORTS)[number] = '-createdAt';
}

export class ListCustomersDto extends IntersectionType(CustomerCriteriaDto, PageQueryDto) {}
