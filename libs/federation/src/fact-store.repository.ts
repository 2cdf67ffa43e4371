import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { dimsKey, FactRow } from './protocol/fact-row.util';

export interface SliceKey {
  originNode: string;
  metricSet: string;
  periodType: string;
  period: string;
}

export interface LockedSlice {
  version: bigint;
  contentHash: string | null;
}

/**
 * The node's store of additive facts, organised in slices (origin × fact set × period).
 * A slice is replaced whole by a newer version, so rows that disappeared in the newer
 * version disappear here too; an older or equal version changes nothing.
 */
@Injectable()
export class FactStoreRepository {
  /** Takes the slice's row lock for the rest of the transaction; version 0 when never stored. */
  async lockSlice(manager: EntityManager, key: SliceKey): Promise<LockedSlice> {
    const params = [key.originNode, key.metricSet, key.periodType, key.period];
    await manager.query(
      `INSERT INTO fact_slice (origin_node, metric_set, period_type, period, version) VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT DO NOTHING`,
      params,
    );
    const [row] = await manager.query(
      `SELECT version, content_hash FROM fact_slice
       WHERE origin_node = $1 AND metric_set = $2 AND period_type = $3 AND period = $4 FOR UPDATE`,
      params,
    );
    return { version: BigInt(row.version), contentHash: row.content_hash };
  }

  /** Replaces the slice's rows; the caller holds the slice lock and has compared versions. */
  async replaceSlice(
    manager: EntityManager,
    key: SliceKey,
    slice: { version: string; contentHash: string; sourceNode: string; producedAt: Date },
    rows: readonly FactRow[],
  ): Promise<void> {
    const params = [key.originNode, key.metricSet, key.periodType, key.period];
    await manager.query(`DELETE FROM fact WHERE origin_node = $1 AND metric_set = $2 AND period_type = $3 AND period = $4`, params);
    if (rows.length) {
      const packed = rows.map((r) => ({ k: dimsKey(r.dims), d: r.dims, m: r.measures }));
      await manager.query(
        `INSERT INTO fact (origin_node, metric_set, period_type, period, dims_key, dims, measures)
         SELECT $1, $2, $3, $4, r->>'k', r->'d', r->'m' FROM jsonb_array_elements($5::jsonb) AS r`,
        [...params, JSON.stringify(packed)],
      );
    }
    await manager.query(
      `UPDATE fact_slice SET version = $5, content_hash = $6, row_count = $7, source_node = $8, produced_at = $9, updated_at = now()
       WHERE origin_node = $1 AND metric_set = $2 AND period_type = $3 AND period = $4`,
      [...params, slice.version, slice.contentHash, rows.length, slice.sourceNode, slice.producedAt],
    );
  }

  /**
   * A version greater than `current` that also grows with time (microseconds since the epoch), so
   * that a city restored from a backup, whose sequence fell behind, still outranks what its
   * parents hold. The sequence breaks ties within a microsecond.
   */
  async nextVersion(manager: EntityManager, current: bigint): Promise<string> {
    const [row] = await manager.query(
      `SELECT greatest($1::bigint + 1, floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint + nextval('fact_version_seq') % 1000)::text AS v`,
      [current.toString()],
    );
    return row.v;
  }
}
