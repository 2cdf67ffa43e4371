import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ChildrenResponseDto, ChildStatusDto } from './dto/children.dto';

interface ChildStatsRow {
  source_node: string;
  received: string;
  pending: string;
  latest_period: string | null;
  batch_key: string;
  metric_set: string;
  period: string;
  version: string;
  produced_at: Date;
  received_at: Date;
  outcome: string | null;
}

/** What a parent knows of each child: last batch received and how far behind it is. */
@Injectable()
export class ChildrenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async list(now = new Date()): Promise<ChildrenResponseDto> {
    const stats: ChildStatsRow[] = await this.dataSource.query(`
      WITH agg AS (
        SELECT source_node, count(*) AS received, count(*) FILTER (WHERE applied_at IS NULL) AS pending, max(period)::text AS latest_period
        FROM inbox_batch GROUP BY source_node
      ), last AS (
        SELECT DISTINCT ON (source_node) source_node, batch_key, metric_set, period::text AS period, version::text AS version, produced_at, received_at, outcome
        FROM inbox_batch ORDER BY source_node, received_at DESC
      )
      SELECT agg.*, last.batch_key, last.metric_set, last.period, last.version, last.produced_at, last.received_at, last.outcome
      FROM agg JOIN last USING (source_node)`);
    const bySource = new Map(stats.map((s) => [s.source_node.trim(), s]));
    const lateAfterSeconds = (2 * this.config.federation.publishEveryMs) / 1000;
    const children = this.config.topology.childrenOf(this.config.node.code).map((child): ChildStatusDto => {
      const s = bySource.get(child.code);
      const lagSeconds = s ? Math.max(0, Math.round((now.getTime() - new Date(s.received_at).getTime()) / 1000)) : null;
      return {
        code: child.code,
        name: child.name,
        tier: child.tier,
        url: child.url,
        batchesReceived: s ? Number(s.received) : 0,
        pendingApply: s ? Number(s.pending) : 0,
        latestPeriod: s?.latest_period ?? null,
        lastBatch: s
          ? {
              batchKey: s.batch_key,
              metricSet: s.metric_set,
              period: s.period,
              version: s.version,
              producedAt: new Date(s.produced_at).toISOString(),
              receivedAt: new Date(s.received_at).toISOString(),
              outcome: s.outcome,
            }
          : null,
        lagSeconds,
        status: lagSeconds === null ? 'never' : lagSeconds > lateAfterSeconds ? 'late' : 'ok',
      };
    });
    return { node: this.config.node.code, children };
  }
}
