import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DIM_VALUE = /^[A-Za-z0-9_]{1,40}$/;

/** Filters and drill-down shared by the fact analytics routes. */
export class FactScopeQueryDto {
  @ApiPropertyOptional({ example: '2026-11', description: 'Month fact sets: YYYY-MM (or its first day YYYY-MM-01); day fact sets: YYYY-MM-DD. Default: the latest period with facts in scope' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}(-\d{2})?$/, { message: 'period must be YYYY-MM or YYYY-MM-DD' })
  period?: string;

  @ApiPropertyOptional({ example: '440000', description: 'Narrow to a province (drill-down)' })
  @IsOptional()
  @Matches(/^\d{2}0000$/, { message: 'province must be a province code such as 440000' })
  province?: string;

  @ApiPropertyOptional({ example: '440100', description: 'Narrow to a city (drill-down)' })
  @IsOptional()
  @Matches(/^\d{4}00$/, { message: 'city must be a city code such as 440100' })
  city?: string;
}

/** `GET /analytics/facts/:factSet`: any dimension of the fact set may be used as a filter (`kind=credit`). */
export class FactAnalyticsQueryDto extends FactScopeQueryDto {
  @ApiPropertyOptional({ example: 'band', description: 'province | city | one of the fact set\'s dimensions; default: one level below the scope (a city: the first dimension)' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,40}$/, { message: 'groupBy must be province, city or a dimension of the fact set' })
  groupBy?: string;

  @ApiPropertyOptional({ description: 'Filter on dimension kind' }) @IsOptional() @Matches(DIM_VALUE) kind?: string;
  @ApiPropertyOptional({ description: 'Filter on dimension band' }) @IsOptional() @Matches(DIM_VALUE) band?: string;
  @ApiPropertyOptional({ description: 'Filter on dimension type' }) @IsOptional() @Matches(DIM_VALUE) type?: string;
  @ApiPropertyOptional({ description: 'Filter on dimension status' }) @IsOptional() @Matches(DIM_VALUE) status?: string;
  @ApiPropertyOptional({ description: 'Filter on dimension segment' }) @IsOptional() @Matches(DIM_VALUE) segment?: string;
  @ApiPropertyOptional({ description: 'Filter on dimension district' }) @IsOptional() @Matches(DIM_VALUE) district?: string;
  @ApiPropertyOptional({ description: 'Filter on dimension dimension (segment sizes: attribute, relationship, value, …)' }) @IsOptional() @Matches(DIM_VALUE) dimension?: string;
}

export const FACT_FILTER_FIELDS = ['kind', 'band', 'type', 'status', 'segment', 'district', 'dimension'] as const;

export const SCORE_GROUPINGS = ['province', 'city', 'band', 'kind'] as const;

/** `GET /analytics/scores`. */
export class ScoreAnalyticsQueryDto extends FactScopeQueryDto {
  @ApiPropertyOptional({ enum: ['satisfaction', 'loyalty', 'credit'], description: 'Score kind; without it every kind is summed (give one to read an average)' })
  @IsOptional()
  @IsIn(['satisfaction', 'loyalty', 'credit'])
  kind?: string;

  @ApiPropertyOptional({ enum: SCORE_GROUPINGS, description: 'Breakdown; default: one level below the scope (a city: band)' })
  @IsOptional()
  @IsIn(SCORE_GROUPINGS)
  groupBy?: (typeof SCORE_GROUPINGS)[number];
}
