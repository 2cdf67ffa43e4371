import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { allowedPlanTransitions, assertPlanEditable, CreateEvaluationDto, CreateStageResultDto, EvaluationDto, isPlanEditable, PlanState, PlanTransitionDto, PlanWorkflow, StageResultDto } from '@crm/planning';
import { translateWriteError } from './database-error.util';
import { CreateMarketingPlanDto, ListMarketingPlansDto, MarketingPlanDto, MarketingPlanFilterDto, MarketingPlanPageDto, UpdateMarketingPlanDto } from './dto/marketing-plan.dto';
import { MarketingPlan, MarketingPlanEvaluation, MarketingPlanStageResult, MarketingPlanTransition } from './entities';
import { CampaignStatus, MARKETING_PLAN_ENTITY, PREVIOUS_EVALUATIONS_SHOWN } from './marketing.constants';
import { MarketingPlanRepository, MarketingPlanRow, PlanWrite } from './marketing-plan.repository';

const REFERENCES = { fk_marketing_plan_owner: 'ownerStaffId' };
const audited = (p: PlanWrite) => ({ ...p, content: p.content === null ? null : `${p.content.length} characters` });

/**
 * 營銷方案: CRUD and the plan lifecycle of @crm/planning, stage results while executing, the
 * evaluation at the end. A plan being drafted (draft, revised) shows the latest evaluations of
 * earlier plans (`previousEvaluations`), as DOMAIN §5 asks: the evaluation is stored for the next plan.
 */
@Injectable()
export class MarketingPlanService {
  private readonly workflow: PlanWorkflow<MarketingPlanRow, RequestActor>;

  constructor(
    private readonly repo: MarketingPlanRepository,
    private readonly audit: AuditService,
  ) {
    this.workflow = new PlanWorkflow({
      dataSource: repo.dataSource,
      entities: { plan: MarketingPlan, transition: MarketingPlanTransition, stageResult: MarketingPlanStageResult, evaluation: MarketingPlanEvaluation },
      audit,
      label: 'Marketing plan',
      entityType: MARKETING_PLAN_ENTITY,
      route: '/api/v1/marketing-plans',
      lock: (manager, id) => repo.lock(manager, id),
    });
  }

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
        await this.workflow.recordCreation(manager, planId, actor);
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
    const [records, campaigns] = await Promise.all([this.workflow.records(id), this.repo.campaigns(id)]);
    const dto: MarketingPlanDto = { ...toDto(row), ...records, campaignIds: campaigns.map((c) => c.id) };
    if (isPlanEditable(row.state)) dto.previousEvaluations = await this.workflow.evaluations(PREVIOUS_EVALUATIONS_SHOWN, undefined, id);
    return dto;
  }

  /** Edits the content; only while draft or revised (409 otherwise), `version` current. */
  async update(id: string, dto: UpdateMarketingPlanDto, actor: RequestActor): Promise<MarketingPlanDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.workflow.locked(manager, id, dto.version);
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
    await this.workflow.transition(id, dto, actor);
    return this.get(id);
  }

  /** 階段結果: only while executing. */
  addStageResult(id: string, dto: CreateStageResultDto, actor: RequestActor): Promise<StageResultDto> {
    return this.workflow.addStageResult(id, dto, actor);
  }

  /** Records the evaluation and moves the plan executing → evaluated, in one transaction; its campaigns must be closed. */
  async evaluate(id: string, dto: CreateEvaluationDto, actor: RequestActor): Promise<MarketingPlanDto> {
    await this.workflow.evaluate(id, dto, actor, async (manager) => {
      const open = (await this.repo.campaigns(id, manager)).filter((c) => c.status !== CampaignStatus.Closed);
      if (open.length) throw DomainException.conflict(`Close the plan's campaigns before evaluating it (${open.length} still open)`, [{ field: 'campaigns', problem: `not closed: ${open.map((c) => c.id).join(', ')}` }]);
    });
    return this.get(id);
  }

  /** The latest evaluations, newest first: what a drafter reads before the next plan. */
  latestEvaluations(limit: number): Promise<EvaluationDto[]> {
    return this.workflow.evaluations(limit);
  }

  /** The plan's state and control-group percentage, locked (for campaigns). */
  async lockForCampaign(manager: EntityManager, id: string): Promise<MarketingPlanRow | undefined> {
    return this.repo.lock(manager, id);
  }
}

function check(p: PlanWrite): void {
  if (p.periodTo < p.periodFrom) throw new DomainException(ErrorCode.ValidationFailed, 'periodTo must not be before periodFrom', [{ field: 'periodTo', problem: 'must be on or after periodFrom' }]);
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
