import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, rejectNulls } from '@crm/errors';
import { CreatePromotionDto } from './dto/create-promotion.dto';
import { EffectQueryDto } from './dto/effect-query.dto';
import { ListPromotionsDto, PromotionFilterDto } from './dto/list-promotions.dto';
import { ApplyResultDto, CustomerPromotionDto, PromotionCustomerPageDto, PromotionEffectDto, PromotionPageDto, PromotionResponseDto } from './dto/promotion-response.dto';
import { TargetRuleDto } from './dto/target-rule.dto';
import { UpdatePromotionDto } from './dto/update-promotion.dto';
import { Promotion, TargetRule } from './entities/promotion.entity';
import { PROMOTION_TRANSITIONS, PromotionStatus } from './promotion.constants';
import { PromotionRepository } from './promotion.repository';

export const PROMOTION_ENTITY = 'promotion';
/** At most this many customer ids are listed in the audit entry of one apply action. */
const AUDIT_IDS = 500;

const today = (tz: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const firstOfMonth = (day: string): string => `${day.slice(0, 7)}-01`;
function addMonths(first: string, n: number): string {
  const [y, m] = first.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
}

/** Only the rule's known conditions, as stored in `target_rule`. */
function ruleOf(dto: TargetRuleDto | undefined): TargetRule {
  const rule: TargetRule = {};
  if (dto?.minInstalledLines !== undefined) rule.minInstalledLines = dto.minInstalledLines;
  if (dto?.minCreditScore !== undefined) rule.minCreditScore = dto.minCreditScore;
  if (dto?.minTotalSpendFen !== undefined) rule.minTotalSpendFen = dto.minTotalSpendFen;
  if (dto?.customerTypes?.length) rule.customerTypes = [...dto.customerTypes];
  return rule;
}

/**
 * 優惠管理: promotion policies (create, query, modify, delete, export), the apply action that
 * records the customers the target rule selects, and the measured effect on their billed spend.
 */
@Injectable()
export class PromotionService {
  constructor(
    private readonly promotions: PromotionRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async create(dto: CreatePromotionDto, actor: RequestActor): Promise<PromotionResponseDto> {
    if (dto.status && ![PromotionStatus.Draft, PromotionStatus.Active].includes(dto.status)) {
      throw DomainException.badRequest('A promotion starts as draft or active', [{ field: 'status', problem: 'must be draft or active' }]);
    }
    const saved = await this.promotions.transaction(async (manager) => {
      const p = new Promotion();
      p.policyCode = dto.policyCode;
      p.status = dto.status ?? PromotionStatus.Draft;
      await this.assign(manager, p, dto);
      const row = await this.promotions.save(manager, p);
      await this.audit.record(manager, actor, { action: 'create', entityType: PROMOTION_ENTITY, entityId: row.id, newValues: auditView(row) });
      return row;
    });
    return toDto(saved, 0);
  }

  async get(id: string): Promise<PromotionResponseDto> {
    const p = await this.require(id);
    return toDto(p, (await this.promotions.appliedCounts([id])).get(id) ?? 0);
  }

  async list(q: ListPromotionsDto): Promise<PromotionPageDto> {
    const [rows, total] = await this.promotions.list(q);
    const counts = await this.promotions.appliedCounts(rows.map((r) => r.id));
    return { items: rows.map((r) => toDto(r, counts.get(r.id) ?? 0)), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: PromotionFilterDto) {
    return this.promotions.exportQuery(q);
  }

  async update(id: string, dto: UpdatePromotionDto, actor: RequestActor): Promise<PromotionResponseDto> {
    rejectNulls(dto, ['name', 'periodFrom', 'periodTo', 'method', 'status', 'targetRule']);
    const saved = await this.promotions.transaction(async (manager) => {
      const p = await this.promotions.lock(manager, id);
      if (!p) throw DomainException.notFound('Promotion', id);
      if (p.version !== dto.version) {
        throw DomainException.conflict(`The promotion was changed meanwhile (version ${p.version}, not ${dto.version}); read it again`, [{ field: 'version', problem: `current version is ${p.version}` }]);
      }
      if (PROMOTION_TRANSITIONS[p.status].length === 0) throw DomainException.conflict(`The promotion is ${p.status}; it no longer changes`);
      if (dto.status !== undefined && dto.status !== p.status && !PROMOTION_TRANSITIONS[p.status].includes(dto.status)) {
        throw DomainException.conflict(`A ${p.status} promotion cannot become ${dto.status}`, [{ field: 'status', problem: `allowed: ${PROMOTION_TRANSITIONS[p.status].join(', ')}` }]);
      }
      const before = auditView(p);
      await this.assign(manager, p, dto);
      if (dto.status !== undefined) p.status = dto.status;
      const row = await this.promotions.save(manager, p);
      const changes = changedFields(before, auditView(row));
      if (Object.keys(changes.newValues).length) await this.audit.record(manager, actor, { action: 'update', entityType: PROMOTION_ENTITY, entityId: id, ...changes });
      return row;
    });
    return toDto(saved, (await this.promotions.appliedCounts([id])).get(id) ?? 0);
  }

  /** Deletes a promotion nobody received yet; once applied, it is kept (cancel it instead). */
  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.promotions.transaction(async (manager) => {
      const p = await this.promotions.lock(manager, id);
      if (!p) throw DomainException.notFound('Promotion', id);
      const applied = (await this.promotions.appliedCounts([id], manager)).get(id) ?? 0;
      if (applied > 0) throw DomainException.conflict(`The promotion was applied to ${applied} customer(s); set its status to cancelled instead`);
      await this.promotions.delete(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: PROMOTION_ENTITY, entityId: id, oldValues: auditView(p) });
    });
  }

  /** Records the customers the target rule selects today (idempotent). Only an active promotion within its period applies. */
  async apply(id: string, actor: RequestActor): Promise<ApplyResultDto> {
    return this.promotions.transaction(async (manager) => {
      const p = await this.promotions.lock(manager, id);
      if (!p) throw DomainException.notFound('Promotion', id);
      if (p.status !== PromotionStatus.Active) throw DomainException.conflict(`The promotion is ${p.status}; only an active promotion applies`);
      const day = today(this.config.timezone);
      if (day < p.periodFrom || day > p.periodTo) throw DomainException.conflict(`Today (${day}) is outside the promotion's period ${p.periodFrom} … ${p.periodTo}`);
      const outcome = await this.promotions.apply(manager, p, actor.username, day, this.config.timezone);
      const total = (await this.promotions.appliedCounts([id], manager)).get(id) ?? 0;
      if (outcome.applied.length) {
        await this.audit.record(manager, actor, {
          action: 'create',
          entityType: 'promotion_customer',
          entityId: id,
          newValues: { promotionId: id, applied: outcome.applied.length, customerIds: outcome.applied.slice(0, AUDIT_IDS), truncated: outcome.applied.length > AUDIT_IDS },
        });
      }
      return { matched: outcome.matched, applied: outcome.applied.length, alreadyApplied: outcome.matched - outcome.applied.length, customersApplied: total };
    });
  }

  async forCustomer(customerId: string): Promise<CustomerPromotionDto[]> {
    return (await this.promotions.forCustomer(customerId)).map((r) => ({
      promotionId: r.id,
      policyCode: r.policy_code,
      name: r.name,
      method: r.method as CustomerPromotionDto['method'],
      status: r.status as CustomerPromotionDto['status'],
      periodFrom: r.period_from,
      periodTo: r.period_to,
      appliedAt: new Date(r.applied_at).toISOString(),
      appliedBy: r.applied_by,
    }));
  }

  async customers(id: string, page: number, pageSize: number): Promise<PromotionCustomerPageDto> {
    await this.require(id);
    const [rows, total] = await this.promotions.customers(id, page, pageSize);
    return {
      items: rows.map((r) => ({ customerId: r.customer_id, name: r.name, districtCode: r.district_code, appliedAt: new Date(r.applied_at).toISOString(), appliedBy: r.applied_by })),
      total,
      page,
      pageSize,
    };
  }

  /** Billed spend of the applied customers in the N months before the promotion's first month vs the N months from it. */
  async effect(id: string, q: EffectQueryDto): Promise<PromotionEffectDto> {
    const p = await this.require(id);
    const n = q.months;
    const pivot = firstOfMonth(p.periodFrom);
    const from = addMonths(pivot, -n);
    const to = addMonths(pivot, n);
    const [spend, counts] = await Promise.all([this.promotions.monthlySpend(id, from, to), this.promotions.appliedCounts([id])]);
    const customers = counts.get(id) ?? 0;
    const monthly = Array.from({ length: 2 * n }, (_v, i) => {
      const month = addMonths(from, i);
      return { month: month.slice(0, 7), spendFen: spend.get(month) ?? 0 };
    });
    const before = monthly.slice(0, n).reduce((s, m) => s + m.spendFen, 0);
    const after = monthly.slice(n).reduce((s, m) => s + m.spendFen, 0);
    const perCustomerMonth = (total: number): number => (customers ? Math.round(total / customers / n) : 0);
    return {
      promotionId: id,
      months: n,
      pivotMonth: pivot.slice(0, 7),
      customersApplied: customers,
      spendBeforeFen: before,
      spendAfterFen: after,
      changeFen: after - before,
      changePercent: before > 0 ? Math.round(((after - before) / before) * 1000) / 10 : null,
      averageMonthlyBeforeFen: perCustomerMonth(before),
      averageMonthlyAfterFen: perCustomerMonth(after),
      afterWindowComplete: to <= firstOfMonth(today(this.config.timezone)),
      monthly,
    };
  }

  private async require(id: string): Promise<Promotion> {
    const p = await this.promotions.findById(id);
    if (!p) throw DomainException.notFound('Promotion', id);
    return p;
  }

  private async assign(manager: EntityManager, p: Promotion, dto: Partial<CreatePromotionDto>): Promise<void> {
    if (dto.name !== undefined) p.name = dto.name.trim();
    if (dto.purpose !== undefined) p.purpose = dto.purpose?.trim() || null;
    if (dto.periodFrom !== undefined) p.periodFrom = dto.periodFrom;
    if (dto.periodTo !== undefined) p.periodTo = dto.periodTo;
    if (dto.method !== undefined) p.method = dto.method;
    if (dto.description !== undefined) p.description = dto.description?.trim() || null;
    if (dto.targetRule !== undefined) p.targetRule = ruleOf(dto.targetRule);
    p.targetRule ??= {};
    if (dto.regionCodes !== undefined) {
      dto.regionCodes ??= [];
      const unknown = await this.promotions.unknownDistricts(manager, dto.regionCodes);
      if (unknown.length) throw DomainException.badRequest(`regionCodes are not districts of this city: ${unknown.join(', ')}`, [{ field: 'regionCodes', problem: `unknown district ${unknown.join(', ')}` }]);
      p.regionCodes = [...dto.regionCodes].sort();
    }
    p.regionCodes ??= [];
    if (p.periodTo < p.periodFrom) throw DomainException.badRequest('periodTo is before periodFrom', [{ field: 'periodTo', problem: 'must not be before periodFrom' }]);
  }
}

function auditView(p: Promotion): Record<string, unknown> {
  return {
    policyCode: p.policyCode,
    name: p.name,
    purpose: p.purpose,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    regionCodes: p.regionCodes,
    method: p.method,
    description: p.description,
    targetRule: p.targetRule,
    status: p.status,
  };
}

function toDto(p: Promotion, customersApplied: number): PromotionResponseDto {
  return {
    id: p.id,
    policyCode: p.policyCode,
    name: p.name,
    purpose: p.purpose,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    regionCodes: p.regionCodes,
    method: p.method,
    description: p.description,
    targetRule: p.targetRule,
    status: p.status,
    customersApplied,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
