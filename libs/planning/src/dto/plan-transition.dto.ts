import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PLAN_REASON_REQUIRED, PlanState } from '../plan.constants';

/** Body of `POST /<plans>/:id/transitions`. */
export class PlanTransitionDto {
  @ApiProperty({ enum: PlanState, description: 'Target state; see the plan lifecycle (docs/service-care.md)' })
  @IsEnum(PlanState)
  to: PlanState;

  @ApiPropertyOptional({ maxLength: 500, description: `Why; required when moving to ${PLAN_REASON_REQUIRED.join(' or ')}` })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiProperty({ type: 'integer', description: 'Current version of the plan (409 when stale)' })
  @IsInt()
  @Min(1)
  version: number;
}

export class PlanTransitionEventDto {
  @ApiProperty({ enum: PlanState, nullable: true, description: 'null for the creation' }) fromState: PlanState | null;
  @ApiProperty({ enum: PlanState }) toState: PlanState;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
}
