import { Inject, Injectable } from '@nestjs/common';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import {
  CreateSalesActivityDto, CreateSalesMethodDto, ListSalesActivitiesDto, ListSalesMethodsDto, SalesActivityFilterDto, SalesMethodFilterDto, UpdateSalesActivityDto, UpdateSalesMethodDto,
} from './dto/sales-activity.dto';
import { SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { columns, Qb, RecordSpec, Row } from './sales-record.repository';

export const METHOD_SPEC: RecordSpec = {
  table: 'sales_method',
  alias: 'm',
  label: 'Sales method',
  key: 'code',
  base: (qb) => qb.select(columns('m', ['code', 'name', 'description', 'active', 'version'])),
  filters: { active: (qb, v) => qb.andWhere('m.active = :active', { active: v }) },
  sorts: { code: 'm.code', name: 'm.name' },
  references: {},
  uniques: { sales_method_pkey: 'code' },
};

export const activitySpec = (tz: string): RecordSpec => ({
  table: 'sales_activity',
  alias: 'a',
  label: 'Sales activity',
  base: (qb) =>
    qb
      .leftJoin('customer', 'c', 'c.id = a.customer_id')
      .leftJoin('sales_opportunity', 'o', 'o.id = a.opportunity_id')
      .innerJoin('staff', 's', 's.id = a.staff_id')
      .leftJoin('sales_method', 'm', 'm.code = a.method_code')
      .select([
        ...columns('a', ['id', 'kind', 'methodCode', 'customerId', 'opportunityId', 'staffId', 'occurredAt', 'subject', 'outcome', 'createdBy', 'createdAt', 'updatedAt', 'version']),
        'c.name AS "customerName"', 'o.title AS "opportunityTitle"', 's.name AS "staffName"', 'm.name AS "methodName"',
      ]),
  filters: {
    kind: (qb, v) => qb.andWhere('a.kind = :kind', { kind: v }),
    customerId: (qb, v) => qb.andWhere('a.customer_id = :customerId', { customerId: v }),
    opportunityId: (qb, v) => qb.andWhere('a.opportunity_id = :opp', { opp: v }),
    staffId: (qb, v) => qb.andWhere('a.staff_id = :staff', { staff: v }),
    methodCode: (qb, v) => qb.andWhere('a.method_code = :method', { method: v }),
    from: (qb, v) => qb.andWhere('a.occurred_at >= (:from::date)::timestamp AT TIME ZONE :tz', { from: v, tz }),
    to: (qb, v) => qb.andWhere('a.occurred_at < (:to::date + 1)::timestamp AT TIME ZONE :tz', { to: v, tz }),
  },
  sorts: { occurredAt: 'a.occurred_at' },
  references: { fk_sales_activity_method: 'methodCode', fk_sales_activity_customer: 'customerId', fk_sales_activity_opportunity: 'opportunityId', fk_sales_activity_staff: 'staffId' },
  uniques: {},
});

const invalid = (field: string, problem: string): DomainException => new DomainException(ErrorCode.ValidationFailed, `${field}: ${problem}`, [{ field, problem }]);

/** 銷售方式 and 銷售活動 (visits, calls, events). */
@Injectable()
export class SalesActivityService {
  readonly activity: RecordSpec;

  constructor(
    private readonly crud: SalesCrudService,
    @Inject(NODE_CONFIG) config: NodeConfig,
  ) {
    this.activity = activitySpec(config.timezone);
  }

  async createMethod(dto: CreateSalesMethodDto, actor: RequestActor): Promise<Row> {
    const id = await this.crud.create(METHOD_SPEC, SALES_ENTITY.method, { code: dto.code, name: dto.name.trim(), description: dto.description?.trim() || null, active: dto.active ?? true }, actor);
    return this.crud.get(METHOD_SPEC, id);
  }
  listMethods(q: ListSalesMethodsDto): Promise<Page> {
    return this.crud.page(METHOD_SPEC, q as unknown as Record<string, unknown> & ListSalesMethodsDto);
  }
  methodQuery(q: SalesMethodFilterDto): Qb {
    return this.crud.repo.query(METHOD_SPEC, q as unknown as Record<string, unknown>, q.sort);
  }
  getMethod(code: string): Promise<Row> {
    return this.crud.get(METHOD_SPEC, code);
  }
  async updateMethod(code: string, dto: UpdateSalesMethodDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(METHOD_SPEC, SALES_ENTITY.method, code, dto.version, actor, async () => ({ name: dto.name?.trim(), description: dto.description, active: dto.active }), false);
    return this.getMethod(code);
  }
  /** 409 while activities use the method (deactivate it instead). */
  removeMethod(code: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(METHOD_SPEC, SALES_ENTITY.method, code, actor);
  }

  async createActivity(dto: CreateSalesActivityDto, actor: RequestActor): Promise<Row> {
    if (!dto.customerId && !dto.opportunityId) throw invalid('customerId', 'customerId or opportunityId is required');
    const values = {
      kind: dto.kind, methodCode: dto.methodCode ?? null, customerId: dto.customerId ?? null, opportunityId: dto.opportunityId ?? null, staffId: dto.staffId,
      occurredAt: new Date(dto.occurredAt), subject: dto.subject.trim(), outcome: dto.outcome?.trim() || null, createdBy: actor.username,
    };
    const id = await this.crud.create(this.activity, SALES_ENTITY.activity, values, actor, async (m) => {
      if (dto.customerId && !(await this.crud.repo.customerExists(m, dto.customerId))) throw invalid('customerId', 'unknown or closed customer');
      if (dto.opportunityId) {
        const [o] = await m.query(`SELECT customer_id FROM sales_opportunity WHERE id = $1`, [dto.opportunityId]);
        if (!o) throw invalid('opportunityId', 'unknown opportunity');
        if (dto.customerId && o.customer_id !== dto.customerId) throw invalid('opportunityId', 'an opportunity of another customer');
        if (!dto.customerId) values.customerId = o.customer_id;
      }
    });
    return this.getActivity(id);
  }
  listActivities(q: ListSalesActivitiesDto): Promise<Page> {
    return this.crud.page(this.activity, q as unknown as Record<string, unknown> & ListSalesActivitiesDto);
  }
  activityQuery(q: SalesActivityFilterDto): Qb {
    return this.crud.repo.query(this.activity, q as unknown as Record<string, unknown>, q.sort);
  }
  getActivity(id: string): Promise<Row> {
    return this.crud.get(this.activity, id);
  }
  async updateActivity(id: string, dto: UpdateSalesActivityDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(this.activity, SALES_ENTITY.activity, id, dto.version, actor, async () => ({
      kind: dto.kind, methodCode: dto.methodCode, staffId: dto.staffId, occurredAt: dto.occurredAt ? new Date(dto.occurredAt) : undefined, subject: dto.subject?.trim(),
      outcome: dto.outcome === undefined ? undefined : dto.outcome?.trim() || null,
    }));
    return this.getActivity(id);
  }
  removeActivity(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(this.activity, SALES_ENTITY.activity, id, actor);
  }
}
