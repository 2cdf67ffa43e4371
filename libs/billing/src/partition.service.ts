import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { PARTITIONED_TABLES } from './billing.constants';
import { addMonths, dayIn, instantOf, midnightIn, monthStart } from './calendar.util';
import { PartitionRepository } from './partition.repository';

export interface PartitionRunResult {
  /** Partitions created by this run, e.g. `usage_record_2028_01`. */
  created: string[];
  /** Of those, the ones that took rows over from the DEFAULT partition, with how many. */
  movedFromDefault: Record<string, number>;
  /** Months left in the DEFAULT partition because rows there are referenced by foreign keys (bills). */
  skipped: string[];
}

/**
 * `YYYY_MM` suffix and bounds of a city month. Dates are plain days; timestamptz bounds are
 * midnight in the city's time zone `tz`, written with the offset in force then
 * (`2026-12-01 00:00:00+08:00`), so the session time zone cannot shift them.
 */
export function monthPartition(table: string, kind: 'date' | 'timestamptz', firstOfMonth: string, tz: string): { name: string; from: string; to: string } {
  const next = addMonths(firstOfMonth, 1);
  const bound = (d: string): string => (kind === 'date' ? d : midnightIn(tz, d));
  return { name: `${table}_${firstOfMonth.slice(0, 4)}_${firstOfMonth.slice(5, 7)}`, from: bound(firstOfMonth), to: bound(next) };
}

/** An instant as a partition bound, in UTC: `2028-01-01 00:00:00+00:00`. */
const utcBound = (at: Date): string => `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 19)}+00:00`;

/**
 * Keeps monthly partitions of usage_record, bill and payment ahead of time: the current month (in
 * the city's time zone) and `partitionMonthsAhead` after it. Months are the city's: timestamptz
 * partitions are cut at the city's midnight. Where the neighbouring month's partition already
 * exists with other bounds (the billing migration cut 2024-01 … 2027-12 at UTC midnight), the new
 * partition starts where that one ends (and ends where the next one starts), so no range overlaps
 * and none falls between two months. Idempotent: an existing partition is left alone. When rows
 * for a new month already sit in the DEFAULT partition (e.g. far-future timestamps imported before
 * the job ran), they are moved into the new partition in the same transaction — except for bills,
 * which bill items reference: those months stay in DEFAULT (still correct, only not pruned) and
 * are reported as skipped.
 */
@Injectable()
export class PartitionService {
  private readonly logger = new Logger(PartitionService.name);

  constructor(
    private readonly partitions: PartitionRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async ensure(now: Date = new Date(), monthsAhead = this.config.billing.partitionMonthsAhead): Promise<PartitionRunResult> {
    const tz = this.config.timezone;
    const current = monthStart(dayIn(tz, now));
    const result: PartitionRunResult = { created: [], movedFromDefault: {}, skipped: [] };
    for (const { table, column, kind } of PARTITIONED_TABLES) {
      for (let i = 0; i <= monthsAhead; i++) {
        const month = addMonths(current, i);
        const wanted = monthPartition(table, kind, month, tz);
        await this.partitions.transaction(async (manager) => {
          await this.partitions.lock(manager);
          if (await this.partitions.exists(manager, wanted.name)) return;
          const p = kind === 'date' ? wanted : await this.fitted(manager, table, month, wanted);
          if (!p) return;
          const waiting = await this.partitions.countInDefault(manager, table, column, p.from, p.to);
          if (waiting === 0) {
            await this.partitions.create(manager, table, p.name, p.from, p.to);
          } else if (table === 'bill') {
            result.skipped.push(p.name);
            this.logger.warn({ partition: p.name, rows: waiting }, 'Rows for this month are in the DEFAULT partition and referenced by bill items; partition not created');
            return;
          } else {
            await this.partitions.createMovingDefaultRows(manager, table, column, p.name, p.from, p.to);
            result.movedFromDefault[p.name] = waiting;
          }
          result.created.push(p.name);
        });
      }
    }
    if (result.created.length || result.skipped.length) this.logger.log(result, 'Partitions ensured');
    return result;
  }

  /** The wanted timestamptz range, joined to the partitions of the months before and after if they exist. */
  private async fitted(manager: EntityManager, table: string, month: string, wanted: { name: string; from: string; to: string }): Promise<{ name: string; from: string; to: string } | undefined> {
    const name = (m: string): string => `${table}_${m.slice(0, 4)}_${m.slice(5, 7)}`;
    const previous = await this.partitions.rangeOf(manager, name(addMonths(month, -1)));
    const next = await this.partitions.rangeOf(manager, name(addMonths(month, 1)));
    const from = previous ? utcBound(previous.to) : wanted.from;
    const to = next ? utcBound(next.from) : wanted.to;
    if (instantOf(from, 'UTC') >= instantOf(to, 'UTC')) {
      this.logger.warn({ partition: wanted.name, from, to }, 'The neighbouring partitions leave no room for this month; partition not created');
      return undefined;
    }
    return { name: wanted.name, from, to };
  }
}
