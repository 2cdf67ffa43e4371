import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** City fact set "customers by segment and district per day", from the customer table. */
@Injectable()
@ProducesFactSet()
export class CustomerFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.customersBySegmentDistrict;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { segment: string; district: string; customers: string; new_customers: string; lost_customers: string }[] = await manager.query(
      `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, ($1::date + 1)::timestamp AT TIME ZONE $2 AS e)
       SELECT c.customer_type AS segment, c.district_code AS district,
              count(*) FILTER (WHERE c.created_at < b.e AND (c.deleted_at IS NULL OR c.deleted_at >= b.e)) AS customers,
              count(*) FILTER (WHERE c.created_at >= b.s AND c.created_at < b.e) AS new_customers,
              count(*) FILTER (WHERE c.deleted_at >= b.s AND c.deleted_at < b.e) AS lost_customers
       FROM customer c CROSS JOIN b
       WHERE c.created_at < b.e AND (c.deleted_at IS NULL OR c.deleted_at >= b.s)
       GROUP BY 1, 2`,
      [period, timezone],
    );
    return rows.map((r) => ({
      dims: { segment: r.segment, district: r.district },
      measures: { customers: Number(r.customers), new_customers: Number(r.new_customers), lost_customers: Number(r.lost_customers) },
    }));
  }
}
