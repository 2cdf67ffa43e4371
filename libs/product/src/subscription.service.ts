import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { maskPhone } from '@crm/customer';
import { DomainException, ErrorCode, ErrorDetail } from '@crm/errors';
import { PricePlan, Product, Subscription } from './entities';
import { CIRCUIT_CATEGORIES, FULL_SERVICE_NUMBER_MIN, SUBSCRIPTION_TRANSITIONS, SubscriptionStatus } from './product.constants';
import { SubscriptionCriteria, SubscriptionRepository, SubscriptionRow } from './subscription.repository';
import { CreateSubscriptionDto } from './dto/create-subscription.dto';
import { ListSubscriptionsDto, SubscriptionFilterDto } from './dto/list-subscriptions.dto';
import { SubscriptionPageDto, SubscriptionResponseDto } from './dto/subscription-response.dto';
import { UpdateSubscriptionDto } from './dto/update-subscription.dto';
import { localDate, parseInstant } from './zoned-time.util';

/** What the audit log keeps of a subscription: the service number masked. */
const auditValues = (s: Pick<Subscription, 'externalId' | 'customerId' | 'productCode' | 'pricePlanCode' | 'serviceNumber' | 'circuitId' | 'status' | 'startedAt' | 'endedAt'>): Record<string, unknown> => ({
  externalId: s.externalId,
  customerId: s.customerId,
  productCode: s.productCode,
  pricePlanCode: s.pricePlanCode,
  serviceNumber: maskPhone(s.serviceNumber),
  circuitId: s.circuitId,
  status: s.status,
  startedAt: s.startedAt.toISOString(),
  endedAt: s.endedAt?.toISOString() ?? null,
});

const invalid = (details: ErrorDetail[]): DomainException =>
  new DomainException(ErrorCode.BadRequest, details.map((d) => `${d.field}: ${d.problem}`).join('; '), details);

/** 訂購: customers' subscriptions to products, with their status lifecycle. */
@Injectable()
export class SubscriptionService {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /**
   * Creates a subscription. With `manager` the writes and the audit entry join the caller's
   * transaction (e.g. a sales order completing) instead of opening their own; likewise for update
   * and terminate.
   */
  async create(dto: CreateSubscriptionDto, actor: RequestActor, manager?: EntityManager): Promise<SubscriptionResponseDto> {
    const startedAt = dto.startedAt === undefined ? new Date() : parseInstant(dto.startedAt, this.config.timezone);
    if (!startedAt) throw new DomainException(ErrorCode.ValidationFailed, 'startedAt is not a valid date or date-time', [{ field: 'startedAt', problem: 'not a valid date or date-time' }]);
    return this.inTransaction(manager, async (manager) => {
      const details: ErrorDetail[] = [];
      const customer = await this.subscriptions.liveCustomer(dto.customerId, manager);
      if (!customer) details.push({ field: 'customerId', problem: 'unknown or closed customer' });
      const product = await this.subscriptions.findProduct(dto.productCode, manager);
      if (!product) details.push({ field: 'productCode', problem: 'unknown product' });
      else if (!product.active) details.push({ field: 'productCode', problem: 'product is withdrawn (active=false)' });
      if (product) {
        if (dto.pricePlanCode !== undefined) {
          const problem = this.planProblem(await this.subscriptions.findPlan(dto.pricePlanCode, manager), product, startedAt);
          if (problem) details.push({ field: 'pricePlanCode', problem });
        }
        if (dto.circuitId !== undefined && !CIRCUIT_CATEGORIES.includes(product.category)) {
          details.push({ field: 'circuitId', problem: `only for ${CIRCUIT_CATEGORIES.join(', ')} products` });
        }
      }
      if (details.length) throw invalid(details);
      if (dto.externalId !== undefined && (await this.subscriptions.findExternalId(dto.externalId, manager))) {
        throw DomainException.conflict(`A subscription with externalId ${dto.externalId} already exists`, [{ field: 'externalId', problem: 'already used' }]);
      }
      const id = await this.subscriptions.insert(manager, {
        externalId: dto.externalId ?? null,
        customerId: dto.customerId,
        productCode: dto.productCode,
        pricePlanCode: dto.pricePlanCode ?? null,
        serviceNumber: dto.serviceNumber,
        circuitId: dto.circuitId ?? null,
        status: dto.status ?? SubscriptionStatus.Active,
        startedAt,
        endedAt: null,
      });
      const created = (await this.subscriptions.findById(id, manager))!;
      await this.audit.record(manager, actor, { action: 'create', entityType: 'subscription', entityId: id, newValues: auditValues(created) });
      return this.map((await this.subscriptions.row(id, manager))!, actor);
    });
  }

  async get(id: string, actor: RequestActor): Promise<SubscriptionResponseDto> {
    const row = await this.subscriptions.row(id);
    if (!row) throw DomainException.notFound('Subscription', id);
    if (actor.personalData) await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: 'subscription', entityId: id });
    return this.map(row, actor);
  }

  async list(q: ListSubscriptionsDto, actor: RequestActor): Promise<SubscriptionPageDto> {
    const [rows, total] = await this.subscriptions.list(this.criteria(q, actor), q.page, q.pageSize);
    if (actor.personalData && rows.length) {
      await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: 'subscription', newValues: { ids: rows.map((r) => r.id) } });
    }
    return { items: rows.map((r) => this.map(r, actor)), total, page: q.page, pageSize: q.pageSize };
  }

  /** GET /customers/:id/subscriptions: 404 for an unknown or closed customer. */
  async listForCustomer(customerId: string, q: Omit<ListSubscriptionsDto, 'customerId'>, actor: RequestActor): Promise<SubscriptionPageDto> {
    if (!(await this.subscriptions.liveCustomer(customerId))) throw DomainException.notFound('Customer', customerId);
    return this.list({ ...q, customerId }, actor);
  }

  /** The export's query; the export itself is recorded in the audit log with its filters. */
  async exportQuery(q: SubscriptionFilterDto & { format: string }, actor: RequestActor): Promise<SelectQueryBuilder<Subscription>> {
    const criteria = this.criteria(q, actor);
    const filters = { ...q, format: undefined, serviceNumberPrefix: q.serviceNumberPrefix === undefined ? undefined : maskPhone(q.serviceNumberPrefix) };
    await this.audit.record(undefined, actor, {
      action: 'export',
      entityType: 'subscription',
      newValues: { format: q.format, filters, personalDataMasked: !actor.personalData },
    });
    return this.subscriptions.criteriaQuery(criteria);
  }

  serviceNumberFor(serviceNumber: string, actor: RequestActor): string {
    return actor.personalData ? serviceNumber : maskPhone(serviceNumber);
  }

  async update(id: string, dto: UpdateSubscriptionDto, actor: RequestActor, manager?: EntityManager): Promise<SubscriptionResponseDto> {
    return this.inTransaction(manager, async (manager) => {
      const sub = await this.require(id, manager);
      if (sub.version !== dto.version) {
        throw DomainException.conflict(`The subscription was changed meanwhile (current version ${sub.version}); read it again`, [{ field: 'version', problem: `current version is ${sub.version}` }]);
      }
      const target = dto.status ?? sub.status;
      if (sub.status === SubscriptionStatus.Terminated) {
        throw DomainException.conflict('The subscription is terminated; it can no longer change', [{ field: 'status', problem: 'terminated is final' }]);
      }
      if (target !== sub.status && !SUBSCRIPTION_TRANSITIONS[sub.status].includes(target)) {
        throw DomainException.conflict(`Illegal status transition ${sub.status} → ${target}`, [{ field: 'status', problem: `${sub.status} cannot become ${target}` }]);
      }
      const details: ErrorDetail[] = [];
      const product = (await this.subscriptions.findProduct(sub.productCode, manager))!;
      if (dto.pricePlanCode !== undefined && dto.pricePlanCode !== null && dto.pricePlanCode !== sub.pricePlanCode) {
        const problem = this.planProblem(await this.subscriptions.findPlan(dto.pricePlanCode, manager), product, new Date());
        if (problem) details.push({ field: 'pricePlanCode', problem });
      }
      if (dto.circuitId !== undefined && dto.circuitId !== null && !CIRCUIT_CATEGORIES.includes(product.category)) {
        details.push({ field: 'circuitId', problem: `only for ${CIRCUIT_CATEGORIES.join(', ')} products` });
      }
      if (details.length) throw invalid(details);
      if (dto.externalId && dto.externalId !== sub.externalId && (await this.subscriptions.findExternalId(dto.externalId, manager))) {
        throw DomainException.conflict(`A subscription with externalId ${dto.externalId} already exists`, [{ field: 'externalId', problem: 'already used' }]);
      }
      const values: Partial<Subscription> = {
        status: target,
        endedAt: target === SubscriptionStatus.Terminated ? this.endNow(sub) : null,
        pricePlanCode: dto.pricePlanCode !== undefined ? dto.pricePlanCode : sub.pricePlanCode,
        serviceNumber: dto.serviceNumber ?? sub.serviceNumber,
        circuitId: dto.circuitId !== undefined ? dto.circuitId : sub.circuitId,
        externalId: dto.externalId !== undefined ? dto.externalId : sub.externalId,
      };
      await this.subscriptions.update(manager, id, values);
      const after = (await this.subscriptions.findById(id, manager))!;
      await this.audit.record(manager, actor, { action: 'update', entityType: 'subscription', entityId: id, ...changedFields(auditValues(sub), auditValues(after)) });
      return this.map((await this.subscriptions.row(id, manager))!, actor);
    });
  }

  /** DELETE: terminates (拆機) the subscription, which stays in history with ended_at; 409 if already terminated. */
  async terminate(id: string, actor: RequestActor, manager?: EntityManager): Promise<void> {
    await this.inTransaction(manager, async (manager) => {
      const sub = await this.require(id, manager);
      if (sub.status === SubscriptionStatus.Terminated) {
        throw DomainException.conflict('The subscription is already terminated', [{ field: 'status', problem: 'terminated is final' }]);
      }
      await this.subscriptions.update(manager, id, { status: SubscriptionStatus.Terminated, endedAt: this.endNow(sub) });
      const after = (await this.subscriptions.findById(id, manager))!;
      await this.audit.record(manager, actor, { action: 'delete', entityType: 'subscription', entityId: id, ...changedFields(auditValues(sub), auditValues(after)) });
    });
  }

  /**
   * The repository's criteria. Without customer:personal-data (numbers answered masked) the caller
   * may only give a whole service number, matched by equality, and may not sort by service number:
   * a prefix filter or the order would reveal the masked digits one query at a time (the rule of
   * CustomerService.search). Both answer 400 naming the field.
   */
  criteria(q: SubscriptionFilterDto, actor: RequestActor): SubscriptionCriteria {
    const sort = q.sort ?? '-startedAt';
    let serviceNumberPrefix = q.serviceNumberPrefix;
    let serviceNumber: string | undefined;
    if (!actor.personalData) {
      const details: ErrorDetail[] = [];
      if (serviceNumberPrefix !== undefined) {
        if (serviceNumberPrefix.length < FULL_SERVICE_NUMBER_MIN) {
          details.push({ field: 'serviceNumberPrefix', problem: 'partial number: without the personal-data permission give the full service number' });
        }
        serviceNumber = serviceNumberPrefix;
        serviceNumberPrefix = undefined;
      }
      if (sort === 'serviceNumber' || sort === '-serviceNumber') {
        details.push({ field: 'sort', problem: 'sorting by service number needs the personal-data permission' });
      }
      if (details.length) throw invalid(details);
    }
    const instant = (field: 'startedFrom' | 'startedTo'): Date | undefined => {
      const value = q[field];
      if (value === undefined) return undefined;
      const parsed = parseInstant(value, this.config.timezone);
      if (!parsed) throw new DomainException(ErrorCode.ValidationFailed, `${field} is not a valid date or date-time`, [{ field, problem: 'not a valid date or date-time' }]);
      return parsed;
    };
    return {
      customerId: q.customerId,
      productCode: q.productCode,
      category: q.category,
      status: q.status,
      serviceNumberPrefix,
      serviceNumber,
      startedFrom: instant('startedFrom'),
      startedTo: instant('startedTo'),
      sort,
    };
  }

  map(r: SubscriptionRow, actor: RequestActor): SubscriptionResponseDto {
    return {
      id: r.id,
      externalId: r.external_id,
      customerId: r.customer_id,
      customerName: r.customer_name,
      productCode: r.product_code,
      productName: r.product_name,
      category: r.category,
      pricePlanCode: r.price_plan_code,
      pricePlanName: r.price_plan_name,
      serviceNumber: this.serviceNumberFor(r.service_number, actor),
      circuitId: r.circuit_id,
      status: r.status,
      startedAt: r.started_at.toISOString(),
      endedAt: r.ended_at?.toISOString() ?? null,
      personalDataMasked: !actor.personalData,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }

  /** `work` in the caller's transaction when it gives one, else in a new one. */
  private inTransaction<T>(manager: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.subscriptions.transaction(work);
  }

  private async require(id: string, manager: EntityManager): Promise<Subscription> {
    const sub = await this.subscriptions.findById(id, manager, true);
    if (!sub) throw DomainException.notFound('Subscription', id);
    return sub;
  }

  /** Why a plan cannot be chosen for the product on that day, or null. */
  private planProblem(plan: PricePlan | null, product: Product, on: Date): string | null {
    if (!plan) return 'unknown price plan';
    if (plan.productCode !== product.code) return `not a price plan of ${product.code}`;
    const day = localDate(on, this.config.timezone);
    if (plan.validFrom > day || (plan.validTo !== null && plan.validTo < day)) return `not on sale on ${day}`;
    return null;
  }

  /** Now, but never before the start (a subscription terminated before it began ends when it starts). */
  private endNow(sub: Subscription): Date {
    const now = new Date();
    return now < sub.startedAt ? sub.startedAt : now;
  }
}
