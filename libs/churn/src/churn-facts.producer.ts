import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';
import { CHURN_OPERATIONS_CONFIG, ChurnOperationsConfig } from './churn-records.constants';

/** City fact set "churn records by type and status per month", from churn_record (period = the record's month). */
@Injectable()
@ProducesFactSet()
export class ChurnFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.churnByType;

  async compute(manager: EntityManager, { period }: FactPeriod): Promise<FactRow[]> {
    const rows: { type: string; status: string; records: string }[] = await manager.query(
      `SELECT r.type, r.status, count(*) AS records FROM churn_record r WHERE r.period = $1::date GROUP BY 1, 2`,
      [period],
    );
    return rows.map((r) => ({ dims: { type: r.type, status: r.status }, measures: { records: Number(r.records) } }));
  }
}

/**
 * City fact set "churn-risk scores by band per month". churn_risk_score holds only the current
 * score of each active customer (banded by the city's `riskBands`), so the slice is computed for the current month only; a past
 * month keeps what was last published while it was current.
 */
@Injectable()
@ProducesFactSet()
export class ChurnRiskFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.churnRiskByBand;
  readonly currentPeriodOnly = true;

  constructor(@Inject(CHURN_OPERATIONS_CONFIG) private readonly ops: ChurnOperationsConfig) {}

  async compute(manager: EntityManager): Promise<FactRow[]> {
    const rows: { band: string; customers: string; probability_sum_milli: string }[] = await manager.query(
      `SELECT CASE WHEN s.probability < $1 THEN 'low' WHEN s.probability < $2 THEN 'medium' ELSE 'high' END AS band,
              count(*) AS customers, coalesce(sum(round(s.probability * 1000)), 0)::bigint AS probability_sum_milli
       FROM churn_risk_score s JOIN customer c ON c.id = s.customer_id AND c.deleted_at IS NULL
       GROUP BY 1`,
      [this.ops.riskBands.medium, this.ops.riskBands.high],
    );
    return rows.map((r) => ({ dims: { band: r.band }, measures: { customers: Number(r.customers), probability_sum_milli: Number(r.probability_sum_milli) } }));
  }
}
