import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * fact_slice by fact set and period: an analysis reads the latest period and the freshness of a
 * whole scope (origin_node LIKE '44%', every city at HQ), which the key (origin first) cannot serve.
 */
export class FactSliceIndex1764571000000 implements MigrationInterface {
  name = 'FactSliceIndex1764571000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_fact_slice_metric_period ON fact_slice (metric_set, period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_fact_slice_metric_period`);
  }
}
