import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { FiguresGroupBy, TargetDimension } from '../sales.constants';
import { MAX_FEN, MONTH, OptionalFen, VersionDto } from './common.dto';

export class SalesFiguresQueryDto {
  @ApiProperty({ enum: FiguresGroupBy }) @IsEnum(FiguresGroupBy) groupBy: FiguresGroupBy;
  @ApiProperty({ example: '2026-01-01', description: 'Orders completed on or after (city date)' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Orders completed on or before (city date)' }) @IsCalendarDate() to: string;
}
export class ExportSalesFiguresDto extends IntersectionType(ExportFormatDto, SalesFiguresQueryDto) {}

export class CreateSalesTargetDto {
  @ApiProperty({ example: '2026-12' }) @Matches(MONTH, { message: 'period must be a month YYYY-MM' }) period: string;
  @ApiProperty({ enum: TargetDimension }) @IsEnum(TargetDimension) dimension: TargetDimension;
  @ApiPropertyOptional({ maxLength: 64, description: "The dimension's value (customer id, district code, industry code, hall code, agent id); omitted for total" })
  @IsOptionalNotNull() @IsString() @MaxLength(64) dimensionValue?: string;
  @ApiPropertyOptional({ type: 'integer', default: 0 }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(2_147_483_647) targetOrders?: number;
  @OptionalFen('Target amount, fen (default 0)') targetAmountFen?: number;
}
export class UpdateSalesTargetDto extends VersionDto {
  @ApiPropertyOptional({ type: 'integer' }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(2_147_483_647) targetOrders?: number;
  @OptionalFen('Target amount, fen') targetAmountFen?: number;
}
export const TARGET_SORTS = ['period', '-period', 'dimension', '-dimension'] as const;
export class SalesTargetFilterDto {
  @ApiPropertyOptional({ example: '2026-12' }) @IsOptional() @Matches(MONTH, { message: 'period must be a month YYYY-MM' }) period?: string;
  @ApiPropertyOptional({ enum: TargetDimension }) @IsOptional() @IsEnum(TargetDimension) dimension?: TargetDimension;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) dimensionValue?: string;
  @ApiPropertyOptional({ enum: TARGET_SORTS, default: 'period' }) @IsOptional() @IsIn(TARGET_SORTS) sort: (typeof TARGET_SORTS)[number] = 'period';
}
export class ListSalesTargetsDto extends IntersectionType(PageQueryDto, SalesTargetFilterDto) {}
export class ExportSalesTargetsDto extends IntersectionType(ExportFormatDto, SalesTargetFilterDto) {}
