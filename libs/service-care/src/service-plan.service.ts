import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { allowedPlanTransitions, assertPlanEditable, CreateEvaluationDto, CreateStageResultDto, EvaluationDto, PlanState, PlanTransitionDto, PlanWorkflow, StageResultDto } from '@crm/planning';
import { translateWriteError } from './database-error.util';
import { CreateServicePlanDto, ListServicePlansDto, ServicePlanDto, ServicePlanFilterDto, ServicePlanPageDto, UpdateServicePlanDto } from './dto/service-plan.dto';
import { ServicePlan, ServicePlanEvaluation, ServicePlanStageResult, ServicePlanTransition } from './entities';
import { SERVICE_PLAN_ENTITY } from './service-care.constants';
import { PlanWrite, ServicePlanRepository, ServicePlanRow } from './service-plan.repository';

const REFERENCES = { fk_service_plan_owner: 'ownerStaffId' };

/** 服務方案: CRUD; the plan lifecycle, stage results while executing and the evaluation at the end are @crm/planning's PlanWorkflow. */
@Injectable()
export class ServicePlanService {
  private readonly workflow: PlanWorkflow<ServicePlanRow, RequestActor>;

  constructor(
    private readonly repo: ServicePlanRepository,
    private readonly audit: AuditService,
  ) {
    this.workflow = new PlanWorkflow({
      dataSource: repo.dataSource,
      entities: { plan: ServicePlan, transition: ServicePlanTransition, stageResult: ServicePlanStageResult, evaluation: ServicePlanEvaluation },
      audit,
      label: 'Service plan',
      entityType: SERVICE_PLAN_ENTITY,
      route: '/api/v1/service-plans',
      lock: (manager, id) => repo.lock(manager, id),
    });
  }

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
        await this.workflow.recordCreation(manager, planId, actor);
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
    return { ...toDto(row), ...(await this.workflow.records(id)) };
  }

  /** Edits the content; only while draft or revised (409 otherwise), `version` current. */
  async update(id: string, dto: UpdateServicePlanDto, actor: RequestActor): Promise<ServicePlanDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.workflow.locked(manager, id, dto.version);
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
    await this.workflow.transition(id, dto, actor);
    return this.get(id);
  }

  /** 階段結果: only while executing. */
  addStageResult(id: string, dto: CreateStageResultDto, actor: RequestActor): Promise<StageResultDto> {
    return this.workflow.addStageResult(id, dto, actor);
  }

  /** Records the evaluation and moves the plan executing → evaluated, in one transaction. */
  async evaluate(id: string, dto: CreateEvaluationDto, actor: RequestActor): Promise<ServicePlanDto> {
    await this.workflow.evaluate(id, dto, actor);
    return this.get(id);
  }

  /** The latest evaluations, newest first: what a drafter reads before the next plan. */
  latestEvaluations(limit: number): Promise<EvaluationDto[]> {
    return this.workflow.evaluations(limit);
  }

  private async check(p: PlanWrite): Promise<void> {
    if (p.periodTo < p.periodFrom) throw new DomainException(ErrorCode.ValidationFailed, 'periodTo must not be before periodFrom', [{ field: 'periodTo', problem: 'must be on or after periodFrom' }]);
    const unknown = await this.repo.unknownDistricts(p.scopeDistricts);
    if (unknown.length) throw new DomainException(ErrorCode.ValidationFailed, `scopeDistricts holds unknown districts: ${unknown.join(', ')}`, [{ field: 'scopeDistricts', problem: 'unknown reference' }]);
  }
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
