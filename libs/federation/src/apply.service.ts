import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { InboxBatch } from './entities/inbox-batch.entity';
import { FactStoreRepository } from './fact-store.repository';
import { FederationQueueService } from './federation-queue.service';
import { OutboxRepository } from './outbox.repository';
import { FactBatchDto } from './protocol/fact-batch.dto';
import { FactRow } from './protocol/fact-row.util';

export type ApplyOutcome = 'applied' | 'stale' | 'already-applied' | 'missing';

/**
 * Applies a received batch to this node's facts: a newer version replaces the slice, an older
 * or equal one is a no-op. A province forwards what it applied to HQ in the same transaction,
 * keeping the city as origin so HQ can drill down without calling anyone.
 */
@Injectable()
export class ApplyService {
  private readonly logger = new Logger(ApplyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: FactStoreRepository,
    private readonly outbox: OutboxRepository,
    private readonly queues: FederationQueueService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async apply(inboxId: string, correlationId: string): Promise<ApplyOutcome> {
    const parent = this.config.parent;
    const result = await this.dataSource.transaction(async (manager) => {
      const batch = await manager.findOne(InboxBatch, { where: { id: inboxId }, lock: { mode: 'pessimistic_write' } });
      if (!batch) return { outcome: 'missing' as const };
      if (batch.appliedAt) return { outcome: 'already-applied' as const };
      const key = { originNode: batch.originNode, metricSet: batch.metricSet, periodType: batch.periodType, period: batch.period };
      const current = await this.store.lockSlice(manager, key);
      let outboxId: string | undefined;
      const newer = BigInt(batch.version) > current.version;
      if (newer) {
        const rows = batch.rows as FactRow[];
        await this.store.replaceSlice(manager, key, { version: batch.version, contentHash: batch.contentHash, sourceNode: batch.sourceNode, producedAt: batch.producedAt }, rows);
        if (parent) {
          const forward: FactBatchDto = {
            sourceNode: this.config.node.code,
            originNode: batch.originNode,
            metricSet: batch.metricSet,
            periodType: batch.periodType as FactBatchDto['periodType'],
            period: batch.period,
            version: batch.version,
            producedAt: batch.producedAt.toISOString(),
            contentHash: batch.contentHash,
            rows,
          };
          outboxId = await this.outbox.add(manager, parent.code, forward, batch.correlationId ?? correlationId);
        }
      }
      const outcome = newer ? ('applied' as const) : ('stale' as const);
      await manager.update(InboxBatch, { id: inboxId }, { appliedAt: () => 'now()', outcome });
      return { outcome, outboxId, batchKey: batch.batchKey, previous: current.version.toString() };
    });
    this.logger.log({ correlationId, inboxId, ...result }, `Batch ${result.outcome}`);
    if (result.outboxId) {
      await this.queues.enqueueDelivery(result.outboxId, correlationId).catch((err) =>
        this.logger.warn({ err, outboxId: result.outboxId }, 'Could not enqueue forwarding now; the sweeper will'),
      );
    }
    return result.outcome;
  }
}
