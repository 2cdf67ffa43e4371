import { Inject, Injectable } from '@nestjs/common';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { computeCommission } from './commission.rules';
import { CommissionFilterDto, ListCommissionsDto } from './dto/agent.dto';
import { CommissionStatus, SALES_ENTITY } from './sales.constants';
import { SALES_CONFIG, SalesConfig } from './sales.config';
import { Page, SalesCrudService } from './sales-crud.service';
import { columns, Qb, RecordSpec, Row, staleVersion } from './sales-record.repository';

export const COMMISSION_SPEC: RecordSpec = {
  table: 'sales_commission_statement',
  alias: 'cs',
  label: 'Commission statement',
  base: (qb) =>
    qb.innerJoin('sales_agent', 'g', 'g.id = cs.agent_id').select([
      ...columns('cs', ['id', 'agentId', 'status', 'orders', 'revenueFen', 'commissionFen', 'bonusFen', 'clawbackFen', 'totalFen', 'rules', 'computedAt', 'computedBy', 'approvedAt', 'approvedBy', 'version'], {
        money: ['revenueFen', 'commissionFen', 'bonusFen', 'clawbackFen', 'totalFen'],
      }),
      `to_char(cs.period, 'YYYY-MM') AS "period"`, 'g.code AS "agentCode"', 'g.name AS "agentName"',
    ]),
  filters: {
    agentId: (qb, v) => qb.andWhere('cs.agent_id = :agentId', { agentId: v }),
    period: (qb, v) => qb.andWhere(`cs.period = (:period || '-01')::date`, { period: v }),
    status: (qb, v) => qb.andWhere('cs.status = :status', { status: v }),
  },
  sorts: { period: 'cs.period', totalFen: 'cs.total_fen' },
  references: { fk_sales_commission_statement_agent: 'agentId' },
  uniques: { ux_sales_commission_statement_agent_period: 'period' },
};

interface LineRow { order_id: string; order_line_id: string; action: string; product_code: string | null; price_plan_code: string | null; amount_fen: number }

/** 佣金/獎金: agents' monthly commission statements computed from completed orders by the rule set; approved statements are immutable. */
@Injectable()
export class CommissionService {
  constructor(
    private readonly crud: SalesCrudService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(SALES_CONFIG) private readonly sales: SalesConfig,
  ) {}

  /**
   * (Re)computes the agent's statement of `period` (YYYY-MM): idempotent — a recompute replaces the
   * statement (same id, version + 1) unless it is approved (409).
   */
  async compute(agentId: string, period: string, actor: RequestActor): Promise<Row> {
    const [agent] = await this.crud.repo.dataSource.query(`SELECT id FROM sales_agent WHERE id = $1`, [agentId]);
    if (!agent) throw DomainException.notFound('Agent', agentId);
    const tz = this.config.timezone;
    const rules = this.sales.commission;
    const id = await this.crud.repo.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('sales_commission:' || $1 || ':' || $2))`, [agentId, period]);
      const [existing] = await m.query(`SELECT id, status FROM sales_commission_statement WHERE agent_id = $1 AND period = ($2 || '-01')::date FOR UPDATE`, [agentId, period]);
      if (existing?.status === CommissionStatus.Approved) {
        throw DomainException.conflict(`The ${period} statement of the agent is approved and cannot be recomputed`, [{ field: 'period', problem: 'statement approved' }]);
      }
      const bounds = `b AS (SELECT (($2 || '-01')::date)::timestamp AT TIME ZONE $3 AS s, ((($2 || '-01')::date + interval '1 month')::date)::timestamp AT TIME ZONE $3 AS e)`;
      const orders: { order_id: string; amount_fen: number }[] = await m.query(
        `WITH ${bounds} SELECT o.id AS order_id, o.amount_fen::float8 AS amount_fen FROM sales_order o CROSS JOIN b
         WHERE o.agent_id = $1 AND o.status = 'completed' AND o.completed_at >= b.s AND o.completed_at < b.e ORDER BY o.completed_at, o.id`,
        [agentId, period, tz],
      );
      const lines: LineRow[] = await m.query(
        `WITH ${bounds} SELECT l.order_id, l.id AS order_line_id, l.action, coalesce(l.product_code, s.product_code) AS product_code,
                coalesce(l.price_plan_code, CASE WHEN l.action = 'new' THEN NULL ELSE s.price_plan_code END) AS price_plan_code, l.amount_fen::float8 AS amount_fen
         FROM sales_order o CROSS JOIN b JOIN sales_order_line l ON l.order_id = o.id LEFT JOIN subscription s ON s.id = l.subscription_id
         WHERE o.agent_id = $1 AND o.status = 'completed' AND o.completed_at >= b.s AND o.completed_at < b.e ORDER BY o.completed_at, o.id, l.line_no`,
        [agentId, period, tz],
      );
      const clawbacks: LineRow[] = await m.query(
        `WITH ${bounds} SELECT l.order_id, l.id AS order_line_id, l.action, l.product_code, l.price_plan_code, l.amount_fen::float8 AS amount_fen
         FROM sales_order o CROSS JOIN b JOIN sales_order_line l ON l.order_id = o.id JOIN subscription s ON s.id = l.result_subscription_id
         WHERE o.agent_id = $1 AND o.status = 'completed' AND l.action = 'new' AND s.status = 'terminated'
           AND s.ended_at >= b.s AND s.ended_at < b.e AND s.ended_at <= o.completed_at + make_interval(days => $4)
         ORDER BY s.ended_at, l.id`,
        [agentId, period, tz, rules.clawbackDays],
      );
      const toInput = (l: LineRow) => ({ orderId: l.order_id, orderLineId: l.order_line_id, action: l.action, productCode: l.product_code, pricePlanCode: l.price_plan_code, amountFen: l.amount_fen });
      const result = computeCommission(orders.map((o) => ({ orderId: o.order_id, amountFen: o.amount_fen })), lines.map(toInput), clawbacks.map(toInput), rules);
      const values = {
        orders: result.orders, revenueFen: result.revenueFen, commissionFen: result.commissionFen, bonusFen: result.bonusFen, clawbackFen: result.clawbackFen, totalFen: result.totalFen,
        rules: JSON.stringify(rules), computedAt: new Date(), computedBy: actor.username,
      };
      let statementId: string;
      if (existing) {
        statementId = existing.id;
        await this.crud.repo.update(m, COMMISSION_SPEC, statementId, values, false);
        await m.query(`DELETE FROM sales_commission_line WHERE statement_id = $1`, [statementId]);
      } else {
        statementId = await this.crud.repo.insert(m, COMMISSION_SPEC, { agentId, period: `${period}-01`, status: CommissionStatus.Computed, ...values });
      }
      if (result.lines.length) {
        await m.query(
          `INSERT INTO sales_commission_line (statement_id, order_id, order_line_id, kind, product_code, price_plan_code, amount_fen, commission_fen, rule)
           SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[])`,
          [statementId, ...(['orderId', 'orderLineId', 'kind', 'productCode', 'pricePlanCode', 'amountFen', 'commissionFen', 'rule'] as const).map((k) => result.lines.map((l) => l[k]))],
        );
      }
      const { lines: _l, ...totals } = result;
      await this.crud.record(m, actor, { action: existing ? 'update' : 'create', entityType: SALES_ENTITY.commission, entityId: statementId, newValues: { computed: true, agentId, period, ...totals } });
      return statementId;
    });
    return this.get(id);
  }

  list(q: ListCommissionsDto): Promise<Page> {
    return this.crud.page(COMMISSION_SPEC, q as unknown as Record<string, unknown> & ListCommissionsDto);
  }

  exportQuery(q: CommissionFilterDto): Qb {
    return this.crud.repo.query(COMMISSION_SPEC, q as unknown as Record<string, unknown>, q.sort);
  }

  async get(id: string): Promise<Row> {
    const row = await this.crud.get(COMMISSION_SPEC, id);
    const lines = await this.crud.repo.dataSource.query(
      `SELECT order_id AS "orderId", order_line_id AS "orderLineId", kind, product_code AS "productCode", price_plan_code AS "pricePlanCode",
              amount_fen::float8 AS "amountFen", commission_fen::float8 AS "commissionFen", rule
       FROM sales_commission_line WHERE statement_id = $1 ORDER BY id`,
      [id],
    );
    return { ...row, lines };
  }

  /** Approves (immutable afterwards: recompute and approve again answer 409). */
  async approve(id: string, version: number, actor: RequestActor): Promise<Row> {
    await this.crud.update(COMMISSION_SPEC, SALES_ENTITY.commission, id, version, actor, async (cur) => {
      if (cur.status === CommissionStatus.Approved) throw DomainException.conflict('The statement is already approved', [{ field: 'status', problem: 'approved is final' }]);
      return { status: CommissionStatus.Approved, approvedAt: new Date(), approvedBy: actor.username };
    }, false);
    return this.get(id);
  }
}
