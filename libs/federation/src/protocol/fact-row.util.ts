import { createHash } from 'node:crypto';

export interface FactRow {
  dims: Record<string, string>;
  measures: Record<string, number>;
}

const sortedEntries = <T>(o: Record<string, T>): [string, T][] => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Stable key of a row's dimension values (its identity inside a slice). */
export function dimsKey(dims: Record<string, string>): string {
  return JSON.stringify(sortedEntries(dims));
}

/** Order-independent hash of a slice's rows, to skip re-publishing unchanged facts and check integrity. */
export function contentHash(rows: readonly FactRow[]): string {
  const canonical = rows
    .map((r) => JSON.stringify([sortedEntries(r.dims), sortedEntries(r.measures)]))
    .sort()
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex');
}

/** `source/origin/metric/periodType/period/version`: the idempotency key of a batch. */
export function batchKey(b: { sourceNode: string; originNode: string; metricSet: string; periodType: string; period: string; version: string }): string {
  return [b.sourceNode, b.originNode, b.metricSet, b.periodType, b.period, b.version].join('/');
}
