import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/**
 * City fact set "scores by kind and band per month", from the current values in customer_score
 * for the month (replaced values in customer_score_history are not counted). The score sum is
 * carried ×100 as an integer so that every tier derives averages from sums.
 */
@Injectable()
@ProducesFactSet()
export class ScoreFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.scoreBandsByKind;

  async compute(manager: EntityManager, { period }: FactPeriod): Promise<FactRow[]> {
    const rows: { kind: string; band: string; customers: string; score_sum_centi: string }[] = await manager.query(
      `SELECT s.kind, s.band, count(*) AS customers, coalesce(sum(round(s.score * 100)), 0)::bigint AS score_sum_centi
       FROM customer_score s WHERE s.period = $1::date GROUP BY 1, 2`,
      [period],
    );
    return rows.map((r) => ({
      dims: { kind: r.kind, band: r.band },
      measures: { customers: Number(r.customers), score_sum_centi: Number(r.score_sum_centi) },
    }));
  }
}
