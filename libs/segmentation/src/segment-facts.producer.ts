import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FACT_SETS, FactPeriod, FactRow, FactSetProducer, ProducesFactSet } from '@crm/federation';

/** City fact set "segment sizes per dimension per month", from customer_segment. */
@Injectable()
@ProducesFactSet()
export class SegmentFactsProducer implements FactSetProducer {
  readonly definition = FACT_SETS.segmentsByDimension;

  async compute(manager: EntityManager, { period }: FactPeriod): Promise<FactRow[]> {
    const rows: { dimension: string; segment: string; customers: string }[] = await manager.query(
      `SELECT dimension, segment, count(*) AS customers FROM customer_segment WHERE period = $1::date GROUP BY 1, 2`,
      [period],
    );
    return rows.map((r) => ({ dims: { dimension: r.dimension, segment: r.segment }, measures: { customers: Number(r.customers) } }));
  }
}
