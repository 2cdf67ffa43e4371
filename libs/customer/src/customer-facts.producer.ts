import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** `channel` of a customer without a recorded acquisition channel. */
export const UNKNOWN_CHANNEL = 'unknown';
/** `business_hall` of a customer without a business hall. */
export const NO_BUSINESS_HALL = 'none';

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

/**
 * City fact set "customers by acquisition channel and business hall per month" (客戶發展 by
 * 發展渠道 / 營業廳), from the customer table. Channel and hall are the customer's current ones.
 */
@Injectable()
@ProducesFactSet()
export class CustomerChannelFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.customersByChannelHall;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { segment: string; channel: string; business_hall: string; district: string; customers_end: string; new_customers: string; lost_customers: string }[] = await manager.query(
      `WITH b AS (SELECT (date_trunc('month', $1::date))::timestamp AT TIME ZONE $2 AS s,
                         (date_trunc('month', $1::date) + interval '1 month')::timestamp AT TIME ZONE $2 AS e)
       SELECT c.customer_type AS segment, coalesce(c.acquisition_channel, $3) AS channel, coalesce(c.hall_code, $4) AS business_hall,
              c.district_code AS district,
              count(*) FILTER (WHERE c.deleted_at IS NULL OR c.deleted_at >= b.e) AS customers_end,
              count(*) FILTER (WHERE c.created_at >= b.s) AS new_customers,
              count(*) FILTER (WHERE c.deleted_at >= b.s AND c.deleted_at < b.e) AS lost_customers
       FROM customer c CROSS JOIN b
       WHERE c.created_at < b.e AND (c.deleted_at IS NULL OR c.deleted_at >= b.s)
       GROUP BY 1, 2, 3, 4`,
      [period, timezone, UNKNOWN_CHANNEL, NO_BUSINESS_HALL],
    );
    return rows.map((r) => ({
      dims: { segment: r.segment, channel: r.channel, business_hall: r.business_hall, district: r.district },
      measures: { customers_end: Number(r.customers_end), new_customers: Number(r.new_customers), lost_customers: Number(r.lost_customers) },
    }));
  }
}
