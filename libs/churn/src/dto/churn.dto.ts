import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { IsIsoDateTime, PageQueryDto } from '@crm/platform';
import { ChurnDetectedBy, ChurnRecordStatus, ChurnType } from '../churn-records.constants';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateChurnRecordDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  customerId: string;

  @ApiProperty({ enum: ChurnType })
  @IsEnum(ChurnType)
  type: ChurnType;

  @ApiPropertyOptional({ example: '搬遷至外地', maxLength: 500, description: '流失原因' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ example: '2026-11-20T10:00:00+08:00', description: 'When it was found; now when absent' })
  @IsOptional()
  @IsIsoDateTime()
  detectedAt?: string;

  @ApiPropertyOptional({ example: '2026-11', description: 'Month the churn belongs to; the month of detectedAt (city time) when absent' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'period must be a month YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What was seen (free JSON object)' })
  @IsOptional()
  @IsObject()
  evidence?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ChurnRecordStatus, default: ChurnRecordStatus.Open })
  @IsOptional()
  @IsEnum(ChurnRecordStatus)
  status?: ChurnRecordStatus;
}

/** Type, reason, evidence and status may change; `version` must be the current one. */
export class UpdateChurnRecordDto extends PartialType(OmitType(CreateChurnRecordDto, ['customerId', 'detectedAt', 'period'] as const)) {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export const CHURN_RECORD_SORTS = ['detectedAt', '-detectedAt', 'period', '-period'] as const;

export class ChurnRecordFilterDto {
  @ApiPropertyOptional({ enum: ChurnType })
  @IsOptional()
  @IsEnum(ChurnType)
  type?: ChurnType;

  @ApiPropertyOptional({ enum: ChurnRecordStatus })
  @IsOptional()
  @IsEnum(ChurnRecordStatus)
  status?: ChurnRecordStatus;

  @ApiPropertyOptional({ enum: ChurnDetectedBy })
  @IsOptional()
  @IsEnum(ChurnDetectedBy)
  detectedBy?: ChurnDetectedBy;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'period must be a month YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ description: 'Words contained in the reason' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reason?: string;

  @ApiPropertyOptional({ example: '440106', description: "The customer's district" })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  customerId?: string;

  @ApiPropertyOptional({ enum: CHURN_RECORD_SORTS, default: '-detectedAt' })
  @IsOptional()
  @IsIn(CHURN_RECORD_SORTS)
  sort: (typeof CHURN_RECORD_SORTS)[number] = '-detectedAt';
}

export class ListChurnRecordsDto extends IntersectionType(PageQueryDto, ChurnRecordFilterDto) {}
export class ExportChurnRecordsDto extends IntersectionType(ExportFormatDto, ChurnRecordFilterDto) {}

export class ChurnRecordResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() customerId: string;
  @ApiProperty({ enum: ChurnType }) type: ChurnType;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ enum: ChurnDetectedBy }) detectedBy: ChurnDetectedBy;
  @ApiProperty() detectedAt: string;
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) evidence: Record<string, unknown>;
  @ApiProperty({ enum: ChurnRecordStatus }) status: ChurnRecordStatus;
  @ApiProperty() createdBy: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ChurnRecordListItemDto extends ChurnRecordResponseDto {
  @ApiProperty() customerName: string;
  @ApiProperty() districtCode: string;
}

export class ChurnRecordPageDto {
  @ApiProperty({ type: [ChurnRecordListItemDto] }) items: ChurnRecordListItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class DetectChurnDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Last day of the 30-day window (city time); today when absent' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;
}

export class DetectionCountsDto {
  @ApiProperty({ description: 'Customers the rule selected' }) matched: number;
  @ApiProperty({ description: 'New records (the others existed already for this period)' }) created: number;
}

export class DetectionResultDto {
  @ApiProperty() asOf: string;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty() windowFrom: string;
  @ApiProperty() windowTo: string;
  @ApiProperty({ type: DetectionCountsDto }) usageDrop: DetectionCountsDto;
  @ApiProperty({ type: DetectionCountsDto }) disconnection: DetectionCountsDto;
}

export class ChurnModelSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty() trainedAt: string;
  @ApiProperty() trainedBy: string;
  @ApiProperty() churnedCount: number;
  @ApiProperty() retainedCount: number;
  @ApiProperty({ description: 'Mean ROC AUC of 5-fold stratified cross-validation' }) cvAuc: number;
  @ApiProperty({ type: [Number] }) cvFolds: number[];
  @ApiProperty({ description: 'Features with the largest standardised weights', type: 'array', items: { type: 'object' } })
  topWeights: { feature: string; weight: number }[];
}

export class ScoreChurnDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Model version; the latest when absent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  modelVersion?: number;
}

export class ScoreRunResultDto {
  @ApiProperty() modelVersion: number;
  @ApiProperty() scored: number;
  @ApiProperty({ description: 'Scores removed because the customer is no longer active' }) removed: number;
  @ApiProperty() scoredAt: string;
}

export class ChurnFactorDto {
  @ApiProperty() feature: string;
  @ApiProperty() value: number;
  @ApiProperty({ description: 'Log-odds added to an average customer’s risk' }) contribution: number;
}

export class ChurnRiskDto {
  @ApiProperty() customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() districtCode: string;
  @ApiProperty({ description: '0–1' }) probability: number;
  @ApiProperty({ type: [ChurnFactorDto] }) topFactors: ChurnFactorDto[];
  @ApiProperty() modelVersion: number;
  @ApiProperty() scoredAt: string;
}

export class ChurnRiskPageDto {
  @ApiProperty({ type: [ChurnRiskDto] }) items: ChurnRiskDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ChurnRiskFilterDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  minProbability?: number;

  @ApiPropertyOptional({ example: '440106' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' })
  districtCode?: string;
}

export class ListChurnRiskDto extends IntersectionType(PageQueryDto, ChurnRiskFilterDto) {}
export class ExportChurnRiskDto extends IntersectionType(ExportFormatDto, ChurnRiskFilterDto) {}
