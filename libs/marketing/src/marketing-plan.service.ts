import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { allowedPlanTransitions, assertPlanEditable, assertPlanTransition, isPlanEditable, PLAN_INITIAL_STATE, PlanState, PlanTransitionDto, planTransitions, recordPlanTransition } from '@crm/planning';
import { staleVersion, translateWriteError } from './database-error.util';
import { CreateEvaluationDto, CreateMarketingPlanDto, CreateStageResultDto, EvaluationDto, ListMarketingPlansDto, MarketingPlanDto, MarketingPlanFilterDto, MarketingPlanPageDto, StageResultDto, UpdateMarketingPlanDto } from './dto/marketing-plan.dto';
import { CampaignStatus, MARKETING_PLAN_ENTITY, MARKETING_PLAN_HISTORY_TABLE, PREVIOUS_EVALUATIONS_SHOWN } from './marketing.constants';
import { EvaluationRow, MarketingPlanRepository, MarketingPlanRow, PlanWrite, StageRow } from './marketing-plan.repository';

const REFERENCES = { fk_marketing_plan_owner: 'ownerStaffId' };
const audited = (p: PlanWrite) => ({ ...p, content: p.content === null ? null : `${p.content.length} characters` });

/**
 * 營銷方案: CRUD and the plan lifecycle of @crm/planning, stage results while executing, the
 * evaluation at the end. A plan being drafted (draft, revised) shows the latest evaluations of
 * earlier plans (`previousEvaluations`), as DOMAIN §5 asks: the evaluation is stored for the next plan.
 */
@Injectable()
export class MarketingPlanService {
  constructor(
    private readonly repo: MarketingPlanRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateMarketingPlanDto, actor: RequestActor): Promise<MarketingPlanDto> {
    const values: PlanWrite = {
      title: dto.title.trim(),
      objective: dto.objective.trim(),
      periodFrom: dto.periodFrom,
      periodTo: dto.periodTo,
      ownerStaffId: dto.ownerStaffId ?? null,
      budgetFen: dto.budgetFen ?? null,
      controlGroupPercent: dto.controlGroupPercent ?? 0,
      content: dto.content ?? null,
    };
    check(values);
    const id = await this.repo.transaction(async (manager) => {
      try {
        const planId = await this.repo.insert(manager, values, actor.username);
        await recordPlanTransition(manager, MARKETING_PLAN_HISTORY_TABLE, { planId, from: null, to: PLAN_INITIAL_STATE, reason: null, by: actor.username });
        await this.audit.record(manager, actor, { action: 'create', entityType: MARKETING_PLAN_ENTITY, entityId: planId, newValues: audited(values) });
        return planId;
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Marketing plan');
      }
    });
    return this.get(id);
  }

  async list(q: ListMarketingPlansDto): Promise<MarketingPlanPageDto> {
    const [rows, total] = await this.repo.list(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: MarketingPlanFilterDto) {
    return this.repo.query(q);
  }

  async get(id: string): Promise<MarketingPlanDto> {
    const row = await this.repo.byId(id);
    if (!row) throw DomainException.notFound('Marketing plan', id);
    const [history, stages, [evaluation], campaigns] = await Promise.all([
      planTransitions(this.repo.manager, MARKETING_PLAN_HISTORY_TABLE, id),
      this.repo.stageResults(id),
      this.repo.evaluations(1, id),
      this.repo.campaigns(id),
    ]);
    const dto: MarketingPlanDto = { ...toDto(row), history, stageResults: stages.map(toStage), evaluation: evaluation ? toEvaluation(evaluation) : null, campaignIds: campaigns.map((c) => c.id) };
    if (isPlanEditable(row.state)) dto.previousEvaluations = (await this.repo.evaluations(PREVIOUS_EVALUATIONS_SHOWN, undefined, id)).map(toEvaluation);
    return dto;
  }

  /** Edits the content; only while draft or revised (409 otherwise), `version` current. */
  async update(id: string, dto: UpdateMarketingPlanDto, actor: RequestActor): Promise<MarketingPlanDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      assertPlanEditable(row.state, `Marketing plan ${id}`);
      const before = write(row);
      const after: PlanWrite = {
        title: dto.title?.trim() ?? before.title,
        objective: dto.objective?.trim() ?? before.objective,
        periodFrom: dto.periodFrom ?? before.periodFrom,
        periodTo: dto.periodTo ?? before.periodTo,
        ownerStaffId: dto.ownerStaffId === undefined ? before.ownerStaffId : dto.ownerStaffId,
        budgetFen: dto.budgetFen === undefined ? before.budgetFen : dto.budgetFen,
        controlGroupPercent: dto.controlGroupPercent ?? before.controlGroupPercent,
        content: dto.content === undefined ? before.content : dto.content,
      };
      check(after);
      try {
        await this.repo.update(manager, id, after);
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Marketing plan');
      }
      const { oldValues, newValues } = changedFields(audited(before), audited(after));
      await this.audit.record(manager, actor, { action: 'update', entityType: MARKETING_PLAN_ENTITY, entityId: id, oldValues, newValues });
    });
    return this.get(id);
  }

  /** Only a draft without campaigns may be deleted (409 otherwise); later plans are history. */
  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Marketing plan', id);
      if (row.state !== PlanState.Draft) throw DomainException.conflict(`Only a draft plan can be deleted; this one is ${row.state}`, [{ field: 'state', problem: 'must be draft' }]);
      const campaigns = await this.repo.campaigns(id, manager);
      if (campaigns.length) throw DomainException.conflict(`The plan has ${campaigns.length} campaign(s); delete them first`, [{ field: 'id', problem: 'has campaigns' }]);
      await this.repo.remove(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: MARKETING_PLAN_ENTITY, entityId: id, oldValues: { title: row.title, state: row.state } });
    });
  }

  /** Moves the plan along its lifecycle and records who, when and why. `evaluated` only through POST …/evaluation. */
  async transition(id: string, dto: PlanTransitionDto, actor: RequestActor): Promise<MarketingPlanDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      const reason = assertPlanTransition(row.state, dto.to, dto.reason);
      if (dto.to === PlanState.Evaluated) {
        throw DomainException.conflict('A plan becomes evaluated by recording its evaluation: POST /api/v1/marketing-plans/:id/evaluation', [{ field: 'to', problem: 'use the evaluation endpoint' }]);
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
      if (!row) throw DomainException.notFound('Marketing plan', id);
      if (row.state !== PlanState.Executing) throw DomainException.conflict(`Stage results are fed back while the plan is executing; it is ${row.state}`, [{ field: 'state', problem: 'must be executing' }]);
      const saved = await this.repo.addStageResult(manager, id, { stage: dto.stage.trim(), result: dto.result.trim(), metrics }, actor.username);
      await this.audit.record(manager, actor, { action: 'create', entityType: 'marketing_plan_stage_result', entityId: id, newValues: { stage: saved.stage, metrics } });
      return toStage(saved);
    });
  }

  /** Records the evaluation and moves the plan executing → evaluated, in one transaction; its campaigns must be closed. */
  async evaluate(id: string, dto: CreateEvaluationDto, actor: RequestActor): Promise<MarketingPlanDto> {
    const scores = numbers(dto.scores ?? {}, 'scores', 0, 100);
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      assertPlanTransition(row.state, PlanState.Evaluated, null);
      const open = (await this.repo.campaigns(id, manager)).filter((c) => c.status !== CampaignStatus.Closed);
      if (open.length) throw DomainException.conflict(`Close the plan's campaigns before evaluating it (${open.length} still open)`, [{ field: 'campaigns', problem: `not closed: ${open.map((c) => c.id).join(', ')}` }]);
      const evaluation = { overallScore: dto.overallScore, scores, notes: dto.notes.trim(), lessons: dto.lessons?.trim() || null };
      await this.repo.addEvaluation(manager, id, evaluation, actor.username);
      await this.move(manager, row, PlanState.Evaluated, `evaluated: ${dto.overallScore}/100`, actor);
      await this.audit.record(manager, actor, { action: 'create', entityType: 'marketing_plan_evaluation', entityId: id, newValues: { overallScore: evaluation.overallScore, scores } });
    });
    return this.get(id);
  }

  /** The latest evaluations, newest first: what a drafter reads before the next plan. */
  async latestEvaluations(limit: number): Promise<EvaluationDto[]> {
    return (await this.repo.evaluations(limit)).map(toEvaluation);
  }

  /** The plan's state and control-group percentage, locked (for campaigns). */
  async lockForCampaign(manager: EntityManager, id: string): Promise<MarketingPlanRow | undefined> {
    return this.repo.lock(manager, id);
  }

  private async move(manager: EntityManager, row: MarketingPlanRow, to: PlanState, reason: string | null, actor: RequestActor): Promise<void> {
    await this.repo.setState(manager, row.id, to);
    await recordPlanTransition(manager, MARKETING_PLAN_HISTORY_TABLE, { planId: row.id, from: row.state, to, reason, by: actor.username });
    await this.audit.record(manager, actor, { action: 'update', entityType: MARKETING_PLAN_ENTITY, entityId: row.id, oldValues: { state: row.state }, newValues: { state: to, reason } });
  }

  private async locked(manager: EntityManager, id: string, version: number): Promise<MarketingPlanRow> {
    const row = await this.repo.lock(manager, id);
    if (!row) throw DomainException.notFound('Marketing plan', id);
    if (row.version !== version) throw staleVersion('marketing plan', row.version, version);
    return row;
  }
}

function check(p: PlanWrite): void {
  if (p.periodTo < p.periodFrom) throw new DomainException(ErrorCode.ValidationFailed, 'periodTo must not be before periodFrom', [{ field: 'periodTo', problem: 'must be on or after periodFrom' }]);
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

function write(r: MarketingPlanRow): PlanWrite {
  return {
    title: r.title, objective: r.objective, periodFrom: r.period_from, periodTo: r.period_to, ownerStaffId: r.owner_staff_id,
    budgetFen: r.budget_fen === null ? null : Number(r.budget_fen), controlGroupPercent: r.control_group_percent, content: r.content,
  };
}

function toDto(r: MarketingPlanRow): MarketingPlanDto {
  return {
    id: r.id,
    title: r.title,
    objective: r.objective,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    ownerStaffId: r.owner_staff_id,
    budgetFen: r.budget_fen === null ? null : Number(r.budget_fen),
    controlGroupPercent: r.control_group_percent,
    content: r.content,
    state: r.state,
    nextStates: [...allowedPlanTransitions(r.state)],
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

function toStage(s: StageRow): StageResultDto {
  return { id: s.id, stage: s.stage, result: s.result, metrics: s.metrics, at: new Date(s.at).toISOString(), by: s.by };
}

function toEvaluation(e: EvaluationRow): EvaluationDto {
  return {
    planId: e.plan_id, planTitle: e.plan_title, objective: e.objective, periodFrom: e.period_from, periodTo: e.period_to, overallScore: e.overall_score, scores: e.scores,
    notes: e.notes, lessons: e.lessons, evaluatedAt: new Date(e.evaluated_at).toISOString(), evaluatedBy: e.evaluated_by,
  };
}
