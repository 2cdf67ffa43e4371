import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { importJobId } from './import.constants';

const OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { count: 1000, age: 7 * 86400 },
  removeOnFail: { count: 1000, age: 30 * 86400 },
};

/** Enqueues import jobs carrying only the import's id, under a deterministic job id. */
@Injectable()
export class ImportQueueService {
  constructor(@InjectQueue(QueueName.Import) private readonly queue: Queue) {
    const logger = new Logger(ImportQueueService.name);
    queue.on('error', (err) => logger.warn({ queue: queue.name, err: err.message }, 'Queue connection error'));
  }

  async enqueue(importId: string, correlationId: string): Promise<void> {
    const data: JobPayloads[JobName.RunImport] = { importId, correlationId };
    await this.queue.add(JobName.RunImport, data, { ...OPTIONS, jobId: importJobId(importId) });
  }

  /** Makes sure an unfinished import has a live job (Redis may have lost it); returns what it did. */
  async ensureJob(importId: string, correlationId: string): Promise<'added' | 'retried' | 'alive'> {
    const job = await this.queue.getJob(importJobId(importId));
    if (!job) {
      await this.enqueue(importId, correlationId);
      return 'added';
    }
    const state = await job.getState();
    if (state === 'failed') {
      await job.retry('failed');
      return 'retried';
    }
    if (state === 'completed') {
      await job.remove();
      await this.enqueue(importId, correlationId);
      return 'added';
    }
    return 'alive';
  }

  /** BullMQ's progress of an import's job, if the job is still kept. */
  async progressOf(importId: string): Promise<unknown> {
    return (await this.queue.getJob(importJobId(importId)))?.progress;
  }
}
