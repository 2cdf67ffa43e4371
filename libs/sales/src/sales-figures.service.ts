import { Inject, Injectable } from '@nestjs/common';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { CreateSalesTargetDto, ListSalesTargetsDto, SalesFiguresQueryDto, SalesTargetFilterDto, UpdateSalesTargetDto } from './dto/sales-figures.dto';
import { FiguresGroupBy, SALES_ENTITY, TargetDimension } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { columns, Qb, RecordSpec, Row } from './sales-record.repository';

export const TARGET_SPEC: RecordSpec = {
  table: 'sales_target',
  alias: 'st',
  label: 'Sales target',
  base: (qb) => qb.select([...columns('st', ['id', 'dimension', 'dimensionValue', 'targetOrders', 'targetAmountFen', 'createdAt', 'updatedAt', 'version'], { money: ['targetAmountFen'] }), `to_char(st.period, 'YYYY-MM') AS "period"`]),
  filters: {
    period: (qb, v) => qb.andWhere(`st.period = (:period || '-01')::date`, { period: v }),
    dimension: (qb, v) => qb.andWhere('st.dimension = :dimension', { dimension: v }),
    dimensionValue: (qb, v) => qb.andWhere('st.dimension_value = :value', { value: v }),
  },
  sorts: { period: 'st.period', dimension: 'st.dimension' },
  references: {},
  uniques: { ux_sales_target: 'dimensionValue' },
};

/** groupBy → [key expression, label expression, target dimension]. */
const GROUPS: Record<FiguresGroupBy, [string, string, TargetDimension]> = {
  [FiguresGroupBy.Customer]: ['o.customer_id::text', 'c.name', TargetDimension.Customer],
  [FiguresGroupBy.Period]: [`to_char(o.completed_at AT TIME ZONE $3, 'YYYY-MM')`, `to_char(o.completed_at AT TIME ZONE $3, 'YYYY-MM')`, TargetDimension.Total],
  [FiguresGroupBy.District]: ['c.district_code::text', 'd.name', TargetDimension.District],
  [FiguresGroupBy.Industry]: [`coalesce(c.industry_code, '')`, 'i.name', TargetDimension.Industry],
  [FiguresGroupBy.BusinessHall]: [`coalesce(o.hall_code, '')`, 'h.name', TargetDimension.BusinessHall],
  [FiguresGroupBy.Agent]: [`coalesce(o.agent_id::text, '')`, 'g.name', TargetDimension.Agent],
};

const pct = (actual: number, target: number): number | null => (target > 0 ? Math.round((actual / target) * 10_000) / 100 : null);

export interface FiguresRow { key: string; label: string | null; orders: number; amountFen: number; targetOrders: number; targetAmountFen: number; ordersAchievedPercent: number | null; amountAchievedPercent: number | null }

/** 銷售業績: sales figures by dimension with performance against targets; targets (sales_target) CRUD. */
@Injectable()
export class SalesFiguresService {
  constructor(
    private readonly crud: SalesCrudService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /**
   * Completed orders (count, Σ amount) in [from, to] (city dates) per value of `groupBy`, with the
   * targets of the months the range touches (a month counts whole) for that dimension (groupBy
   * period uses the `total` targets of each month). Values with targets but no sales are listed too.
   */
  async figures(q: SalesFiguresQueryDto): Promise<{ groupBy: string; from: string; to: string; rows: FiguresRow[]; totals: Omit<FiguresRow, 'key' | 'label'> }> {
    if (q.to < q.from) throw new DomainException(ErrorCode.ValidationFailed, 'to: before from', [{ field: 'to', problem: 'before from' }]);
    const [key, label, dimension] = GROUPS[q.groupBy];
    const sales: { key: string; label: string | null; orders: number; amount: number }[] = await this.crud.repo.dataSource.query(
      `SELECT ${key} AS key, min(${label}) AS label, count(*)::int AS orders, coalesce(sum(o.amount_fen), 0)::float8 AS amount
       FROM sales_order o JOIN customer c ON c.id = o.customer_id
       LEFT JOIN district d ON d.code = c.district_code LEFT JOIN industry i ON i.code = c.industry_code
       LEFT JOIN business_hall h ON h.code = o.hall_code LEFT JOIN sales_agent g ON g.id = o.agent_id
       WHERE o.status = 'completed' AND o.completed_at >= ($1::date)::timestamp AT TIME ZONE $3 AND o.completed_at < ($2::date + 1)::timestamp AT TIME ZONE $3
       GROUP BY 1 ORDER BY 1`,
      [q.from, q.to, this.config.timezone],
    );
    const targets: { key: string; orders: number; amount: number }[] = await this.crud.repo.dataSource.query(
      `SELECT ${dimension === TargetDimension.Total ? `to_char(t.period, 'YYYY-MM')` : 't.dimension_value'} AS key, sum(t.target_orders)::float8 AS orders, sum(t.target_amount_fen)::float8 AS amount
       FROM sales_target t
       WHERE t.dimension = $3 AND t.period >= date_trunc('month', $1::date)::date AND t.period <= date_trunc('month', $2::date)::date
       GROUP BY 1`,
      [q.from, q.to, dimension],
    );
    const byKey = new Map<string, FiguresRow>();
    for (const s of sales) byKey.set(s.key, { key: s.key, label: s.label, orders: s.orders, amountFen: s.amount, targetOrders: 0, targetAmountFen: 0, ordersAchievedPercent: null, amountAchievedPercent: null });
    for (const t of targets) {
      const row = byKey.get(t.key) ?? { key: t.key, label: null, orders: 0, amountFen: 0, targetOrders: 0, targetAmountFen: 0, ordersAchievedPercent: null, amountAchievedPercent: null };
      row.targetOrders = t.orders;
      row.targetAmountFen = t.amount;
      byKey.set(t.key, row);
    }
    const rows = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const r of rows) {
      r.ordersAchievedPercent = pct(r.orders, r.targetOrders);
      r.amountAchievedPercent = pct(r.amountFen, r.targetAmountFen);
    }
    const sum = (k: 'orders' | 'amountFen' | 'targetOrders' | 'targetAmountFen') => rows.reduce((s, r) => s + r[k], 0);
    const totals = { orders: sum('orders'), amountFen: sum('amountFen'), targetOrders: sum('targetOrders'), targetAmountFen: sum('targetAmountFen'), ordersAchievedPercent: null as number | null, amountAchievedPercent: null as number | null };
    totals.ordersAchievedPercent = pct(totals.orders, totals.targetOrders);
    totals.amountAchievedPercent = pct(totals.amountFen, totals.targetAmountFen);
    return { groupBy: q.groupBy, from: q.from, to: q.to, rows, totals };
  }

  async createTarget(dto: CreateSalesTargetDto, actor: RequestActor): Promise<Row> {
    const value = dto.dimension === TargetDimension.Total ? '' : dto.dimensionValue?.trim();
    if (dto.dimension !== TargetDimension.Total && !value) throw new DomainException(ErrorCode.ValidationFailed, 'dimensionValue: required for this dimension', [{ field: 'dimensionValue', problem: `required for ${dto.dimension}` }]);
    if (dto.dimension === TargetDimension.Total && dto.dimensionValue) throw new DomainException(ErrorCode.ValidationFailed, 'dimensionValue: not for total', [{ field: 'dimensionValue', problem: 'not for the total dimension' }]);
    const id = await this.crud.create(TARGET_SPEC, SALES_ENTITY.target, { period: `${dto.period}-01`, dimension: dto.dimension, dimensionValue: value, targetOrders: dto.targetOrders ?? 0, targetAmountFen: dto.targetAmountFen ?? 0 }, actor);
    return this.crud.get(TARGET_SPEC, id);
  }
  listTargets(q: ListSalesTargetsDto): Promise<Page> {
    return this.crud.page(TARGET_SPEC, q as unknown as Record<string, unknown> & ListSalesTargetsDto);
  }
  targetQuery(q: SalesTargetFilterDto): Qb {
    return this.crud.repo.query(TARGET_SPEC, q as unknown as Record<string, unknown>, q.sort);
  }
  getTarget(id: string): Promise<Row> {
    return this.crud.get(TARGET_SPEC, id);
  }
  async updateTarget(id: string, dto: UpdateSalesTargetDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(TARGET_SPEC, SALES_ENTITY.target, id, dto.version, actor, async () => ({ targetOrders: dto.targetOrders, targetAmountFen: dto.targetAmountFen }));
    return this.getTarget(id);
  }
  removeTarget(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(TARGET_SPEC, SALES_ENTITY.target, id, actor);
  }
}
