import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { ActivityKind } from '../sales.constants';
import { CODE, IsDateTimeWithOffset, Nullable, VersionDto } from './common.dto';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateSalesMethodDto {
  @ApiProperty({ example: 'VISIT' }) @Matches(CODE, { message: 'code must be 1-16 letters, digits or -' }) code: string;
  @ApiProperty({ maxLength: 100, example: '上門拜訪' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptionalNotNull() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ default: true }) @IsOptionalNotNull() @IsBoolean() active?: boolean;
}
export class UpdateSalesMethodDto extends VersionDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(500) description?: string | null;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() active?: boolean;
}
export const METHOD_SORTS = ['code', '-code', 'name', '-name'] as const;
export class SalesMethodFilterDto {
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ enum: METHOD_SORTS, default: 'code' }) @IsOptional() @IsIn(METHOD_SORTS) sort: (typeof METHOD_SORTS)[number] = 'code';
}
export class ListSalesMethodsDto extends IntersectionType(PageQueryDto, SalesMethodFilterDto) {}
export class ExportSalesMethodsDto extends IntersectionType(ExportFormatDto, SalesMethodFilterDto) {}

export class CreateSalesActivityDto {
  @ApiProperty({ enum: ActivityKind }) @IsEnum(ActivityKind) kind: ActivityKind;
  @ApiPropertyOptional({ description: 'A sales method code' }) @IsOptionalNotNull() @Matches(CODE, { message: 'methodCode must be a method code' }) methodCode?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'customerId or opportunityId (or both) is required' }) @IsOptionalNotNull() @IsUUID('4') customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID('4') opportunityId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') staffId: string;
  @ApiProperty({ example: '2026-12-01T10:00:00+08:00' }) @IsDateTimeWithOffset('occurredAt') occurredAt: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) subject: string;
  @ApiPropertyOptional({ maxLength: 1000, description: '結果' }) @IsOptionalNotNull() @IsString() @MaxLength(1000) outcome?: string;
}
export class UpdateSalesActivityDto extends VersionDto {
  @ApiPropertyOptional({ enum: ActivityKind }) @IsOptionalNotNull() @IsEnum(ActivityKind) kind?: ActivityKind;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @Matches(CODE, { message: 'methodCode must be a method code' }) methodCode?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptionalNotNull() @IsUUID('4') staffId?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsDateTimeWithOffset('occurredAt') occurredAt?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) subject?: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(1000) outcome?: string | null;
}
export const ACTIVITY_SORTS = ['occurredAt', '-occurredAt'] as const;
export class SalesActivityFilterDto {
  @ApiPropertyOptional({ enum: ActivityKind }) @IsOptional() @IsEnum(ActivityKind) kind?: ActivityKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') customerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') opportunityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') staffId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: 'methodCode must be a method code' }) methodCode?: string;
  @ApiPropertyOptional({ description: 'On or after (city date)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'On or before (city date)' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: ACTIVITY_SORTS, default: '-occurredAt' }) @IsOptional() @IsIn(ACTIVITY_SORTS) sort: (typeof ACTIVITY_SORTS)[number] = '-occurredAt';
}
export class ListSalesActivitiesDto extends IntersectionType(PageQueryDto, SalesActivityFilterDto) {}
export class ExportSalesActivitiesDto extends IntersectionType(ExportFormatDto, SalesActivityFilterDto) {}
