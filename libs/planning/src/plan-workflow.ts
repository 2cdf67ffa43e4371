import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DomainException, ErrorCode, staleVersion } from '@crm/errors';
import { CreateEvaluationDto, CreateStageResultDto, EvaluationDto, StageResultDto } from './dto/plan-work.dto';
import { PlanTransitionDto, PlanTransitionEventDto } from './dto/plan-transition.dto';
import { planTransitions, recordPlanTransition } from './plan-history.util';
import { assertPlanTransition } from './plan-lifecycle.util';
import { PLAN_INITIAL_STATE, PlanState } from './plan.constants';

/** What the workflow needs of a domain's plan row. */
export interface PlanWorkflowRow {
  id: string;
  state: PlanState;
  version: number;
}

export interface PlanActor {
  username: string;
}

export interface PlanAuditEntry {
  action: 'create' | 'update';
  entityType: string;
  entityId: string;
  oldValues?: Record<string, unknown>;
  newValues?: Record<string, unknown>;
}

/** The audit log (e.g. @crm/audit's AuditService), written with the transition's own manager. */
export interface PlanAuditLog<A extends PlanActor> {
  record(manager: EntityManager, actor: A, entry: PlanAuditEntry): Promise<void>;
}

/** A domain's plan entity and the three record entities it extends from @crm/planning's column sets. */
export interface PlanEntities {
  plan: EntityTarget<ObjectLiteral>;
  transition: EntityTarget<ObjectLiteral>;
  stageResult: EntityTarget<ObjectLiteral>;
  evaluation: EntityTarget<ObjectLiteral>;
}

export interface PlanWorkflowOptions<R extends PlanWorkflowRow, A extends PlanActor> {
  dataSource: DataSource;
  entities: PlanEntities;
  audit: PlanAuditLog<A>;
  /** `Service plan`: for messages (404, stale version). */
  label: string;
  /** Audit entity type of the plan (`service_plan`); stage results and evaluations are audited as `<type>_stage_result`, `<type>_evaluation`. */
  entityType: string;
  /** `/api/v1/service-plans`: named in the 409 for `to: evaluated`. */
  route: string;
  /** Locks the plan row (`FOR UPDATE`) in `manager`'s transaction and reads it; undefined when there is none. */
  lock(manager: EntityManager, id: string): Promise<R | undefined>;
}

interface StageRow {
  id: string;
  stage: string;
  result: string;
  metrics: Record<string, number>;
  at: Date;
  by: string;
}

interface EvaluationRow {
  plan_id: string;
  plan_title: string;
  objective: string;
  period_from: string;
  period_to: string;
  overall_score: number;
  scores: Record<string, number>;
  notes: string;
  lessons: string | null;
  evaluated_at: Date;
  evaluated_by: string;
}

/** The transitions, stage results and evaluation of one plan, for single-plan answers. */
export interface PlanRecords {
  history: PlanTransitionEventDto[];
  stageResults: StageResultDto[];
  evaluation: EvaluationDto | null;
}

/**
 * The plan workflow shared by service and marketing plans: transitions (with history and audit),
 * stage results while executing, the evaluation that ends the plan, and reading them back. A domain
 * keeps its plan table, CRUD and routes; it gives its entities (table names come from their
 * metadata), how to lock a plan row, and its audit log. The plan table must have `id, title,
 * objective, period_from, period_to, state, version, updated_at`.
 */
export class PlanWorkflow<R extends PlanWorkflowRow, A extends PlanActor> {
  private names?: { plan: string; transition: string; stageResult: string; evaluation: string };

  constructor(private readonly options: PlanWorkflowOptions<R, A>) {}

  private get tables(): { plan: string; transition: string; stageResult: string; evaluation: string } {
    if (!this.names) {
      const { dataSource, entities } = this.options;
      const name = (target: EntityTarget<ObjectLiteral>) => dataSource.getMetadata(target).tableName;
      this.names = { plan: name(entities.plan), transition: name(entities.transition), stageResult: name(entities.stageResult), evaluation: name(entities.evaluation) };
    }
    return this.names;
  }

  /** Records the creation (null → draft) in the transaction that inserts the plan. */
  recordCreation(manager: EntityManager, planId: string, actor: A): Promise<void> {
    return recordPlanTransition(manager, this.tables.transition, { planId, from: null, to: PLAN_INITIAL_STATE, reason: null, by: actor.username });
  }

  /** The locked plan at `version`: 404 when there is none, 409 when stale. */
  async locked(manager: EntityManager, id: string, version?: number): Promise<R> {
    const row = await this.options.lock(manager, id);
    if (!row) throw DomainException.notFound(this.options.label, id);
    if (version !== undefined && row.version !== version) throw staleVersion(this.options.label.toLowerCase(), row.version, version);
    return row;
  }

  /** Moves the plan along its lifecycle and records who, when and why. `evaluated` only through evaluate(). */
  async transition(id: string, dto: PlanTransitionDto, actor: A): Promise<void> {
    await this.options.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      const reason = assertPlanTransition(row.state, dto.to, dto.reason);
      if (dto.to === PlanState.Evaluated) {
        throw DomainException.conflict(`A plan becomes evaluated by recording its evaluation: POST ${this.options.route}/:id/evaluation`, [{ field: 'to', problem: 'use the evaluation endpoint' }]);
      }
      await this.move(manager, row, dto.to, reason, actor);
    });
  }

  /** 階段結果: only while executing. */
  async addStageResult(id: string, dto: CreateStageResultDto, actor: A): Promise<StageResultDto> {
    const metrics = planNumbers(dto.metrics ?? {}, 'metrics', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    return this.options.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      if (row.state !== PlanState.Executing) throw DomainException.conflict(`Stage results are fed back while the plan is executing; it is ${row.state}`, [{ field: 'state', problem: 'must be executing' }]);
      const [saved]: StageRow[] = await manager.query(
        `INSERT INTO ${this.tables.stageResult} (plan_id, stage, result, metrics, by) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id, stage, result, metrics, at, by`,
        [id, dto.stage.trim(), dto.result.trim(), JSON.stringify(metrics), actor.username],
      );
      await this.options.audit.record(manager, actor, { action: 'create', entityType: `${this.options.entityType}_stage_result`, entityId: id, newValues: { stage: saved.stage, metrics } });
      return toStage(saved);
    });
  }

  /**
   * Records the evaluation and moves the plan executing → evaluated, in one transaction.
   * `check` runs after the move was found legal, before anything is written (a domain's own rule).
   */
  async evaluate(id: string, dto: CreateEvaluationDto, actor: A, check?: (manager: EntityManager, row: R) => Promise<void>): Promise<void> {
    const scores = planNumbers(dto.scores ?? {}, 'scores', 0, 100);
    await this.options.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      assertPlanTransition(row.state, PlanState.Evaluated, null);
      await check?.(manager, row);
      const evaluation = { overallScore: dto.overallScore, scores, notes: dto.notes.trim(), lessons: dto.lessons?.trim() || null };
      await manager.query(
        `INSERT INTO ${this.tables.evaluation} (plan_id, overall_score, scores, notes, lessons, evaluated_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, evaluation.overallScore, JSON.stringify(evaluation.scores), evaluation.notes, evaluation.lessons, actor.username],
      );
      await this.move(manager, row, PlanState.Evaluated, `evaluated: ${dto.overallScore}/100`, actor);
      await this.options.audit.record(manager, actor, { action: 'create', entityType: `${this.options.entityType}_evaluation`, entityId: id, newValues: { overallScore: evaluation.overallScore, scores } });
    });
  }

  /** Evaluations, newest first: of one plan, or the latest `limit` (optionally of plans other than `exceptPlanId`). */
  async evaluations(limit: number, planId?: string, exceptPlanId?: string): Promise<EvaluationDto[]> {
    const rows: EvaluationRow[] = await this.options.dataSource.query(
      `SELECT e.plan_id, p.title AS plan_title, p.objective, p.period_from::text AS period_from, p.period_to::text AS period_to, e.overall_score, e.scores, e.notes, e.lessons,
              e.evaluated_at, e.evaluated_by
       FROM ${this.tables.evaluation} e JOIN ${this.tables.plan} p ON p.id = e.plan_id
       WHERE ($2::uuid IS NULL OR e.plan_id = $2::uuid) AND ($3::uuid IS NULL OR e.plan_id <> $3::uuid)
       ORDER BY e.evaluated_at DESC, e.id DESC LIMIT $1`,
      [limit, planId ?? null, exceptPlanId ?? null],
    );
    return rows.map(toEvaluation);
  }

  /** History, stage results and evaluation of one plan. */
  async records(planId: string): Promise<PlanRecords> {
    const [history, stages, [evaluation]] = await Promise.all([
      planTransitions(this.options.dataSource.manager, this.tables.transition, planId),
      this.options.dataSource.query(`SELECT id::text AS id, stage, result, metrics, at, by FROM ${this.tables.stageResult} WHERE plan_id = $1 ORDER BY at, id`, [planId]) as Promise<StageRow[]>,
      this.evaluations(1, planId),
    ]);
    return { history, stageResults: stages.map(toStage), evaluation: evaluation ?? null };
  }

  private async move(manager: EntityManager, row: R, to: PlanState, reason: string | null, actor: A): Promise<void> {
    await manager.query(`UPDATE ${this.tables.plan} SET state = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [row.id, to]);
    await recordPlanTransition(manager, this.tables.transition, { planId: row.id, from: row.state, to, reason, by: actor.username });
    await this.options.audit.record(manager, actor, { action: 'update', entityType: this.options.entityType, entityId: row.id, oldValues: { state: row.state }, newValues: { state: to, reason } });
  }
}

/** A JSON object of numbers within [min, max] (integers for scores), else 400 naming the field. */
export function planNumbers(value: Record<string, unknown>, field: string, min: number, max: number): Record<string, number> {
  const entries = Object.entries(value);
  const bad = entries.filter(([k, v]) => typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (field === 'scores' && !Number.isInteger(v)) || k.length > 50);
  if (bad.length || entries.length > 50) {
    const problem = field === 'scores' ? 'each score must be an integer 0–100 (at most 50 criteria)' : 'each metric must be a number (at most 50)';
    throw new DomainException(ErrorCode.ValidationFailed, `${field}: ${problem}`, [{ field, problem }]);
  }
  return Object.fromEntries(entries) as Record<string, number>;
}

function toStage(s: StageRow): StageResultDto {
  return { id: s.id, stage: s.stage, result: s.result, metrics: s.metrics, at: new Date(s.at).toISOString(), by: s.by };
}

function toEvaluation(e: EvaluationRow): EvaluationDto {
  return {
    planId: e.plan_id,
    planTitle: e.plan_title,
    objective: e.objective,
    periodFrom: e.period_from,
    periodTo: e.period_to,
    overallScore: e.overall_score,
    scores: e.scores,
    notes: e.notes,
    lessons: e.lessons,
    evaluatedAt: new Date(e.evaluated_at).toISOString(),
    evaluatedBy: e.evaluated_by,
  };
}
