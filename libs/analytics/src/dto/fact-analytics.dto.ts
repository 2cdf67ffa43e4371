import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreshnessDto } from './customer-analytics.dto';

export class FactFiguresDto {
  @ApiProperty({ example: { customers: 120, score_sum_centi: 871250 }, type: 'object', additionalProperties: { type: 'integer' }, description: 'Sums of the fact set\'s measures' })
  measures: Record<string, number>;

  @ApiProperty({ example: { average_score: 72.6 }, type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'Ratios of sums (e.g. average = sum / count); null when the count is 0' })
  derived: Record<string, number | null>;
}

export class FactBreakdownRowDto extends FactFiguresDto {
  @ApiProperty({ example: '440100' }) key: string;
  @ApiProperty({ example: '广州' }) name: string;
}

export class FactAnalyticsDto {
  @ApiProperty({ example: '000000' }) node: string;
  @ApiProperty({ example: 'score_bands_by_kind' }) factSet: string;
  @ApiProperty({ enum: ['day', 'month'] }) periodType: string;
  @ApiPropertyOptional({ nullable: true, example: '440000' }) province: string | null;
  @ApiPropertyOptional({ nullable: true, example: '440100' }) city: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-11-01', description: 'Day, or first day of the month; null when no facts exist in scope yet' }) period: string | null;
  @ApiProperty({ example: 'band' }) groupBy: string;
  @ApiProperty({ example: { kind: 'credit' }, type: 'object', additionalProperties: { type: 'string' } }) filters: Record<string, string>;
  @ApiProperty({ type: FactFiguresDto }) totals: FactFiguresDto;
  @ApiProperty({ type: [FactBreakdownRowDto] }) breakdown: FactBreakdownRowDto[];
  @ApiProperty({ type: [FreshnessDto], description: 'As of which batch of each city' }) freshness: FreshnessDto[];
  @ApiProperty({ type: [String], description: 'Cities of the scope known to the topology with no slice for the period' }) missing: string[];
}
