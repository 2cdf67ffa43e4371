import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class ServiceIndicatorsQueryDto {
  @ApiProperty({ example: '2026-12', description: 'The month (YYYY-MM)' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month (YYYY-MM)' })
  period: string;

  @ApiPropertyOptional({ default: 'service-indicators', description: 'City: the directive key to measure against' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/)
  key?: string;
}

export class IndicatorFigureDto {
  @ApiProperty({ enum: ['faultRepairHours', 'firstContactResolutionRate', 'complaintsPer10k', 'slaAttainmentRate'] }) indicator: string;
  @ApiProperty({ example: 'ratio' }) unit: string;
  @ApiProperty({ enum: ['higher', 'lower'], description: 'met when the value is at least (higher) / at most (lower) the target' }) better: string;
  @ApiProperty({ nullable: true, type: Number, description: "The directive's target (null in a total whose cities apply different targets)" }) target: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'numerator / denominator × scale; null without a denominator' }) value: number | null;
  @ApiProperty() numerator: number;
  @ApiProperty() denominator: number;
  @ApiProperty({ nullable: true, type: Boolean }) met: boolean | null;
  @ApiPropertyOptional({ description: 'Totals: cities that met it / cities measured' }) citiesMet?: number;
  @ApiPropertyOptional() cities?: number;
  @ApiPropertyOptional({ description: 'Directive version(s) measured against: <origin>:<key>:<version>', type: [String] }) directiveVersions?: string[];
}

/** A city's answer: measured live against the directive version in force. */
export class CityServiceIndicatorsDto {
  @ApiProperty({ example: '440100' }) node: string;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty({ example: 'service-indicators' }) key: string;
  @ApiProperty({ nullable: true, type: String, example: '000000' }) directiveOrigin: string | null;
  @ApiProperty({ nullable: true, type: Number }) directiveVersion: number | null;
  @ApiProperty({ nullable: true, type: String }) directiveTitle: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The day whose in-force version is used: the month’s last day, or today while it runs' }) referenceDay: string;
  @ApiProperty({ type: [IndicatorFigureDto] }) indicators: IndicatorFigureDto[];
}

export class CityIndicatorsDto {
  @ApiProperty({ example: '440100' }) node: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [IndicatorFigureDto] }) indicators: IndicatorFigureDto[];
}

/** A province's or HQ's answer: from the facts its cities published. */
export class RolledUpServiceIndicatorsDto {
  @ApiProperty({ example: '440000' }) node: string;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty({ type: [CityIndicatorsDto] }) cities: CityIndicatorsDto[];
  @ApiProperty({ type: [IndicatorFigureDto], description: 'Sums of numerators and denominators over the cities; rates derived once' }) total: IndicatorFigureDto[];
  @ApiProperty({ type: [String], description: 'Cities below without facts for the month' }) missing: string[];
}
