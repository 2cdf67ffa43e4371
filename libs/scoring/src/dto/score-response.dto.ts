import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ScoreKind, ScoreSource } from '../scoring.constants';

export class ScoreDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ScoreKind }) kind: ScoreKind;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty({ example: 86.25 }) score: number;
  @ApiProperty({ example: 'satisfied' }) band: string;
  @ApiProperty({ example: '滿意' }) bandLabel: string;
  @ApiProperty({ description: "Each factor's sub-score (value), weight share and contribution" }) factors: Record<string, unknown>;
  @ApiProperty() badRecord: boolean;
  @ApiProperty({ enum: ScoreSource }) source: ScoreSource;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiProperty() computedAt: string;
  @ApiProperty() computedBy: string;
}

export class ScoreHistoryDto extends ScoreDto {
  @ApiProperty() replacedAt: string;
  @ApiProperty() replacedBy: string;
}

export class CustomerScoresDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ type: [ScoreDto], description: 'Current value of each (kind, period), newest period first' }) items: ScoreDto[];
  @ApiProperty({ type: [ScoreHistoryDto], description: 'Values that were replaced, newest first' }) replaced: ScoreHistoryDto[];
}

export class ScoreListItemDto extends ScoreDto {
  @ApiProperty() customerName: string;
  @ApiProperty() customerType: string;
  @ApiProperty() districtCode: string;
  @ApiProperty({ description: 'Closed (銷戶) customer' }) former: boolean;
}

export class ScorePageDto {
  @ApiProperty({ type: [ScoreListItemDto] }) items: ScoreListItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ScoreSummaryGroupDto {
  @ApiProperty({ description: 'customer type or district code' }) group: string;
  @ApiPropertyOptional({ nullable: true, description: 'district name' }) name: string | null;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Σ scores (additive, so groups and nodes can be combined)' }) sum: number;
  @ApiProperty({ description: 'sum / count, 2 decimals' }) average: number;
  @ApiProperty({ description: 'customers per band' }) bands: Record<string, number>;
}

export class ScoreSummaryDto {
  @ApiProperty({ enum: ScoreKind }) kind: ScoreKind;
  @ApiProperty() period: string;
  @ApiProperty() groupBy: string;
  @ApiProperty({ type: [ScoreSummaryGroupDto] }) groups: ScoreSummaryGroupDto[];
  @ApiProperty() count: number;
  @ApiProperty() sum: number;
  @ApiProperty() average: number;
}

export class RecomputeResultDto {
  @ApiProperty() period: string;
  @ApiProperty({ enum: ScoreKind, isArray: true }) kinds: ScoreKind[];
  @ApiProperty() customers: number;
  @ApiProperty({ description: 'values written (new or changed), per kind' }) written: Record<string, number>;
  @ApiProperty({ description: 'values already up to date, per kind' }) unchanged: Record<string, number>;
  @ApiProperty({ description: 'not computed, per kind and reason (no survey, manual value kept)' }) skipped: Record<string, number>;
}

export class SurveyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() period: string;
  @ApiProperty() factors: Record<string, number>;
  @ApiProperty() surveyedAt: string;
  @ApiProperty() channel: string;
  @ApiProperty() recordedBy: string;
}

export class SurveyResultDto {
  @ApiProperty({ type: SurveyDto }) survey: SurveyDto;
  @ApiProperty({ type: ScoreDto, description: "The customer's satisfaction for the period, recomputed" }) satisfaction: ScoreDto;
}

export class CreditListItemDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() customerType: string;
  @ApiProperty() districtCode: string;
  @ApiProperty() former: boolean;
  @ApiPropertyOptional({ nullable: true }) closedAt: string | null;
  @ApiProperty() period: string;
  @ApiProperty() score: number;
  @ApiProperty() list: string;
  @ApiProperty() badRecord: boolean;
  @ApiProperty() source: string;
  @ApiProperty() computedAt: string;
}

export class CreditListPageDto {
  @ApiProperty() list: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [CreditListItemDto] }) items: CreditListItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
