import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PromotionMethod, PromotionStatus } from '../promotion.constants';
import { TargetRuleDto } from './target-rule.dto';

export class PromotionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() policyCode: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true }) purpose: string | null;
  @ApiProperty({ example: '2026-12-01' }) periodFrom: string;
  @ApiProperty({ example: '2027-02-28' }) periodTo: string;
  @ApiProperty({ type: [String] }) regionCodes: string[];
  @ApiProperty({ enum: PromotionMethod }) method: PromotionMethod;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty({ type: TargetRuleDto }) targetRule: TargetRuleDto;
  @ApiProperty({ enum: PromotionStatus }) status: PromotionStatus;
  @ApiProperty({ type: 'integer', description: 'Customers it was applied to' }) customersApplied: number;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class PromotionPageDto {
  @ApiProperty({ type: [PromotionResponseDto] }) items: PromotionResponseDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class ApplyResultDto {
  @ApiProperty({ type: 'integer', description: 'Customers the rule selects now' }) matched: number;
  @ApiProperty({ type: 'integer', description: 'Of those, newly recorded by this call' }) applied: number;
  @ApiProperty({ type: 'integer', description: 'Of those, already recorded before' }) alreadyApplied: number;
  @ApiProperty({ type: 'integer', description: 'Customers recorded for the promotion in total' }) customersApplied: number;
}

export class PromotionCustomerDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() name: string;
  @ApiProperty() districtCode: string;
  @ApiProperty() appliedAt: string;
  @ApiProperty() appliedBy: string;
}

export class PromotionCustomerPageDto {
  @ApiProperty({ type: [PromotionCustomerDto] }) items: PromotionCustomerDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class MonthlySpendDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ type: 'integer' }) spendFen: number;
}

/** 效果: the applied customers' billed spend in the N months before the promotion started vs the N months from its start. */
export class PromotionEffectDto {
  @ApiProperty({ format: 'uuid' }) promotionId: string;
  @ApiProperty({ type: 'integer' }) months: number;
  @ApiProperty({ example: '2026-12', description: 'First month of the promotion: "after" starts here' }) pivotMonth: string;
  @ApiProperty({ type: 'integer' }) customersApplied: number;
  @ApiProperty({ type: 'integer', description: 'Σ bill totals of applied customers, N months before (fen)' }) spendBeforeFen: number;
  @ApiProperty({ type: 'integer', description: 'Σ bill totals of applied customers, N months from the start (fen)' }) spendAfterFen: number;
  @ApiProperty({ type: 'integer' }) changeFen: number;
  @ApiPropertyOptional({ nullable: true, description: 'Change in percent of "before", one decimal; null when before is 0' }) changePercent: number | null;
  @ApiProperty({ type: 'integer', description: 'Per applied customer per month, before (fen, rounded)' }) averageMonthlyBeforeFen: number;
  @ApiProperty({ type: 'integer', description: 'Per applied customer per month, after (fen, rounded)' }) averageMonthlyAfterFen: number;
  @ApiProperty({ description: 'Whether every "after" month has ended (else the after figure is partial)' }) afterWindowComplete: boolean;
  @ApiProperty({ type: [MonthlySpendDto] }) monthly: MonthlySpendDto[];
}

/** A promotion as applied to one customer (客戶享受的優惠). */
export class CustomerPromotionDto {
  @ApiProperty({ format: 'uuid' }) promotionId: string;
  @ApiProperty() policyCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PromotionMethod }) method: PromotionMethod;
  @ApiProperty({ enum: PromotionStatus }) status: PromotionStatus;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty() appliedAt: string;
  @ApiProperty() appliedBy: string;
}
