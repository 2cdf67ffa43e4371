import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { STATUS_CODE_PATTERN } from '../base-config.constants';
import { BooleanQueryParam, ReferenceQueryDto, VersionedChangeDto } from '../reference-data/reference-query.dto';

export class CreateCustomerStatusDto {
  @ApiProperty({ example: 'arrears_stop', description: 'Lower-case letters, digits and _; at most 16 (stored in customer.status)' })
  @Matches(STATUS_CODE_PATTERN, { message: 'code must be 1-16 lower-case letters, digits or _, starting with a letter' })
  code: string;

  @ApiProperty({ example: '欠費停機', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;

  @ApiPropertyOptional({ default: true, description: 'Whether a customer in this status may use services' })
  @IsOptional()
  @IsBoolean()
  serviceAllowed?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateCustomerStatusDto extends IntersectionType(PartialType(OmitType(CreateCustomerStatusDto, ['code'] as const)), VersionedChangeDto) {}

export const CUSTOMER_STATUS_SORTS = ['code', '-code', 'name', '-name'] as const;

export class ListCustomerStatusesDto extends ReferenceQueryDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanQueryParam()
  @IsBoolean()
  serviceAllowed?: boolean;

  @ApiPropertyOptional({ enum: CUSTOMER_STATUS_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(CUSTOMER_STATUS_SORTS)
  sort: (typeof CUSTOMER_STATUS_SORTS)[number] = 'code';
}

export class CustomerStatusDto {
  @ApiProperty({ example: 'active' }) code: string;
  @ApiProperty({ example: '在網' }) name: string;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty() serviceAllowed: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Built in (active, suspended): the customer domain relies on it, it cannot be deleted' }) builtIn: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}
