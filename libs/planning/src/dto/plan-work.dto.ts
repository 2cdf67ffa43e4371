import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from '@crm/platform';
import { PlanState } from '../plan.constants';

/** Body of `POST /<plans>/:id/stage-results` (階段結果, only while executing). */
export class CreateStageResultDto {
  @ApiProperty({ maxLength: 100, example: '第一階段' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  stage: string;

  @ApiProperty({ maxLength: 2000, example: '走訪大客戶 42 家，收集意見 17 條' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  result: string;

  @ApiPropertyOptional({ example: { visited: 42, suggestions: 17 }, description: 'Figures of the stage (numbers)' })
  @IsOptional()
  @IsObject()
  metrics?: Record<string, number>;
}

/** Body of `POST /<plans>/:id/evaluation` (方案評價): the plan becomes evaluated. */
export class CreateEvaluationDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  overallScore: number;

  @ApiPropertyOptional({ example: { coverage: 85, satisfaction: 78 }, description: 'Per criterion, integers 0–100' })
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

/** Query of `GET /<plans>/evaluations`. */
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

export const PLAN_SORTS = ['createdAt', '-createdAt', 'periodFrom', '-periodFrom', 'title', '-title'] as const;

/** The filters of a domain's plan list and export (`GET /<plans>`, `GET /<plans>/export`). */
export class PlanFilterDto {
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

  @ApiPropertyOptional({ enum: PLAN_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(PLAN_SORTS)
  sort: (typeof PLAN_SORTS)[number] = '-createdAt';
}
