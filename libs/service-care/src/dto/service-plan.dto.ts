import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { PlanState, PlanTransitionEventDto } from '@crm/planning';
import { IsCalendarDate, IsOptionalNotNull, PageQueryDto } from '@crm/platform';
import { DISTRICT_CODE } from './common.dto';

export class CreateServicePlanDto {
  @ApiProperty({ maxLength: 200, example: '2027 年一季度大客戶關懷方案' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 1000, example: '大客戶滿意度提升到 90 分' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  objective: string;

  @ApiPropertyOptional({ type: [String], example: ['440106'], description: 'District codes covered; empty = the whole city' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(DISTRICT_CODE, { each: true, message: 'scopeDistricts must hold 6-digit district codes' })
  scopeDistricts?: string[];

  @ApiPropertyOptional({ type: [String], example: ['key_enterprise'], description: 'Segments covered (customer types, level codes or free text)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  scopeSegments?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  scopeNote?: string;

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

  @ApiPropertyOptional({ maxLength: 20000, description: '方案內容: steps, times, places' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  content?: string;
}

export class UpdateServicePlanDto {
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

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(DISTRICT_CODE, { each: true, message: 'scopeDistricts must hold 6-digit district codes' })
  scopeDistricts?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  scopeSegments?: string[];

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  scopeNote?: string | null;

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

export const SERVICE_PLAN_SORTS = ['createdAt', '-createdAt', 'periodFrom', '-periodFrom', 'title', '-title'] as const;

export class ServicePlanFilterDto {
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

  @ApiPropertyOptional({ enum: SERVICE_PLAN_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(SERVICE_PLAN_SORTS)
  sort: (typeof SERVICE_PLAN_SORTS)[number] = '-createdAt';
}

export class ListServicePlansDto extends IntersectionType(PageQueryDto, ServicePlanFilterDto) {}
export class ExportServicePlansDto extends IntersectionType(ExportFormatDto, ServicePlanFilterDto) {}

export class CreateStageResultDto {
  @ApiProperty({ maxLength: 100, example: '第一階段：走訪' })
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

export class ServicePlanDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() objective: string;
  @ApiProperty({ type: [String] }) scopeDistricts: string[];
  @ApiProperty({ type: [String] }) scopeSegments: string[];
  @ApiProperty({ nullable: true }) scopeNote: string | null;
  @ApiProperty() periodFrom: string;
  @ApiProperty() periodTo: string;
  @ApiProperty({ nullable: true }) ownerStaffId: string | null;
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
}

export class ServicePlanPageDto {
  @ApiProperty({ type: [ServicePlanDto] }) items: ServicePlanDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
