import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { DunningRunDto, DunningRunResultDto } from './dto/arrear-response.dto';

/** Bounded history of billing jobs in Redis. */
export const BILLING_JOB_KEEP = { removeOnComplete: { count: 200, age: 14 * 86_400 }, removeOnFail: { count: 1000, age: 60 * 86_400 } };
/** Retries of billing jobs: they are idempotent, so a retry after a crash or a lost connection is safe. */
export const BILLING_JOB_RETRY = { attempts: 3, backoff: { type: 'exponential', delay: 30_000 } };

export const DUNNING_RUN_ID = /^dunning-run-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Enqueues billing jobs started from the API and reads their state back. */
@Injectable()
export class BillingQueueService {
  constructor(@InjectQueue(QueueName.BillingMaintenance) private readonly queue: Queue) {
    const logger = new Logger(BillingQueueService.name);
    queue.on('error', (err) => logger.warn({ queue: queue.name, err: err.message }, 'Queue connection error'));
  }

  async startDunningRun(asOf: string | undefined, requestedBy: string, correlationId: string): Promise<DunningRunDto> {
    const jobId = `dunning-run-${randomUUID()}`;
    const data: JobPayloads[JobName.RunDunning] = { correlationId: correlationId || jobId, asOf, requestedBy };
    await this.queue.add(JobName.RunDunning, data, { ...BILLING_JOB_KEEP, ...BILLING_JOB_RETRY, jobId });
    return { jobId, state: 'waiting', result: null, failedReason: null };
  }

  async dunningRun(jobId: string): Promise<DunningRunDto | null> {
    const job = await this.queue.getJob(jobId);
    if (!job || job.name !== JobName.RunDunning) return null;
    const state = await job.getState();
    return { jobId, state, result: (job.returnvalue as DunningRunResultDto | undefined) ?? null, failedReason: job.failedReason ?? null };
  }
}
