import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull } from '@crm/platform';
import { PlanState } from '../plan.constants';
import { PlanTransitionEventDto } from './plan-transition.dto';
import { EvaluationDto, StageResultDto } from './plan-work.dto';

/** The fields of `PATCH /<plans>/:id` every plan has; a domain's update body extends it with its own. */
export class UpdatePlanDto {
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

/** What every plan answer has; a domain's plan answer extends it with its own fields. */
export class PlanDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() objective: string;
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
