import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** City fact set "abnormal cases by kind and status per billing month", from abnormal_case (all services). */
@Injectable()
@ProducesFactSet()
export class AbnormalFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.abnormalByKind;

  async compute(manager: EntityManager, { period }: FactPeriod): Promise<FactRow[]> {
    const rows: { kind: string; status: string; cases: string }[] = await manager.query(
      `SELECT a.kind, a.status, count(*) AS cases FROM abnormal_case a WHERE a.period = $1::date GROUP BY 1, 2`,
      [period],
    );
    return rows.map((r) => ({ dims: { kind: r.kind, status: r.status }, measures: { cases: Number(r.cases) } }));
  }
}

/**
 * City fact set "potential key accounts by status per month". potential_key_account is current
 * state (one row per customer), so the slice is computed for the current month only; a past
 * month keeps what was last published while it was current.
 */
@Injectable()
@ProducesFactSet()
export class PotentialKeyAccountFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.potentialKeyAccounts;
  readonly currentPeriodOnly = true;

  async compute(manager: EntityManager): Promise<FactRow[]> {
    const rows: { status: string; customers: string; annual_billed_fen_sum: string }[] = await manager.query(
      `SELECT p.status, count(*) AS customers, coalesce(sum(p.annual_billed_fen), 0)::bigint AS annual_billed_fen_sum
       FROM potential_key_account p GROUP BY 1`,
    );
    return rows.map((r) => ({ dims: { status: r.status }, measures: { customers: Number(r.customers), annual_billed_fen_sum: Number(r.annual_billed_fen_sum) } }));
  }
}
