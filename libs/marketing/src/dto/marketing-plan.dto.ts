import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PlanState, PlanTransitionEventDto } from '@crm/planning';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';

export class CreateMarketingPlanDto {
  @ApiProperty({ maxLength: 200, example: '2027 年一季度寬帶提速營銷方案' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 1000, example: '寬帶用戶升級千兆 5,000 戶' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  objective: string;

  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate()
  periodFrom: string;

  @ApiProperty({ example: '2027-03-31' })
  @IsCalendarDate()
  periodTo: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff member responsible (base-config)' })
  @IsOptionalNotNull()
  @IsUUID('4')
  ownerStaffId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'Budget, fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  budgetFen?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 50, default: 0, description: '對照組: percentage of each campaign\'s contact list held back (0 = no control group)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  controlGroupPercent?: number;

  @ApiPropertyOptional({ maxLength: 20000, description: '方案內容: steps, times, places' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  content?: string;
}

export class UpdateMarketingPlanDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  objective?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  periodFrom?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsCalendarDate()
  periodTo?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  ownerStaffId?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  budgetFen?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 50 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(50)
  controlGroupPercent?: number;

  @ApiPropertyOptional({ maxLength: 20000, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(20_000)
  content?: string | null;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export const MARKETING_PLAN_SORTS = ['createdAt', '-createdAt', 'periodFrom', '-periodFrom', 'title', '-title'] as const;

export class MarketingPlanFilterDto {
  @ApiPropertyOptional({ enum: PlanState })
  @IsOptional()
  @IsEnum(PlanState)
  state?: PlanState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  ownerStaffId?: string;

  @ApiPropertyOptional({ example: '2027-02-01', description: 'Plans whose period contains this day' })
  @IsOptional()
  @IsCalendarDate()
  activeOn?: string;

  @ApiPropertyOptional({ description: 'Words in the title' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: MARKETING_PLAN_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(MARKETING_PLAN_SORTS)
  sort: (typeof MARKETING_PLAN_SORTS)[number] = '-createdAt';
}

export class ListMarketingPlansDto extends IntersectionType(PageQueryDto, MarketingPlanFilterDto) {}
export class ExportMarketingPlansDto extends IntersectionType(ExportFormatDto, MarketingPlanFilterDto) {}

export class CreateStageResultDto {
  @ApiProperty({ maxLength: 100, example: '第一階段：短信觸達' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  stage: string;

  @ApiProperty({ maxLength: 2000, example: '發送 12,000 條，響應 640' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  result: string;

  @ApiPropertyOptional({ example: { sent: 12000, responded: 640 }, description: 'Figures of the stage (numbers)' })
  @IsOptional()
  @IsObject()
  metrics?: Record<string, number>;
}

export class CreateEvaluationDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  overallScore: number;

  @ApiPropertyOptional({ example: { reach: 85, conversion: 62 }, description: 'Per criterion, integers 0–100' })
  @IsOptional()
  @IsObject()
  scores?: Record<string, number>;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  notes: string;

  @ApiPropertyOptional({ maxLength: 2000, description: '經驗教訓 for the next plan' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  lessons?: string;

  @ApiProperty({ type: 'integer', description: 'Current version of the plan (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;
}

export class LatestEvaluationsDto {
  @ApiPropertyOptional({ type: 'integer', default: 5, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  latest = 5;
}

export class StageResultDto {
  @ApiProperty() id: string;
  @ApiProperty() stage: string;
  @ApiProperty() result: string;
  @ApiProperty() metrics: Record<string, number>;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
}

export class EvaluationDto {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() objective: string;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty() overallScore: number;
  @ApiProperty() scores: Record<string, number>;
  @ApiProperty() notes: string;
  @ApiProperty({ nullable: true }) lessons: string | null;
  @ApiProperty() evaluatedAt: string;
  @ApiProperty() evaluatedBy: string;
}

export class MarketingPlanDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() objective: string;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty({ nullable: true }) ownerStaffId: string | null;
  @ApiProperty({ nullable: true }) budgetFen: number | null;
  @ApiProperty() controlGroupPercent: number;
  @ApiProperty({ nullable: true }) content: string | null;
  @ApiProperty({ enum: PlanState }) state: PlanState;
  @ApiProperty({ enum: PlanState, isArray: true, description: 'Where the plan may go next' }) nextStates: PlanState[];
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [PlanTransitionEventDto], description: 'Only on single-plan answers' }) history?: PlanTransitionEventDto[];
  @ApiPropertyOptional({ type: [StageResultDto], description: 'Only on single-plan answers' }) stageResults?: StageResultDto[];
  @ApiPropertyOptional({ type: EvaluationDto, nullable: true, description: 'Only on single-plan answers' }) evaluation?: EvaluationDto | null;
  @ApiPropertyOptional({ type: [String], description: 'Ids of the plan\'s campaigns; only on single-plan answers' }) campaignIds?: string[];
  @ApiPropertyOptional({ type: [EvaluationDto], description: 'While draft or revised: the latest evaluations of earlier plans, newest first (what the drafter reads)' }) previousEvaluations?: EvaluationDto[];
}

export class MarketingPlanPageDto {
  @ApiProperty({ type: [MarketingPlanDto] }) items: MarketingPlanDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
