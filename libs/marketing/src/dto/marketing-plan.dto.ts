import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ExportFormatDto } from '@crm/data-exchange';
import { EvaluationDto, PlanDto, PlanFilterDto, UpdatePlanDto } from '@crm/planning';
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

export class UpdateMarketingPlanDto extends UpdatePlanDto {
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
}

/** The plan filters of @crm/planning. */
export class MarketingPlanFilterDto extends PlanFilterDto {}

export class ListMarketingPlansDto extends IntersectionType(PageQueryDto, MarketingPlanFilterDto) {}
export class ExportMarketingPlansDto extends IntersectionType(ExportFormatDto, MarketingPlanFilterDto) {}

export class MarketingPlanDto extends PlanDto {
  @ApiProperty({ nullable: true }) budgetFen: number | null;
  @ApiProperty() controlGroupPercent: number;
  @ApiPropertyOptional({ type: [String], description: 'Ids of the plan\'s campaigns; only on single-plan answers' }) campaignIds?: string[];
  @ApiPropertyOptional({ type: [EvaluationDto], description: 'While draft or revised: the latest evaluations of earlier plans, newest first (what the drafter reads)' }) previousEvaluations?: EvaluationDto[];
}

export class MarketingPlanPageDto {
  @ApiProperty({ type: [MarketingPlanDto] }) items: MarketingPlanDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
