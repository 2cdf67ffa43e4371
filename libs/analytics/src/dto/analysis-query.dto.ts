import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AnalysisRenderQueryDto } from '@crm/reporting';

/** Period, comparison and drill-down of `GET /analyses/:name`. */
export class AnalysisScopeQueryDto {
  @ApiPropertyOptional({ example: '2026-11', description: 'Month analysed (YYYY-MM or YYYY-MM-01); default: the latest month with facts in scope' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}(-01)?$/, { message: 'period must be a month YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ enum: ['mom', 'yoy'], description: 'Adds the previous month (mom, 環比) or the same month last year (yoy, 同比) and the change of every figure' })
  @IsOptional()
  @IsIn(['mom', 'yoy'])
  compare?: 'mom' | 'yoy';

  @ApiPropertyOptional({ example: '440000', description: 'Narrow to a province (drill-down)' })
  @IsOptional()
  @Matches(/^\d{2}0000$/, { message: 'province must be a province code such as 440000' })
  province?: string;

  @ApiPropertyOptional({ example: '440100', description: 'Narrow to a city (drill-down)' })
  @IsOptional()
  @Matches(/^\d{4}00$/, { message: 'city must be a city code such as 440100' })
  city?: string;

  @ApiPropertyOptional({ example: 'segment', description: 'Rows: province, city or a dimension the analysis offers (see GET /analyses); default: one level below the scope, or the analysis\' main dimension' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,40}$/, { message: 'groupBy must be a grouping of the analysis' })
  groupBy?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 99, default: 20, description: 'customer_contribution: the top N % of customers whose revenue share is estimated' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  top?: number;
}

export class AnalysisQueryDto extends IntersectionType(AnalysisScopeQueryDto, AnalysisRenderQueryDto) {}
