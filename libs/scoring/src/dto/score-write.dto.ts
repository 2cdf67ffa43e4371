import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsIsoDateTime } from '@crm/platform';
import { PERIOD_PATTERN, SCORE_KINDS, ScoreKind, SURVEY_CHANNELS, SurveyChannel } from '../scoring.constants';

/** POST /scores/recompute */
export class RecomputeScoresDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Customers to recompute (at most recomputeMaxCustomers, default 1,000); default: every customer, if there are no more than that' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100_000)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  customerIds?: string[];

  @ApiPropertyOptional({ example: '2026-12', description: 'Default: the current month' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period must be a month YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ enum: SCORE_KINDS, isArray: true, description: 'Default: all three' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SCORE_KINDS, { each: true })
  kinds?: ScoreKind[];

  @ApiPropertyOptional({ default: false, description: 'Also replace values set by hand (source manual) for the period' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

/** PUT /customers/:id/scores/:kind */
export class SetScoreDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 85.5 })
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  score: number;

  @ApiProperty({ example: '客戶投訴處理後回訪確認', description: 'Why the value is set by hand (audited)' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reason: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Default: the current month' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period must be a month YYYY-MM' })
  period?: string;
}

const factor = () => (target: object, key: string) => {
  ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })(target, key);
  IsInt()(target, key);
  Min(0)(target, key);
  Max(100)(target, key);
};

/** POST /satisfaction-surveys: the nine factors (DOMAIN.md §3.3), each 0–100. */
export class CreateSurveyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  customerId: string;

  @ApiPropertyOptional({ example: '2026-12', description: "Default: the month of surveyedAt in the city's time zone" })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period must be a month YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ example: '2026-12-01T10:00:00+08:00', description: 'Default: now; not in the future' })
  @IsOptional()
  @IsIsoDateTime()
  surveyedAt?: string;

  @ApiProperty({ enum: SURVEY_CHANNELS })
  @IsIn(SURVEY_CHANNELS)
  channel: SurveyChannel;

  /** 企業形象 */
  @factor() corporateImage: number;
  /** 服務態度 */
  @factor() attitude: number;
  /** 服務質量 */
  @factor() serviceQuality: number;
  /** 客戶關懷 */
  @factor() customerCare: number;
  /** 網絡可靠性 */
  @factor() reliability: number;
  /** 及時性 */
  @factor() timeliness: number;
  /** 安全性 */
  @factor() security: number;
  /** 給定價格下的質量 */
  @factor() qualityAtPrice: number;
  /** 給定質量下的價格 */
  @factor() priceAtQuality: number;
}
