import { Body, HttpCode, Param, PipeTransform, Post, Type } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, Permission, RequestActor, RequirePermissions } from '@crm/auth';
import { ErrorResponseDto } from '@crm/errors';
import { CreateEvaluationDto, CreateStageResultDto, StageResultDto } from './dto/plan-work.dto';
import { PlanTransitionDto } from './dto/plan-transition.dto';

/** What a domain's plan service offers the lifecycle routes (PlanWorkflow underneath). */
export interface PlanLifecycleService<P> {
  transition(id: string, dto: PlanTransitionDto, actor: RequestActor): Promise<P>;
  addStageResult(id: string, dto: CreateStageResultDto, actor: RequestActor): Promise<StageResultDto>;
  evaluate(id: string, dto: CreateEvaluationDto, actor: RequestActor): Promise<P>;
}

export interface PlanLifecycleRoutesOptions<P> {
  /** The domain's plan answer (e.g. ServicePlanDto), for the documentation. */
  planDto: Type<P>;
  /** The domain's write permission. */
  write: Permission;
  /** The `:id` pipe (a UUID, else 400). */
  idPipe: PipeTransform;
  /** Summary of `POST :id/evaluation` and when it is refused. */
  evaluateSummary?: string;
}

/**
 * A base class for a domain's plan controller with the lifecycle routes `POST :id/transitions`,
 * `POST :id/stage-results` and `POST :id/evaluation`, guarded by the domain's own write permission.
 * The domain's controller extends it, sets `@Controller(<its path>)` and keeps its own CRUD routes;
 * it gives the plan service as `plans`.
 */
export function PlanLifecycleRoutes<P>(o: PlanLifecycleRoutesOptions<P>) {
  abstract class PlanLifecycleController {
    protected abstract readonly plans: PlanLifecycleService<P>;

    @Post(':id/transitions')
    @HttpCode(200)
    @RequirePermissions(o.write)
    @ApiOperation({ summary: 'Move the plan along its lifecycle {to, reason, version}; recorded with who, when and why' })
    @ApiOkResponse({ type: o.planDto })
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    @ApiConflictResponse({ type: ErrorResponseDto, description: 'Illegal move (names from and to), or stale version' })
    transition(@Param('id', o.idPipe) id: string, @Body() dto: PlanTransitionDto, @Actor() actor: RequestActor): Promise<P> {
      return this.plans.transition(id, dto, actor);
    }

    @Post(':id/stage-results')
    @RequirePermissions(o.write)
    @ApiOperation({ summary: 'Feed back a stage result (階段結果) while executing' })
    @ApiCreatedResponse({ type: StageResultDto })
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    @ApiConflictResponse({ type: ErrorResponseDto, description: 'The plan is not executing' })
    addStageResult(@Param('id', o.idPipe) id: string, @Body() dto: CreateStageResultDto, @Actor() actor: RequestActor): Promise<StageResultDto> {
      return this.plans.addStageResult(id, dto, actor);
    }

    @Post(':id/evaluation')
    @RequirePermissions(o.write)
    @ApiOperation({ summary: o.evaluateSummary ?? 'Record the evaluation (方案評價) of an executing plan; it becomes evaluated' })
    @ApiCreatedResponse({ type: o.planDto })
    @ApiNotFoundResponse({ type: ErrorResponseDto })
    @ApiConflictResponse({ type: ErrorResponseDto, description: 'The plan is not executing, or stale version' })
    evaluate(@Param('id', o.idPipe) id: string, @Body() dto: CreateEvaluationDto, @Actor() actor: RequestActor): Promise<P> {
      return this.plans.evaluate(id, dto, actor);
    }
  }
  return PlanLifecycleController;
}
