import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHART_SIZE, CHART_TYPES, ChartType } from '../chart-svg.util';

export const ANALYSIS_FORMATS = ['json', 'svg', 'xlsx'] as const;
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * Query fields that choose how an analysis is answered. Combine with the analysis' own query DTO,
 * e.g. `class X extends IntersectionType(CustomerAnalyticsQueryDto, AnalysisRenderQueryDto) {}`
 * (from `@nestjs/swagger`), and pass it to `sendAnalysis`.
 */
export class AnalysisRenderQueryDto {
  @ApiPropertyOptional({ enum: ANALYSIS_FORMATS, default: 'json', description: 'json (the table), svg (a chart), xlsx (a workbook)' })
  @IsOptional()
  @IsIn(ANALYSIS_FORMATS)
  format?: AnalysisFormat;

  @ApiPropertyOptional({ enum: CHART_TYPES, default: 'bar', description: 'svg only: chart type (stacked = stacked bars)' })
  @IsOptional()
  @IsIn(CHART_TYPES)
  chart?: ChartType;

  @ApiPropertyOptional({ example: 'city', description: 'svg only: dimension column on the category axis; default: the first dimension' })
  @IsOptional()
  @Matches(KEY, { message: 'x must be a column key' })
  x?: string;

  @ApiPropertyOptional({ type: [String], example: 'customers,newCustomers', description: 'svg only: measure columns, comma-separated or repeated; default: every measure (pie: the first)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(KEY, { each: true, message: 'series must be column keys' })
  series?: string[];

  @ApiPropertyOptional({ type: 'integer', minimum: CHART_SIZE.min, maximum: CHART_SIZE.max, default: CHART_SIZE.width })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(CHART_SIZE.min)
  @Max(CHART_SIZE.max)
  width?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: CHART_SIZE.min, maximum: CHART_SIZE.max, default: CHART_SIZE.height })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(CHART_SIZE.min)
  @Max(CHART_SIZE.max)
  height?: number;
}
