import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { allowedPlanTransitions, assertPlanEditable, assertPlanTransition, PLAN_INITIAL_STATE, PlanState, PlanTransitionDto, planTransitions, recordPlanTransition } from '@crm/planning';
import { staleVersion, translateWriteError } from './database-error.util';
import { CreateEvaluationDto, CreateServicePlanDto, CreateStageResultDto, EvaluationDto, ListServicePlansDto, ServicePlanDto, ServicePlanFilterDto, ServicePlanPageDto, StageResultDto, UpdateServicePlanDto } from './dto/service-plan.dto';
import { SERVICE_PLAN_ENTITY, SERVICE_PLAN_HISTORY_TABLE } from './service-care.constants';
import { EvaluationRow, PlanWrite, ServicePlanRepository, ServicePlanRow } from './service-plan.repository';

const REFERENCES = { fk_service_plan_owner: 'ownerStaffId' };

/** 服務方案: CRUD and the plan lifecycle (@crm/planning), stage results while executing, the evaluation at the end. */
@Injectable()
export class ServicePlanService {
  constructor(
    private readonly repo: ServicePlanRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateServicePlanDto, actor: RequestActor): Promise<ServicePlanDto> {
    const values: PlanWrite = {
      title: dto.title.trim(),
      objective: dto.objective.trim(),
      scopeDistricts: [...new Set(dto.scopeDistricts ?? [])],
      scopeSegments: [...new Set((dto.scopeSegments ?? []).map((s) => s.trim()).filter(Boolean))],
      scopeNote: dto.scopeNote?.trim() || null,
      periodFrom: dto.periodFrom,
      periodTo: dto.periodTo,
      ownerStaffId: dto.ownerStaffId ?? null,
      content: dto.content ?? null,
    };
    await this.check(values);
    const id = await this.repo.transaction(async (manager) => {
      try {
        const planId = await this.repo.insert(manager, values, actor.username);
        await recordPlanTransition(manager, SERVICE_PLAN_HISTORY_TABLE, { planId, from: null, to: PLAN_INITIAL_STATE, reason: null, by: actor.username });
        await this.audit.record(manager, actor, { action: 'create', entityType: SERVICE_PLAN_ENTITY, entityId: planId, newValues: { ...values, content: values.content ? `${values.content.length} characters` : null } });
        return planId;
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Service plan');
      }
    });
    return this.get(id);
  }

  async list(q: ListServicePlansDto): Promise<ServicePlanPageDto> {
    const [rows, total] = await this.repo.list(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: ServicePlanFilterDto) {
    return this.repo.query(q);
  }

  async get(id: string): Promise<ServicePlanDto> {
    const row = await this.repo.byId(id);
    if (!row) throw DomainException.notFound('Service plan', id);
    const [history, stages, [evaluation]] = await Promise.all([planTransitions(this.repo.manager, SERVICE_PLAN_HISTORY_TABLE, id), this.repo.stageResults(id), this.repo.evaluations(1, id)]);
    return { ...toDto(row), history, stageResults: stages.map(toStage), evaluation: evaluation ? toEvaluation(evaluation) : null };
  }

  /** Edits the content; only while draft or revised (409 otherwise), `version` current. */
  async update(id: string, dto: UpdateServicePlanDto, actor: RequestActor): Promise<ServicePlanDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      assertPlanEditable(row.state, `Service plan ${id}`);
      const before = write(row);
      const after: PlanWrite = {
        title: dto.title?.trim() ?? before.title,
        objective: dto.objective?.trim() ?? before.objective,
        scopeDistricts: dto.scopeDistricts ? [...new Set(dto.scopeDistricts)] : before.scopeDistricts,
        scopeSegments: dto.scopeSegments ? [...new Set(dto.scopeSegments.map((s) => s.trim()).filter(Boolean))] : before.scopeSegments,
        scopeNote: dto.scopeNote === undefined ? before.scopeNote : dto.scopeNote?.trim() || null,
        periodFrom: dto.periodFrom ?? before.periodFrom,
        periodTo: dto.periodTo ?? before.periodTo,
        ownerStaffId: dto.ownerStaffId === undefined ? before.ownerStaffId : dto.ownerStaffId,
        content: dto.content === undefined ? before.content : dto.content,
      };
      await this.check(after);
      try {
        await this.repo.update(manager, id, after);
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Service plan');
      }
      const { oldValues, newValues } = changedFields({ ...before, content: before.content?.length ?? null }, { ...after, content: after.content?.length ?? null });
      await this.audit.record(manager, actor, { action: 'update', entityType: SERVICE_PLAN_ENTITY, entityId: id, oldValues, newValues });
    });
    return this.get(id);
  }

  /** Only a draft may be deleted (409 otherwise); later plans are history. */
  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Service plan', id);
      if (row.state !== PlanState.Draft) throw DomainException.conflict(`Only a draft plan can be deleted; this one is ${row.state}`, [{ field: 'state', problem: 'must be draft' }]);
      await this.repo.remove(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: SERVICE_PLAN_ENTITY, entityId: id, oldValues: { title: row.title, state: row.state } });
    });
  }

  /** Moves the plan along its lifecycle and records who, when and why. `evaluated` only through POST …/evaluation. */
  async transition(id: string, dto: PlanTransitionDto, actor: RequestActor): Promise<ServicePlanDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      const reason = assertPlanTransition(row.state, dto.to, dto.reason);
      if (dto.to === PlanState.Evaluated) {
        throw DomainException.conflict('A plan becomes evaluated by recording its evaluation: POST /api/v1/service-plans/:id/evaluation', [{ field: 'to', problem: 'use the evaluation endpoint' }]);
      }
      await this.move(manager, row, dto.to, reason, actor);
    });
    return this.get(id);
  }

  /** 階段結果: only while executing. */
  async addStageResult(id: string, dto: CreateStageResultDto, actor: RequestActor): Promise<StageResultDto> {
    const metrics = numbers(dto.metrics ?? {}, 'metrics', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    return this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Service plan', id);
      if (row.state !== PlanState.Executing) throw DomainException.conflict(`Stage results are fed back while the plan is executing; it is ${row.state}`, [{ field: 'state', problem: 'must be executing' }]);
      const saved = await this.repo.addStageResult(manager, id, { stage: dto.stage.trim(), result: dto.result.trim(), metrics }, actor.username);
      await this.audit.record(manager, actor, { action: 'create', entityType: 'service_plan_stage_result', entityId: id, newValues: { stage: saved.stage, metrics } });
      return toStage(saved);
    });
  }

  /** Records the evaluation and moves the plan executing → evaluated, in one transaction. */
  async evaluate(id: string, dto: CreateEvaluationDto, actor: RequestActor): Promise<ServicePlanDto> {
    const scores = numbers(dto.scores ?? {}, 'scores', 0, 100);
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      assertPlanTransition(row.state, PlanState.Evaluated, null);
      const evaluation = { overallScore: dto.overallScore, scores, notes: dto.notes.trim(), lessons: dto.lessons?.trim() || null };
      await this.repo.addEvaluation(manager, id, evaluation, actor.username);
      await this.move(manager, row, PlanState.Evaluated, `evaluated: ${dto.overallScore}/100`, actor);
      await this.audit.record(manager, actor, { action: 'create', entityType: 'service_plan_evaluation', entityId: id, newValues: { overallScore: evaluation.overallScore, scores } });
    });
    return this.get(id);
  }

  /** The latest evaluations, newest first: what a drafter reads before the next plan. */
  async latestEvaluations(limit: number): Promise<EvaluationDto[]> {
    return (await this.repo.evaluations(limit)).map(toEvaluation);
  }

  private async move(manager: Parameters<typeof recordPlanTransition>[0], row: ServicePlanRow, to: PlanState, reason: string | null, actor: RequestActor): Promise<void> {
    await this.repo.setState(manager, row.id, to);
    await recordPlanTransition(manager, SERVICE_PLAN_HISTORY_TABLE, { planId: row.id, from: row.state, to, reason, by: actor.username });
    await this.audit.record(manager, actor, { action: 'update', entityType: SERVICE_PLAN_ENTITY, entityId: row.id, oldValues: { state: row.state }, newValues: { state: to, reason } });
  }

  private async locked(manager: Parameters<typeof recordPlanTransition>[0], id: string, version: number): Promise<ServicePlanRow> {
    const row = await this.repo.lock(manager, id);
    if (!row) throw DomainException.notFound('Service plan', id);
    if (row.version !== version) throw staleVersion('service plan', row.version, version);
    return row;
  }

  private async check(p: PlanWrite): Promise<void> {
    if (p.periodTo < p.periodFrom) throw new DomainException(ErrorCode.ValidationFailed, 'periodTo must not be before periodFrom', [{ field: 'periodTo', problem: 'must be on or after periodFrom' }]);
    const unknown = await this.repo.unknownDistricts(p.scopeDistricts);
    if (unknown.length) throw new DomainException(ErrorCode.ValidationFailed, `scopeDistricts holds unknown districts: ${unknown.join(', ')}`, [{ field: 'scopeDistricts', problem: 'unknown reference' }]);
  }
}

/** A JSON object of numbers within [min, max] (integers for scores), else 400 naming the field. */
function numbers(value: Record<string, unknown>, field: string, min: number, max: number): Record<string, number> {
  const entries = Object.entries(value);
  const bad = entries.filter(([k, v]) => typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (field === 'scores' && !Number.isInteger(v)) || k.length > 50);
  if (bad.length || entries.length > 50) {
    const problem = field === 'scores' ? 'each score must be an integer 0–100 (at most 50 criteria)' : 'each metric must be a number (at most 50)';
    throw new DomainException(ErrorCode.ValidationFailed, `${field}: ${problem}`, [{ field, problem }]);
  }
  return Object.fromEntries(entries) as Record<string, number>;
}

function write(r: ServicePlanRow): PlanWrite {
  return { title: r.title, objective: r.objective, scopeDistricts: r.scope_districts, scopeSegments: r.scope_segments, scopeNote: r.scope_note, periodFrom: r.period_from, periodTo: r.period_to, ownerStaffId: r.owner_staff_id, content: r.content };
}

function toDto(r: ServicePlanRow): ServicePlanDto {
  return {
    id: r.id,
    title: r.title,
    objective: r.objective,
    scopeDistricts: r.scope_districts,
    scopeSegments: r.scope_segments,
    scopeNote: r.scope_note,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    ownerStaffId: r.owner_staff_id,
    content: r.content,
    state: r.state,
    nextStates: [...allowedPlanTransitions(r.state)],
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

function toStage(s: { id: string; stage: string; result: string; metrics: Record<string, number>; at: Date; by: string }): StageResultDto {
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
