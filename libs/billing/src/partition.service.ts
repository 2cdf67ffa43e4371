import { Inject, Injectable, Logger } from '@nestjs/common';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { PARTITIONED_TABLES } from './billing.constants';
import { addMonths } from './calendar.util';
import { PartitionRepository } from './partition.repository';

export interface PartitionRunResult {
  /** Partitions created by this run, e.g. `usage_record_2028_01`. */
  created: string[];
  /** Of those, the ones that took rows over from the DEFAULT partition, with how many. */
  movedFromDefault: Record<string, number>;
  /** Months left in the DEFAULT partition because rows there are referenced by foreign keys (bills). */
  skipped: string[];
}

/** `YYYY_MM` suffix and bounds of a month; timestamptz bounds are UTC month starts. */
export function monthPartition(table: string, kind: 'date' | 'timestamptz', firstOfMonth: string): { name: string; from: string; to: string } {
  const next = addMonths(firstOfMonth, 1);
  const bound = (d: string): string => (kind === 'date' ? d : `${d} 00:00:00+00`);
  return { name: `${table}_${firstOfMonth.slice(0, 4)}_${firstOfMonth.slice(5, 7)}`, from: bound(firstOfMonth), to: bound(next) };
}

/**
 * Keeps monthly partitions of usage_record, bill and payment ahead of time: the current month (UTC)
 * and `partitionMonthsAhead` after it. Idempotent: an existing partition is left alone. When rows
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
    const current = `${now.toISOString().slice(0, 7)}-01`;
    const result: PartitionRunResult = { created: [], movedFromDefault: {}, skipped: [] };
    for (const { table, column, kind } of PARTITIONED_TABLES) {
      for (let i = 0; i <= monthsAhead; i++) {
        const p = monthPartition(table, kind, addMonths(current, i));
        await this.partitions.transaction(async (manager) => {
          await this.partitions.lock(manager);
          if (await this.partitions.exists(manager, p.name)) return;
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
}
