import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ExportFormatDto } from '@crm/export';
import { PageQueryDto } from '@crm/platform';
import { ALL_BANDS, PERIOD_PATTERN, SCORE_KINDS, ScoreKind } from '../scoring.constants';

export const CUSTOMER_TYPES = ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'] as const;
const PERIOD_MESSAGE = (field: string) => ({ message: `${field} must be a month YYYY-MM` });

/** GET /customers/:id/scores */
export class CustomerScoresQueryDto {
  @ApiPropertyOptional({ enum: SCORE_KINDS })
  @IsOptional()
  @IsIn(SCORE_KINDS)
  kind?: ScoreKind;

  @ApiPropertyOptional({ example: '2026-01', description: 'First period (month) included' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, PERIOD_MESSAGE('from'))
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last period (month) included' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, PERIOD_MESSAGE('to'))
  to?: string;
}

export const SCORE_SORTS = ['score', '-score', 'period', '-period', 'computedAt', '-computedAt'] as const;

export class ScoreFilterDto {
  @ApiPropertyOptional({ enum: SCORE_KINDS })
  @IsOptional()
  @IsIn(SCORE_KINDS)
  kind?: ScoreKind;

  @ApiPropertyOptional({ example: '2026-12', description: 'Period (month); default: every period' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;

  @ApiPropertyOptional({ enum: ALL_BANDS })
  @IsOptional()
  @IsIn(ALL_BANDS)
  band?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES, description: 'Segment: the customer type (客戶分類)' })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  segment?: string;

  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ enum: SCORE_SORTS, default: '-period' })
  @IsOptional()
  @IsIn(SCORE_SORTS)
  sort: (typeof SCORE_SORTS)[number] = '-period';
}

export class ListScoresDto extends IntersectionType(PageQueryDto, ScoreFilterDto) {}

export const SUMMARY_GROUPS = ['customerType', 'district'] as const;

/** GET /scores/summary */
export class ScoreSummaryQueryDto {
  @ApiProperty({ enum: SCORE_KINDS })
  @IsIn(SCORE_KINDS)
  kind: ScoreKind;

  @ApiPropertyOptional({ example: '2026-12', description: 'Default: the current month' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;

  @ApiPropertyOptional({ enum: SUMMARY_GROUPS, default: 'customerType' })
  @IsOptional()
  @IsIn(SUMMARY_GROUPS)
  groupBy: (typeof SUMMARY_GROUPS)[number] = 'customerType';
}

export const CREDIT_LIST_NAMES = ['red', 'grey', 'black'] as const;

export class CreditListFilterDto {
  @ApiPropertyOptional({ example: '2026-12', description: "Default: each customer's latest credit score" })
  @IsOptional()
  @Matches(PERIOD_PATTERN, PERIOD_MESSAGE('period'))
  period?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  segment?: string;

  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;
}

export class CreditListQueryDto extends IntersectionType(PageQueryDto, CreditListFilterDto) {}
export class ExportCreditListDto extends IntersectionType(ExportFormatDto, CreditListFilterDto) {}
