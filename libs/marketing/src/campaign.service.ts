import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode, ErrorDetail } from '@crm/errors';
import { PlanState } from '@crm/planning';
import { maskPhone } from '@crm/personal-data';
import { CampaignEdit, CampaignInsert, CampaignRepository, CampaignRow, ContactRow, ResponseInsert, ResponseRow } from './campaign.repository';
import { parseCustomerQuery } from './customer-query.util';
import { staleVersion, translateWriteError } from './database-error.util';
import {
  CampaignDto, CampaignEvaluationDto, CampaignFilterDto, CampaignPageDto, CampaignTransitionDto, ContactDto, ContactFilterDto, ContactListResultDto, ContactPageDto, CreateCampaignDto,
  ListCampaignsDto, ListContactsDto, ListResponsesDto, RecordResponsesDto, RecordResponsesResultDto, ResponseDto, ResponseInputDto, ResponsePageDto, UpdateCampaignDto,
} from './dto/campaign.dto';
import { evaluateGroup, GroupFigures, monthStart, uplift } from './evaluation.util';
import { CAMPAIGN_ENTITY, CAMPAIGN_TRANSITIONS, CampaignStatus, CampaignTarget, ContactGroup, DEFAULT_EVALUATION_MONTHS } from './marketing.constants';
import { MarketingPlanService } from './marketing-plan.service';

const REFERENCES = { fk_campaign_plan: 'planId', fk_campaign_method: 'methodId' };
const bad = (message: string, details: ErrorDetail[]) => new DomainException(ErrorCode.ValidationFailed, message, details);
/** Plan states in which a campaign's contact list may be built. */
const LIST_PLAN_STATES: readonly PlanState[] = [PlanState.Confirmed, PlanState.Executing];
const ZERO: GroupFigures = { targeted: 0, contacted: 0, responded: 0, converted: 0, reportedRevenueFen: 0, revenueBeforeFen: 0, revenueAfterFen: 0 };

/**
 * 營銷活動: campaigns of a marketing plan (活動管理), their contact lists with the control group
 * (目標客戶), responses (響應管理), tracking and evaluation (活動評估).
 */
@Injectable()
export class CampaignService {
  constructor(
    private readonly repo: CampaignRepository,
    private readonly plans: MarketingPlanService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async create(dto: CreateCampaignDto, actor: RequestActor): Promise<CampaignDto> {
    const values = await this.checkCreate(dto);
    const id = await this.repo.transaction(async (manager) => {
      const plan = await this.plans.lockForCampaign(manager, dto.planId);
      if (!plan) throw bad('planId refers to no marketing plan', [{ field: 'planId', problem: 'unknown reference' }]);
      if (plan.state === PlanState.Evaluated) throw DomainException.conflict('The plan is evaluated; it takes no more campaigns', [{ field: 'planId', problem: 'plan is evaluated' }]);
      try {
        const id = await this.repo.insert(manager, values, actor.username);
        await this.audit.record(manager, actor, { action: 'create', entityType: CAMPAIGN_ENTITY, entityId: id, newValues: { ...values } });
        return id;
      } catch (e) {
        throw translateWriteError(e, REFERENCES, `Campaign ${values.code}`);
      }
    });
    return this.get(id);
  }

  async list(q: ListCampaignsDto): Promise<CampaignPageDto> {
    const [rows, total] = await this.repo.list(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: CampaignFilterDto) {
    return this.repo.query(q);
  }

  async get(id: string): Promise<CampaignDto> {
    return toDto(await this.row(id));
  }

  /** Name, description, method, channel, dates and N; not once closed (409). Target and directive are fixed at creation. */
  async update(id: string, dto: UpdateCampaignDto, actor: RequestActor): Promise<CampaignDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      if (row.status === CampaignStatus.Closed) throw DomainException.conflict('A closed campaign cannot be changed', [{ field: 'status', problem: 'closed' }]);
      const before: CampaignEdit = { name: row.name, description: row.description, methodId: row.method_id, channel: row.channel, startDate: row.start_date, endDate: row.end_date, evaluationMonths: row.evaluation_months };
      const after: CampaignEdit = {
        name: dto.name?.trim() ?? before.name,
        description: dto.description === undefined ? before.description : dto.description?.trim() || null,
        methodId: dto.methodId === undefined ? before.methodId : dto.methodId,
        channel: dto.channel ?? before.channel,
        startDate: dto.startDate ?? before.startDate,
        endDate: dto.endDate ?? before.endDate,
        evaluationMonths: dto.evaluationMonths ?? before.evaluationMonths,
      };
      if (after.endDate < after.startDate) throw bad('endDate must not be before startDate', [{ field: 'endDate', problem: 'must be on or after startDate' }]);
      try {
        await this.repo.update(manager, id, after);
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Campaign');
      }
      const { oldValues, newValues } = changedFields({ ...before }, { ...after });
      await this.audit.record(manager, actor, { action: 'update', entityType: CAMPAIGN_ENTITY, entityId: id, oldValues, newValues });
    });
    return this.get(id);
  }

  /** Only a planned campaign (no responses yet) may be deleted; its contact list goes with it. */
  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Campaign', id);
      if (row.status !== CampaignStatus.Planned) throw DomainException.conflict(`Only a planned campaign can be deleted; this one is ${row.status}`, [{ field: 'status', problem: 'must be planned' }]);
      await this.repo.remove(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: CAMPAIGN_ENTITY, entityId: id, oldValues: { code: row.code, name: row.name, contacts: row.target_contacts + row.control_contacts } });
    });
  }

  /** planned → active (contact list built, plan executing); active → closed (the evaluation is stored). */
  async transition(id: string, dto: CampaignTransitionDto, actor: RequestActor): Promise<CampaignDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.locked(manager, id, dto.version);
      const allowed = CAMPAIGN_TRANSITIONS[row.status];
      if (!allowed.includes(dto.to)) {
        throw DomainException.conflict(`A campaign cannot move from ${row.status} to ${dto.to}`, [{ field: 'to', problem: allowed.length ? `allowed from ${row.status}: ${allowed.join(', ')}` : `${row.status} is final` }]);
      }
      if (dto.to === CampaignStatus.Active) {
        if (!row.contact_list_at) throw DomainException.conflict('Build the contact list first: POST /api/v1/campaigns/:id/contact-list', [{ field: 'contactList', problem: 'not built' }]);
        const plan = await this.plans.lockForCampaign(manager, row.plan_id);
        if (plan?.state !== PlanState.Executing) throw DomainException.conflict(`The plan must be executing to run its campaigns; it is ${plan?.state}`, [{ field: 'planId', problem: 'plan not executing' }]);
      }
      let evaluation: CampaignEvaluationDto | undefined;
      if (dto.to === CampaignStatus.Closed) {
        evaluation = await this.compute(manager, row, row.evaluation_months, true);
        await this.repo.storeEvaluation(manager, id, row.evaluation_months, evaluation, actor.username);
      }
      await this.repo.setStatus(manager, id, dto.to);
      await this.audit.record(manager, actor, {
        action: 'update', entityType: CAMPAIGN_ENTITY, entityId: id, oldValues: { status: row.status },
        newValues: { status: dto.to, ...(evaluation ? { evaluation: { targeted: evaluation.target.targeted, converted: evaluation.target.converted, upliftFen: evaluation.uplift.incrementalRevenueFen } } : {}) },
      });
    });
    return this.get(id);
  }

  /** Builds (or rebuilds) the contact list while the campaign is planned and its plan confirmed or executing. */
  async buildContactList(id: string, actor: RequestActor): Promise<ContactListResultDto> {
    return this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Campaign', id);
      if (row.status !== CampaignStatus.Planned) throw DomainException.conflict(`The contact list is built while the campaign is planned; it is ${row.status}`, [{ field: 'status', problem: 'must be planned' }]);
      const plan = await this.plans.lockForCampaign(manager, row.plan_id);
      if (!plan || !LIST_PLAN_STATES.includes(plan.state)) {
        throw DomainException.conflict(`The plan must be confirmed or executing before contact lists are built; it is ${plan?.state}`, [{ field: 'planId', problem: `plan must be ${LIST_PLAN_STATES.join(' or ')}` }]);
      }
      const counts = await this.repo.buildContactList(manager, row, plan.control_group_percent, monthStart(row.start_date, -12), monthStart(row.start_date));
      await this.audit.record(manager, actor, { action: 'update', entityType: CAMPAIGN_ENTITY, entityId: id, newValues: { contactList: counts, controlGroupPercent: plan.control_group_percent } });
      return { campaignId: id, ...counts, controlGroupPercent: plan.control_group_percent, builtAt: new Date().toISOString() };
    });
  }

  /** The contact list; phone numbers masked unless the caller may read personal data (then audited). */
  async contacts(id: string, q: ListContactsDto, actor: RequestActor): Promise<ContactPageDto> {
    await this.row(id);
    const [rows, total] = await this.repo.contacts(id, q, q.page, q.pageSize);
    if (actor.personalData && rows.length) await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: 'campaign_contact', entityId: id, newValues: { page: q.page, group: q.group ?? null, customers: rows.length } });
    return { items: rows.map((r) => toContact(r, actor.personalData)), total, page: q.page, pageSize: q.pageSize };
  }

  /** For the export: the query, after the campaign is known and the export audited. */
  async contactsExport(id: string, f: ContactFilterDto & { format: string }, actor: RequestActor) {
    const row = await this.row(id);
    await this.audit.record(undefined, actor, { action: actor.personalData ? 'read-personal-data' : 'export', entityType: 'campaign_contact', entityId: id, newValues: { format: f.format, group: f.group ?? null } });
    return { campaign: row, query: this.repo.contactsQuery(id, f) };
  }

  /** 響應: one or a batch; the campaign must be active and the customers on its contact list. Already recorded ones are ignored. */
  async recordResponses(id: string, dto: RecordResponsesDto, actor: RequestActor): Promise<RecordResponsesResultDto> {
    const single = ['customerId', 'channel', 'outcome', 'at', 'revenueFen'].filter((k) => (dto as unknown as Record<string, unknown>)[k] !== undefined);
    if (dto.responses && single.length) throw bad('Give either one response or a batch in responses, not both', single.map((field) => ({ field, problem: 'not allowed with responses' })));
    const inputs: ResponseInputDto[] = dto.responses ?? [{ customerId: dto.customerId!, channel: dto.channel!, outcome: dto.outcome!, at: dto.at, revenueFen: dto.revenueFen }];
    const prefix = (i: number) => (dto.responses ? `responses.${i}.` : '');
    const latest = Date.now() + 5 * 60_000;
    const problems: ErrorDetail[] = [];
    const rows: ResponseInsert[] = inputs.map((r, i) => {
      const at = r.at ? new Date(r.at) : new Date();
      if (Number.isNaN(at.getTime())) problems.push({ field: `${prefix(i)}at`, problem: 'not a valid date-time' });
      if (at.getTime() > latest) problems.push({ field: `${prefix(i)}at`, problem: 'must not be in the future' });
      if (r.revenueFen !== undefined && r.outcome !== 'converted') problems.push({ field: `${prefix(i)}revenueFen`, problem: 'only with outcome converted' });
      return { customerId: r.customerId, channel: r.channel, outcome: r.outcome, at: Number.isNaN(at.getTime()) ? '' : at.toISOString(), revenueFen: r.revenueFen ?? null };
    });
    if (problems.length) throw bad('Some responses are invalid', problems);
    return this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Campaign', id);
      if (row.status !== CampaignStatus.Active) throw DomainException.conflict(`Responses are recorded while the campaign is active; it is ${row.status}`, [{ field: 'status', problem: 'must be active' }]);
      const listed = await this.repo.onContactList(manager, id, [...new Set(rows.map((r) => r.customerId))]);
      const missing = rows.map((r, i) => [r, i] as const).filter(([r]) => !listed.has(r.customerId));
      if (missing.length) throw bad('Some customers are not on the contact list', missing.slice(0, 50).map(([, i]) => ({ field: `${prefix(i)}customerId`, problem: 'not on the contact list of the campaign' })));
      const recorded = await this.repo.insertResponses(manager, id, rows, actor.username);
      const byOutcome: Record<string, number> = {};
      for (const r of rows) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
      await this.audit.record(manager, actor, { action: 'create', entityType: 'campaign_response', entityId: id, newValues: { given: rows.length, recorded, byOutcome } });
      return { recorded, duplicates: rows.length - recorded };
    });
  }

  async responses(id: string, q: ListResponsesDto): Promise<ResponsePageDto> {
    await this.row(id);
    const [rows, total] = await this.repo.responses(id, q, q.page, q.pageSize);
    return { items: rows.map(toResponse), total, page: q.page, pageSize: q.pageSize };
  }

  /** 活動評估: live while planned or active; the stored one once closed. */
  async evaluation(id: string, months?: number): Promise<CampaignEvaluationDto> {
    const row = await this.row(id);
    if (row.status === CampaignStatus.Closed) {
      const stored = await this.repo.storedEvaluation(id);
      if (stored) return stored as unknown as CampaignEvaluationDto;
    }
    return this.compute(undefined, row, months ?? row.evaluation_months ?? DEFAULT_EVALUATION_MONTHS, false);
  }

  private async compute(manager: EntityManager | undefined, row: CampaignRow, months: number, stored: boolean): Promise<CampaignEvaluationDto> {
    const startMonth = monthStart(row.start_date);
    const beforeFrom = monthStart(row.start_date, -months);
    const afterTo = monthStart(row.start_date, months);
    const figures = await this.repo.figures(manager, row.id, beforeFrom, startMonth, afterTo);
    const target = figures[ContactGroup.Target] ?? ZERO;
    const control = figures[ContactGroup.Control] ?? null;
    const today = await this.repo.today(this.config.timezone);
    return {
      campaignId: row.id, code: row.code, months, beforeFrom, startMonth, afterTo, complete: today >= afterTo,
      target: evaluateGroup(target), control: control ? evaluateGroup(control) : null, uplift: uplift(target, control), stored, evaluatedAt: new Date().toISOString(),
    };
  }

  private async checkCreate(dto: CreateCampaignDto): Promise<CampaignInsert> {
    if (dto.endDate < dto.startDate) throw bad('endDate must not be before startDate', [{ field: 'endDate', problem: 'must be on or after startDate' }]);
    const segmentFields = (['segmentDimension', 'segment', 'segmentPeriod'] as const).filter((k) => dto[k] !== undefined);
    if (dto.customerQuery !== undefined && segmentFields.length) throw bad('Target a segment or a customer query, not both', [{ field: 'customerQuery', problem: 'not allowed with a segment' }]);
    if (dto.customerQuery === undefined && segmentFields.length < 3) {
      const missing = (['segmentDimension', 'segment', 'segmentPeriod'] as const).filter((k) => dto[k] === undefined);
      throw bad('A campaign targets a segment (segmentDimension, segment, segmentPeriod) or a customerQuery', missing.map((field) => ({ field, problem: 'required without customerQuery' })));
    }
    let customerQuery = null;
    if (dto.customerQuery !== undefined) {
      const parsed = parseCustomerQuery(dto.customerQuery);
      if (!parsed.query) throw bad('customerQuery is invalid', parsed.problems);
      customerQuery = parsed.query;
    } else if (!(await this.repo.segmentExists(dto.segmentDimension!, dto.segment!, `${dto.segmentPeriod}-01`))) {
      throw bad(`No customers are in segment ${dto.segmentDimension}/${dto.segment} for ${dto.segmentPeriod}; recompute the segments or check the names`, [{ field: 'segment', problem: 'no such segment for the period' }]);
    }
    if ((dto.directiveOrigin === undefined) !== (dto.directiveKey === undefined) || (dto.directiveVersion !== undefined && dto.directiveKey === undefined)) {
      throw bad('directiveOrigin and directiveKey go together (directiveVersion only with them)', [{ field: dto.directiveKey === undefined ? 'directiveKey' : 'directiveOrigin', problem: 'required with the other directive fields' }]);
    }
    let directiveVersion: number | null = null;
    if (dto.directiveKey !== undefined) {
      const found = await this.repo.directive(dto.directiveOrigin!, dto.directiveKey, dto.directiveVersion);
      if (!found) {
        throw bad(`This node has received no campaign or promotion_policy directive ${dto.directiveOrigin}:${dto.directiveKey}${dto.directiveVersion ? ` version ${dto.directiveVersion}` : ''}`, [
          { field: dto.directiveVersion ? 'directiveVersion' : 'directiveKey', problem: 'no such campaign or promotion_policy directive received' },
        ]);
      }
      directiveVersion = found.version;
    }
    if (dto.methodId && !(await this.repo.methodExists(dto.methodId))) throw bad('methodId refers to no marketing method', [{ field: 'methodId', problem: 'unknown reference' }]);
    return {
      planId: dto.planId, code: dto.code, name: dto.name.trim(), description: dto.description?.trim() || null, methodId: dto.methodId ?? null, channel: dto.channel,
      directiveOrigin: dto.directiveOrigin ?? null, directiveKey: dto.directiveKey ?? null, directiveVersion,
      targetKind: customerQuery ? CampaignTarget.Query : CampaignTarget.Segment,
      segmentDimension: customerQuery ? null : dto.segmentDimension!, segment: customerQuery ? null : dto.segment!, segmentPeriod: customerQuery ? null : `${dto.segmentPeriod}-01`,
      customerQuery, startDate: dto.startDate, endDate: dto.endDate, evaluationMonths: dto.evaluationMonths ?? DEFAULT_EVALUATION_MONTHS,
    };
  }

  private async row(id: string): Promise<CampaignRow> {
    const row = await this.repo.byId(id);
    if (!row) throw DomainException.notFound('Campaign', id);
    return row;
  }

  private async locked(manager: EntityManager, id: string, version: number): Promise<CampaignRow> {
    const row = await this.repo.lock(manager, id);
    if (!row) throw DomainException.notFound('Campaign', id);
    if (row.version !== version) throw staleVersion('campaign', row.version, version);
    return row;
  }
}

export function toContact(r: ContactRow, unmasked: boolean): ContactDto {
  return {
    customerId: r.customer_id, name: r.name, customerType: r.customer_type, districtCode: r.district_code, phone: unmasked ? r.phone : maskPhone(r.phone),
    group: r.contact_group, outcomes: r.outcomes ?? [], addedAt: new Date(r.added_at).toISOString(),
  };
}

function toResponse(r: ResponseRow): ResponseDto {
  return { id: r.id, customerId: r.customer_id, channel: r.channel, outcome: r.outcome, at: new Date(r.at).toISOString(), revenueFen: r.revenue_fen === null ? null : Number(r.revenue_fen), recordedBy: r.recorded_by };
}

function toDto(r: CampaignRow): CampaignDto {
  return {
    id: r.id, planId: r.plan_id, code: r.code, name: r.name, description: r.description, methodId: r.method_id, channel: r.channel,
    directiveOrigin: r.directive_origin, directiveKey: r.directive_key, directiveVersion: r.directive_version, targetKind: r.target_kind,
    segmentDimension: r.segment_dimension, segment: r.segment, segmentPeriod: r.segment_period, customerQuery: r.customer_query as Record<string, unknown> | null,
    startDate: r.start_date, endDate: r.end_date, evaluationMonths: r.evaluation_months, status: r.status, contactListAt: r.contact_list_at ? new Date(r.contact_list_at).toISOString() : null,
    contacts: { target: r.target_contacts, control: r.control_contacts }, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(), version: r.version,
  };
}
