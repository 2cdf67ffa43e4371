import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode, ErrorDetail } from '@crm/errors';
import { SubscriptionService } from '@crm/product';
import { CreateOrderDto, ListOrdersDto, OrderFilterDto, OrderLineDto, UpdateOrderDto } from './dto/order.dto';
import { ORDER_TRANSITIONS, OrderLineAction, OrderStatus, SALES_ENTITY } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { columns, Qb, RecordSpec, Row } from './sales-record.repository';

export const orderSpec = (tz: string): RecordSpec => ({
  table: 'sales_order',
  alias: 'o',
  label: 'Order',
  base: (qb) =>
    qb
      .innerJoin('customer', 'c', 'c.id = o.customer_id')
      .leftJoin('sales_agent', 'a', 'a.id = o.agent_id')
      .leftJoin('staff', 's', 's.id = o.sales_staff_id')
      .leftJoin('business_hall', 'h', 'h.code = o.hall_code')
      .select([
        ...columns('o', ['id', 'orderNo', 'customerId', 'status', 'channel', 'hallCode', 'agentId', 'representativeId', 'salesStaffId', 'opportunityId', 'amountFen', 'notes', 'submittedAt', 'completedAt', 'cancelledAt', 'createdBy', 'createdAt', 'updatedAt', 'version'], { money: ['amountFen'] }),
        'c.name AS "customerName"', 'a.name AS "agentName"', 's.name AS "salesStaffName"', 'h.name AS "hallName"',
      ]),
  filters: {
    status: (qb, v) => qb.andWhere('o.status = :status', { status: v }),
    customerId: (qb, v) => qb.andWhere('o.customer_id = :customerId', { customerId: v }),
    agentId: (qb, v) => qb.andWhere('o.agent_id = :agentId', { agentId: v }),
    salesStaffId: (qb, v) => qb.andWhere('o.sales_staff_id = :staff', { staff: v }),
    hallCode: (qb, v) => qb.andWhere('o.hall_code = :hall', { hall: v }),
    channel: (qb, v) => qb.andWhere('o.channel = :channel', { channel: v }),
    completedFrom: (qb, v) => qb.andWhere('o.completed_at >= (:cf::date)::timestamp AT TIME ZONE :tz', { cf: v, tz }),
    completedTo: (qb, v) => qb.andWhere('o.completed_at < (:ct::date + 1)::timestamp AT TIME ZONE :tz', { ct: v, tz }),
  },
  sorts: { createdAt: 'o.created_at', completedAt: 'o.completed_at', amountFen: 'o.amount_fen', orderNo: 'o.order_no' },
  references: {
    fk_sales_order_customer: 'customerId', fk_sales_order_hall: 'hallCode', fk_sales_order_agent: 'agentId', fk_sales_order_representative: 'representativeId',
    fk_sales_order_staff: 'salesStaffId', fk_sales_order_opportunity: 'opportunityId',
  },
  uniques: { ux_sales_order_no: 'orderNo' },
});

const LINE_REFS = { fk_sales_order_line_product: 'productCode', fk_sales_order_line_subscription: 'subscriptionId', fk_sales_order_line_result: 'resultSubscriptionId' };
const bad = (details: ErrorDetail[]): DomainException => new DomainException(ErrorCode.ValidationFailed, details.map((d) => `${d.field}: ${d.problem}`).join('; '), details);

/** 定單: orders with lines; completing one creates / changes / terminates the customer's subscriptions in one transaction. */
@Injectable()
export class OrderService {
  readonly spec: RecordSpec;

  constructor(
    private readonly crud: SalesCrudService,
    private readonly subscriptions: SubscriptionService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {
    this.spec = orderSpec(config.timezone);
  }

  async create(dto: CreateOrderDto, actor: RequestActor): Promise<Row> {
    const orderNo = `SO${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(4).toString('hex').toUpperCase()}`;
    const values = {
      orderNo, customerId: dto.customerId, status: OrderStatus.Draft, channel: dto.channel, hallCode: dto.hallCode ?? null, agentId: dto.agentId ?? null,
      representativeId: dto.representativeId ?? null, salesStaffId: dto.salesStaffId ?? null, opportunityId: dto.opportunityId ?? null,
      amountFen: dto.lines.reduce((s, l) => s + l.amountFen, 0), notes: dto.notes?.trim() || null, createdBy: actor.username,
    };
    const id = await this.crud.create(this.spec, SALES_ENTITY.order, values, actor,
      async (m) => this.checkHeader(m, values),
      async (m, orderId) => this.writeLines(m, orderId, dto.customerId, dto.lines));
    return this.get(id);
  }

  list(q: ListOrdersDto): Promise<Page> {
    return this.crud.page(this.spec, q as unknown as Record<string, unknown> & ListOrdersDto);
  }

  exportQuery(q: OrderFilterDto): Qb {
    return this.crud.repo.query(this.spec, q as unknown as Record<string, unknown>, q.sort);
  }

  async get(id: string, manager?: EntityManager): Promise<Row> {
    const row = await this.crud.get(this.spec, id, manager);
    const lines = await (manager ?? this.crud.repo.dataSource.manager).query(
      `SELECT id, line_no AS "lineNo", action, product_code AS "productCode", price_plan_code AS "pricePlanCode", subscription_id AS "subscriptionId",
              service_number AS "serviceNumber", amount_fen::float8 AS "amountFen", result_subscription_id AS "resultSubscriptionId"
       FROM sales_order_line WHERE order_id = $1 ORDER BY line_no`,
      [id],
    );
    return { ...row, lines };
  }

  /**
   * Edits a draft (header and lines), or moves the status: draft → submitted | cancelled;
   * submitted → completed | cancelled | draft. Completing executes every line through the
   * product library's SubscriptionService in this transaction: if a line fails nothing is
   * written and the answer names the line (`lines[i].field`).
   */
  async update(id: string, dto: UpdateOrderDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(this.spec, SALES_ENTITY.order, id, dto.version, actor, async (cur, m) => {
      const from = cur.status as OrderStatus;
      const to = dto.status ?? from;
      if (ORDER_TRANSITIONS[from].length === 0) throw DomainException.conflict(`A ${from} order cannot change`, [{ field: 'status', problem: `${from} is final` }]);
      if (to !== from && !ORDER_TRANSITIONS[from].includes(to)) throw DomainException.conflict(`An order cannot move from ${from} to ${to}`, [{ field: 'status', problem: `allowed from ${from}: ${ORDER_TRANSITIONS[from].join(', ')}` }]);
      const editing = ['channel', 'hallCode', 'agentId', 'representativeId', 'salesStaffId', 'notes', 'lines'].some((k) => (dto as unknown as Row)[k] !== undefined);
      if (editing && from !== OrderStatus.Draft) throw DomainException.conflict('Only a draft order can be edited (move it back to draft first)', [{ field: 'status', problem: `${from} orders are not editable` }]);
      const header = {
        channel: dto.channel, hallCode: dto.hallCode, agentId: dto.agentId, representativeId: dto.representativeId, salesStaffId: dto.salesStaffId,
        notes: dto.notes === undefined ? undefined : dto.notes?.trim() || null,
      };
      if (editing) await this.checkHeader(m, { ...cur, ...Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined)) });
      let amountFen: number | undefined;
      if (dto.lines) {
        await m.query(`DELETE FROM sales_order_line WHERE order_id = $1`, [id]);
        await this.writeLines(m, id, cur.customerId as string, dto.lines);
        amountFen = dto.lines.reduce((s, l) => s + l.amountFen, 0);
      }
      const now = new Date();
      if (to === OrderStatus.Completed && from !== to) await this.complete(m, id, cur.customerId as string, actor);
      return {
        ...header, amountFen, status: to !== from ? to : undefined,
        submittedAt: to === OrderStatus.Submitted && from !== to ? now : to === OrderStatus.Draft && from !== to ? null : undefined,
        completedAt: to === OrderStatus.Completed && from !== to ? now : undefined,
        cancelledAt: to === OrderStatus.Cancelled && from !== to ? now : undefined,
      };
    });
    return this.get(id);
  }

  /** Deletes a draft or cancelled order (409 for submitted and completed ones: they are history). */
  remove(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(this.spec, SALES_ENTITY.order, id, actor, async (cur) => {
      if (cur.status === OrderStatus.Submitted || cur.status === OrderStatus.Completed) {
        throw DomainException.conflict(`A ${cur.status as string} order cannot be deleted (cancel it, or keep it as history)`, [{ field: 'status', problem: `${cur.status as string} orders are kept` }]);
      }
    });
  }

  private async complete(m: EntityManager, orderId: string, customerId: string, actor: RequestActor): Promise<void> {
    const lines: { id: string; line_no: number; action: OrderLineAction; product_code: string | null; price_plan_code: string | null; subscription_id: string | null; service_number: string | null }[] =
      await m.query(`SELECT id, line_no, action, product_code, price_plan_code, subscription_id, service_number FROM sales_order_line WHERE order_id = $1 ORDER BY line_no`, [orderId]);
    for (const line of lines) {
      const at = `lines[${line.line_no - 1}]`;
      try {
        let result: string;
        if (line.action === OrderLineAction.New) {
          const created = await this.subscriptions.create({ customerId, productCode: line.product_code!, pricePlanCode: line.price_plan_code ?? undefined, serviceNumber: line.service_number! }, actor, m);
          result = created.id;
        } else {
          const [sub] = await m.query(`SELECT customer_id, version FROM subscription WHERE id = $1 FOR UPDATE`, [line.subscription_id]);
          if (!sub || sub.customer_id !== customerId) throw bad([{ field: 'subscriptionId', problem: "not a subscription of the order's customer" }]);
          if (line.action === OrderLineAction.Change) await this.subscriptions.update(line.subscription_id!, { version: sub.version, pricePlanCode: line.price_plan_code }, actor, m);
          else await this.subscriptions.terminate(line.subscription_id!, actor, m);
          result = line.subscription_id!;
        }
        await m.query(`UPDATE sales_order_line SET result_subscription_id = $2 WHERE id = $1`, [line.id, result]);
      } catch (e) {
        throw lineError(e, at, line.line_no);
      }
    }
  }

  private async checkHeader(m: EntityManager, v: Row): Promise<void> {
    const details: ErrorDetail[] = [];
    if (!(await this.crud.repo.customerExists(m, v.customerId as string))) details.push({ field: 'customerId', problem: 'unknown or closed customer' });
    if (v.representativeId) {
      const [rep] = await m.query(`SELECT agent_id FROM sales_agent_representative WHERE id = $1`, [v.representativeId]);
      if (!rep) details.push({ field: 'representativeId', problem: 'unknown representative' });
      else if (rep.agent_id !== v.agentId) details.push({ field: 'representativeId', problem: "not a representative of the order's agent" });
    }
    if (v.opportunityId) {
      const [opp] = await m.query(`SELECT customer_id FROM sales_opportunity WHERE id = $1`, [v.opportunityId]);
      if (!opp) details.push({ field: 'opportunityId', problem: 'unknown opportunity' });
      else if (opp.customer_id !== v.customerId) details.push({ field: 'opportunityId', problem: "an opportunity of another customer" });
    }
    if (v.agentId) {
      const [agent] = await m.query(`SELECT status FROM sales_agent WHERE id = $1`, [v.agentId]);
      if (!agent) details.push({ field: 'agentId', problem: 'unknown agent' });
      else if (agent.status !== 'active') details.push({ field: 'agentId', problem: 'the agent is suspended' });
    }
    if (details.length) throw bad(details);
  }

  /** Checks each line's shape and references (400 naming `lines[i].field`) and inserts them. */
  private async writeLines(m: EntityManager, orderId: string, customerId: string, lines: OrderLineDto[]): Promise<void> {
    const details: ErrorDetail[] = [];
    const products = new Set<string>(
      (await m.query(`SELECT code FROM product WHERE code = ANY($1::text[])`, [lines.map((l) => l.productCode).filter(Boolean)])).map((r: { code: string }) => r.code),
    );
    const subIds = lines.map((l) => l.subscriptionId).filter(Boolean);
    const subs = new Map<string, { customer_id: string; status: string }>(
      (await m.query(`SELECT id, customer_id, status FROM subscription WHERE id = ANY($1::uuid[])`, [subIds])).map((r: { id: string; customer_id: string; status: string }) => [r.id, r]),
    );
    lines.forEach((l, i) => {
      const at = `lines[${i}]`;
      const need = (field: keyof OrderLineDto, ok: boolean, problem: string) => !ok && details.push({ field: `${at}.${field}`, problem });
      if (l.action === OrderLineAction.New) {
        need('productCode', !!l.productCode, 'required for a new subscription');
        need('serviceNumber', !!l.serviceNumber, 'required for a new subscription');
        need('subscriptionId', l.subscriptionId === undefined, 'only for change / terminate lines');
        if (l.productCode && !products.has(l.productCode)) details.push({ field: `${at}.productCode`, problem: 'unknown product' });
      } else {
        need('subscriptionId', !!l.subscriptionId, `required for a ${l.action} line`);
        need('productCode', l.productCode === undefined, 'only for new lines (the product of a subscription never changes)');
        need('serviceNumber', l.serviceNumber === undefined, 'only for new lines');
        if (l.action === OrderLineAction.Change) need('pricePlanCode', l.pricePlanCode !== undefined, 'required for a change line (null removes the plan)');
        else need('pricePlanCode', l.pricePlanCode === undefined, 'not for a terminate line');
        const sub = l.subscriptionId ? subs.get(l.subscriptionId) : undefined;
        if (l.subscriptionId && !sub) details.push({ field: `${at}.subscriptionId`, problem: 'unknown subscription' });
        else if (sub && sub.customer_id !== customerId) details.push({ field: `${at}.subscriptionId`, problem: "not a subscription of the order's customer" });
      }
    });
    if (details.length) throw bad(details);
    for (const [i, l] of lines.entries()) {
      await this.crud.repo.insert(m, { table: 'sales_order_line', references: LINE_REFS, uniques: {}, label: 'Order line' }, {
        orderId, lineNo: i + 1, action: l.action, productCode: l.productCode ?? null, pricePlanCode: l.pricePlanCode ?? null, subscriptionId: l.subscriptionId ?? null,
        serviceNumber: l.serviceNumber ?? null, amountFen: l.amountFen,
      });
    }
  }
}

/** A failing line: the same kind of error (400 / 409), its message and fields prefixed with the line. */
function lineError(e: unknown, at: string, lineNo: number): unknown {
  if (!(e instanceof DomainException)) return e;
  const code = e.code === ErrorCode.NotFound ? ErrorCode.ValidationFailed : e.code;
  const details = (e.details?.length ? e.details : [{ problem: e.message }]).map((d) => ({ field: d.field?.startsWith('lines[') ? d.field : `${at}.${d.field ?? 'subscriptionId'}`, problem: d.problem }));
  return new DomainException(code, `Line ${lineNo} (${at}) failed; nothing was written: ${e.message}`, details);
}
