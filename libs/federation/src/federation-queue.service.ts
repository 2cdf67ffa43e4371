import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';

/** Redis down must not hang a request: the rows are durable and the sweeper enqueues them later. */
const ENQUEUE_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ENQUEUE_TIMEOUT_MS} ms (Redis unavailable?)`)), ENQUEUE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const KEEP = { removeOnComplete: { count: 2000, age: 7 * 86400 }, removeOnFail: { count: 5000, age: 30 * 86400 } };

/** Enqueues federation jobs with deterministic ids, so a batch has at most one job at a time. */
@Injectable()
export class FederationQueueService {
  constructor(
    @InjectQueue(QueueName.FederationDelivery) private readonly delivery: Queue,
    @InjectQueue(QueueName.FederationApply) private readonly apply: Queue,
    @InjectQueue(QueueName.FederationPublish) publish: Queue,
    @InjectQueue(QueueName.FederationMaintenance) maintenance: Queue,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {
    // a queue without an 'error' listener prints to the console; route it to the JSON log instead
    const logger = new Logger(FederationQueueService.name);
    for (const queue of [delivery, apply, publish, maintenance]) queue.on('error', (err) => logger.warn({ queue: queue.name, err: err.message }, 'Queue connection error'));
  }

  deliveryJobId = (outboxId: string): string => `deliver-${outboxId}`;
  applyJobId = (inboxId: string): string => `apply-${inboxId}`;

  private deliveryOptions(outboxId: string): JobsOptions {
    return {
      ...KEEP,
      jobId: this.deliveryJobId(outboxId),
      attempts: 8,
      backoff: { type: 'exponential', delay: this.config.federation.deliveryBackoffMs, jitter: 0.2 },
    };
  }

  async enqueueDelivery(outboxId: string, correlationId: string): Promise<void> {
    const data: JobPayloads[JobName.DeliverBatch] = { outboxId, correlationId };
    await withTimeout(this.delivery.add(JobName.DeliverBatch, data, this.deliveryOptions(outboxId)), 'enqueueing a delivery');
  }

  async enqueueApply(inboxId: string, correlationId: string): Promise<void> {
    const data: JobPayloads[JobName.ApplyBatch] = { inboxId, correlationId };
    await withTimeout(this.apply.add(JobName.ApplyBatch, data, { ...KEEP, jobId: this.applyJobId(inboxId), attempts: 10, backoff: { type: 'exponential', delay: 1000 } }), 'enqueueing an apply');
  }

  /**
   * Makes sure a pending row has a live job: adds it when Redis lost it, retries it when it
   * exhausted its attempts (e.g. the parent was down for hours). Returns what it did.
   */
  async ensureJob(kind: 'delivery' | 'apply', id: string, correlationId: string): Promise<'added' | 'retried' | 'alive'> {
    const queue = kind === 'delivery' ? this.delivery : this.apply;
    const job = await withTimeout(queue.getJob(kind === 'delivery' ? this.deliveryJobId(id) : this.applyJobId(id)), 'reading a job');
    if (!job) {
      await (kind === 'delivery' ? this.enqueueDelivery(id, correlationId) : this.enqueueApply(id, correlationId));
      return 'added';
    }
    const state = await job.getState();
    if (state === 'failed') {
      await job.retry('failed');
      return 'retried';
    }
    if (state === 'completed') {
      // completed but the row is still pending (e.g. crash between commit and ack): run it again
      await job.remove();
      await (kind === 'delivery' ? this.enqueueDelivery(id, correlationId) : this.enqueueApply(id, correlationId));
      return 'added';
    }
    return 'alive';
  }
}
