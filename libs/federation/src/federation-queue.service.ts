import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';

/** Redis down must not hang a request: the rows are durable and the sweeper enqueues them later. */
const ENQUEUE_TIMEOUT_MS = 3000;

/** After a timed-out call, further calls fail at once for this long: one request must not wait 3 s per batch. */
const UNAVAILABLE_BACKOFF_MS = 10_000;

/** Rows the sweeper makes sure have a live job. */
export type SweptKind = 'delivery' | 'apply' | 'message-delivery' | 'message-apply';

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

  /** Redis counts as unavailable until then (epoch ms) after a call timed out. */
  private unavailableUntil = 0;

  /** Runs a queue call with a deadline; while Redis recently failed to answer, fails at once (the sweeper catches up). */
  private async withTimeout<T>(work: () => Promise<T>, what: string): Promise<T> {
    if (Date.now() < this.unavailableUntil) throw new Error(`${what} skipped: Redis did not answer recently`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.unavailableUntil = Date.now() + UNAVAILABLE_BACKOFF_MS;
        reject(new Error(`${what} timed out after ${ENQUEUE_TIMEOUT_MS} ms (Redis unavailable?)`));
      }, ENQUEUE_TIMEOUT_MS);
    });
    return Promise.race([work(), timeout]).finally(() => clearTimeout(timer));
  }

  deliveryJobId = (outboxId: string): string => `deliver-${outboxId}`;
  applyJobId = (inboxId: string): string => `apply-${inboxId}`;
  messageDeliveryJobId = (outboxId: string): string => `deliver-message-${outboxId}`;
  messageApplyJobId = (inboxId: string): string => `apply-message-${inboxId}`;

  private deliveryOptions(jobId: string): JobsOptions {
    return {
      ...KEEP,
      jobId,
      attempts: 8,
      backoff: { type: 'exponential', delay: this.config.federation.deliveryBackoffMs, jitter: 0.2 },
    };
  }

  async enqueueDelivery(outboxId: string, correlationId: string): Promise<void> {
    const data: JobPayloads[JobName.DeliverBatch] = { outboxId, correlationId };
    await this.withTimeout(() => this.delivery.add(JobName.DeliverBatch, data, this.deliveryOptions(this.deliveryJobId(outboxId))), 'enqueueing a delivery');
  }

  async enqueueMessageDelivery(outboxId: string, correlationId: string): Promise<void> {
    const data: JobPayloads[JobName.DeliverMessage] = { outboxId, correlationId };
    await this.withTimeout(() => this.delivery.add(JobName.DeliverMessage, data, this.deliveryOptions(this.messageDeliveryJobId(outboxId))), 'enqueueing a message delivery');
  }

  async enqueueMessageApply(inboxId: string, correlationId: string): Promise<void> {
    const data: JobPayloads[JobName.ApplyMessage] = { inboxId, correlationId };
    await this.withTimeout(() => this.apply.add(JobName.ApplyMessage, data, { ...KEEP, jobId: this.messageApplyJobId(inboxId), attempts: 10, backoff: { type: 'exponential', delay: 1000 } }), 'enqueueing a message apply');
  }

  async enqueueApply(inboxId: string, correlationId: string): Promise<void> {
    const data: JobPayloads[JobName.ApplyBatch] = { inboxId, correlationId };
    await this.withTimeout(() => this.apply.add(JobName.ApplyBatch, data, { ...KEEP, jobId: this.applyJobId(inboxId), attempts: 10, backoff: { type: 'exponential', delay: 1000 } }), 'enqueueing an apply');
  }

  /**
   * Makes sure a pending row has a live job: adds it when Redis lost it, retries it when it
   * exhausted its attempts (e.g. the parent was down for hours). Returns what it did.
   */
  async ensureJob(kind: SweptKind, id: string, correlationId: string): Promise<'added' | 'retried' | 'alive'> {
    const queue = kind === 'delivery' || kind === 'message-delivery' ? this.delivery : this.apply;
    const jobId = { delivery: this.deliveryJobId, apply: this.applyJobId, 'message-delivery': this.messageDeliveryJobId, 'message-apply': this.messageApplyJobId }[kind](id);
    const enqueue = (): Promise<void> =>
      ({ delivery: () => this.enqueueDelivery(id, correlationId), apply: () => this.enqueueApply(id, correlationId), 'message-delivery': () => this.enqueueMessageDelivery(id, correlationId), 'message-apply': () => this.enqueueMessageApply(id, correlationId) })[kind]();
    const job = await this.withTimeout(() => queue.getJob(jobId), 'reading a job');
    if (!job) {
      await enqueue();
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
      await enqueue();
      return 'added';
    }
    return 'alive';
  }
}
