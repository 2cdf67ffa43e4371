import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** Active customers at the end of the month and the products they hold then (distinct). */
const HOLDINGS = `WITH b AS (SELECT (($1::date + interval '1 month')::date)::timestamp AT TIME ZONE $2 AS e),
  active AS (SELECT c.id FROM customer c CROSS JOIN b WHERE c.created_at < b.e AND (c.deleted_at IS NULL OR c.deleted_at >= b.e)),
  held AS (
    SELECT DISTINCT s.customer_id, s.product_code AS product
    FROM subscription s CROSS JOIN b JOIN active a ON a.id = s.customer_id
    WHERE s.started_at < b.e AND (s.ended_at IS NULL OR s.ended_at >= b.e))`;

/** The row of product_holders that counts every active customer (the base of support). */
export const ALL_CUSTOMERS_PRODUCT = '*';

/** City fact set "holders of each product at the end of the month" (業務關聯), plus the "*" row of all active customers. */
@Injectable()
@ProducesFactSet()
export class ProductHoldersFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.productHolders;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { product: string; customers: string }[] = await manager.query(
      `${HOLDINGS}
       SELECT product, count(*) AS customers FROM held GROUP BY 1
       UNION ALL SELECT '${ALL_CUSTOMERS_PRODUCT}', count(*) FROM active`,
      [period, timezone],
    );
    const out = rows.map((r) => ({ dims: { product: r.product }, measures: { customers: Number(r.customers) } }));
    // nothing held and nobody active: an empty month (not published until something exists)
    return out.length === 1 && out[0].measures.customers === 0 ? [] : out;
  }
}

/** City fact set "pairs of products held together at the end of the month" (業務關聯). */
@Injectable()
@ProducesFactSet()
export class ProductPairsFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.productPairs;

  async compute(manager: EntityManager, { period, timezone }: FactPeriod): Promise<FactRow[]> {
    const rows: { product_a: string; product_b: string; customers_both: string }[] = await manager.query(
      `${HOLDINGS}
       SELECT x.product AS product_a, y.product AS product_b, count(*) AS customers_both
       FROM held x JOIN held y ON y.customer_id = x.customer_id AND x.product < y.product
       GROUP BY 1, 2`,
      [period, timezone],
    );
    return rows.map((r) => ({ dims: { product_a: r.product_a, product_b: r.product_b }, measures: { customers_both: Number(r.customers_both) } }));
  }
}
