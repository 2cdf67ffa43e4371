import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { FACT_SET_PRODUCER, FactSetProducer } from './fact-set-producer.decorator';
import { FactStoreRepository } from './fact-store.repository';
import { FederationQueueService } from './federation-queue.service';
import { OutboxRepository } from './outbox.repository';
import { FactBatchDto } from './protocol/fact-batch.dto';
import { batchKey, contentHash } from './protocol/fact-row.util';
import { addDays, isValidDay, todayIn } from './period.util';
import { publicationPlan } from './publication-plan.util';

export interface PublishedSlice {
  batchKey: string;
  metricSet: string;
  period: string;
  version: string;
  rows: number;
}

export interface PublicationResult {
  published: PublishedSlice[];
  unchanged: number;
  /** Pending outbox batches re-queued for delivery. */
  requeued: number;
}

const MAX_DAYS = 400;

/**
 * Publishes this node's facts upward. A city recomputes each day fact set for each day of the
 * window and each month fact set once for each month the window touches (period = the month's
 * first day; a current-state producer only for the current month); a slice whose content changed
 * gets a new version, stored locally and put in the outbox in one transaction, then delivered by
 * a job. Unchanged slices are not re-sent. A month slice that is empty and was never published is
 * not published either (nothing to report yet).
 */
@Injectable()
export class PublicationService implements OnModuleInit {
  private readonly logger = new Logger(PublicationService.name);
  private producers: FactSetProducer[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: FactStoreRepository,
    private readonly outbox: OutboxRepository,
    private readonly queues: FederationQueueService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  onModuleInit(): void {
    this.producers = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(FACT_SET_PRODUCER, w.metatype))
      .map((w) => w.instance as FactSetProducer);
    const names = this.producers.map((p) => p.definition.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length) throw new Error(`Fact set ${twice.join(', ')} has more than one producer`);
  }

  /** Days to publish: `from`..`to` inclusive, or the configured window ending today. */
  resolveDays(from?: string, to?: string): string[] {
    const today = todayIn(this.config.timezone);
    for (const [field, day] of [['from', from], ['to', to]] as const) {
      if (day !== undefined && !isValidDay(day)) throw DomainException.badRequest(`${field} is not a calendar date`, [{ field, problem: 'not a calendar date' }]);
    }
    const end = to ?? today;
    const start = from ?? addDays(end, -(this.config.federation.publishWindowDays - 1));
    if (start > end) throw DomainException.badRequest('from must not be after to', [{ field: 'from', problem: 'after to' }]);
    if (end > today) throw DomainException.badRequest(`to must not be in the future (today is ${today})`, [{ field: 'to', problem: 'in the future' }]);
    const days: string[] = [];
    for (let d = start; d <= end; d = addDays(d, 1)) {
      days.push(d);
      if (days.length > MAX_DAYS) throw DomainException.badRequest(`at most ${MAX_DAYS} days per publication`, [{ field: 'from', problem: 'range too long' }]);
    }
    return days;
  }

  /** `force` sends a new version even of unchanged slices (e.g. after a parent lost or refused data). */
  async publish(correlationId: string, from?: string, to?: string, force = false): Promise<PublicationResult> {
    if (this.config.tier === 'hq') throw new DomainException(ErrorCode.NotSupportedOnTier, 'HQ has no parent to publish to');
    const result: PublicationResult = { published: [], unchanged: 0, requeued: 0 };
    if (this.config.tier === 'city') {
      const today = todayIn(this.config.timezone);
      for (const { producer, period } of publicationPlan(this.resolveDays(from, to), this.producers, today)) {
        const slice = await this.publishSlice(producer, period, correlationId, force);
        if (slice === 'empty') continue;
        if (slice) result.published.push(slice);
        else result.unchanged += 1;
      }
    }
    result.requeued = await this.requeuePending(correlationId);
    this.logger.log({ correlationId, published: result.published.length, unchanged: result.unchanged, requeued: result.requeued }, 'Publication done');
    return result;
  }

  private async publishSlice(producer: FactSetProducer, period: string, correlationId: string, force: boolean): Promise<PublishedSlice | 'empty' | undefined> {
    const parent = this.config.parent;
    const self = this.config.node.code;
    const created = await this.dataSource.transaction(async (manager) => {
      const key = { originNode: self, metricSet: producer.definition.name, periodType: producer.definition.periodType, period };
      const current = await this.store.lockSlice(manager, key);
      const rows = await producer.compute(manager, { period, timezone: this.config.timezone });
      if (producer.definition.periodType === 'month' && rows.length === 0 && current.version === 0n) return 'empty' as const;
      const hash = contentHash(rows);
      if (current.contentHash === hash && !force) return undefined;
      const version = await this.store.nextVersion(manager, current.version);
      const producedAt = new Date();
      await this.store.replaceSlice(manager, key, { version, contentHash: hash, sourceNode: self, producedAt }, rows);
      const batch: FactBatchDto = {
        sourceNode: self,
        ...key,
        periodType: producer.definition.periodType,
        version,
        producedAt: producedAt.toISOString(),
        contentHash: hash,
        rows,
      };
      const outboxId = parent ? await this.outbox.add(manager, parent.code, batch, correlationId) : undefined;
      return { outboxId, slice: { batchKey: batchKey(batch), metricSet: key.metricSet, period, version, rows: rows.length } };
    });
    if (!created || created === 'empty') return created;
    if (created.outboxId) await this.enqueueQuietly(created.outboxId, correlationId);
    return created.slice;
  }

  /** Re-queues every pending outbox batch now (e.g. after the parent came back). */
  private async requeuePending(correlationId: string): Promise<number> {
    const pending = await this.outbox.findPending(0, 10_000);
    let requeued = 0;
    for (const p of pending) {
      try {
        if ((await this.queues.ensureJob('delivery', p.id, p.correlationId ?? correlationId)) !== 'alive') requeued += 1;
      } catch (err) {
        // Redis unavailable: stop here, the rows stay pending and the sweeper retries them
        this.logger.warn({ err: (err as Error).message, correlationId }, 'Could not re-queue pending deliveries now');
        break;
      }
    }
    return requeued;
  }

  /** The batch is safe in the outbox; if Redis is unavailable now, the sweeper enqueues it later. */
  private async enqueueQuietly(outboxId: string, correlationId: string): Promise<void> {
    try {
      await this.queues.enqueueDelivery(outboxId, correlationId);
    } catch (err) {
      this.logger.warn({ err, outboxId, correlationId }, 'Could not enqueue delivery now; the sweeper will');
    }
  }
}
