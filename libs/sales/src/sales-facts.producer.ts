import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** City fact set "sales per month by district × business hall × agent × product", from the lines of orders completed in the month. */
@Injectable()
@ProducesFactSet()
export class SalesFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.salesByChannel;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { district: string; hall: string; agent: string; product: string; orders: string; order_lines: string; amount_fen: string }[] = await manager.query(
      `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, (($1::date + interval '1 month')::date)::timestamp AT TIME ZONE $2 AS e),
            l AS (SELECT c.district_code AS district, coalesce(o.hall_code, '') AS hall, coalesce(g.code, '') AS agent,
                         coalesce(ln.product_code, s.product_code, '') AS product, o.id AS order_id, ln.line_no, ln.amount_fen,
                         min(ln.line_no) OVER (PARTITION BY o.id) AS first_line
                  FROM sales_order o CROSS JOIN b
                  JOIN customer c ON c.id = o.customer_id
                  JOIN sales_order_line ln ON ln.order_id = o.id
                  LEFT JOIN subscription s ON s.id = ln.subscription_id
                  LEFT JOIN sales_agent g ON g.id = o.agent_id
                  WHERE o.status = 'completed' AND o.completed_at >= b.s AND o.completed_at < b.e)
       SELECT district, hall, agent, product, count(*) FILTER (WHERE line_no = first_line) AS orders, count(*) AS order_lines, coalesce(sum(amount_fen), 0) AS amount_fen
       FROM l GROUP BY 1, 2, 3, 4`,
      [period, timezone],
    );
    return rows.map((r) => ({
      dims: { district: r.district, business_hall: r.hall, agent: r.agent, product: r.product },
      measures: { orders: Number(r.orders), order_lines: Number(r.order_lines), amount_fen: Number(r.amount_fen) },
    }));
  }
}

/** City fact set "opportunity pipeline by stage" (current state: computed for the current month only). */
@Injectable()
@ProducesFactSet()
export class PipelineFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.salesPipelineByStage;
  readonly currentPeriodOnly = true;

  async compute(manager: EntityManager, _period?: FactPeriod): Promise<FactRow[]> {
    const rows: { stage: string; opportunities: string; expected_value_fen: string }[] = await manager.query(
      `SELECT stage, count(*) AS opportunities, coalesce(sum(expected_value_fen), 0) AS expected_value_fen FROM sales_opportunity GROUP BY 1`,
    );
    return rows.map((r) => ({ dims: { stage: r.stage }, measures: { opportunities: Number(r.opportunities), expected_value_fen: Number(r.expected_value_fen) } }));
  }
}
