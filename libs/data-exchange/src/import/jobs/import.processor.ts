import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { ImportFileError, ImportRunnerService, ImportSummary } from '../import-runner.service';

/** Runs bulk imports one at a time per worker (each one already streams and batches). */
@Processor(QueueName.Import, { concurrency: 1 })
export class ImportProcessor extends WorkerHost {
  constructor(private readonly runner: ImportRunnerService) {
    super();
  }

  async process(job: Job): Promise<ImportSummary> {
    if (job.name !== JobName.RunImport) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    const { importId, correlationId } = job.data as JobPayloads[JobName.RunImport];
    try {
      return await this.runner.run(importId, { correlationId, onProgress: (p) => job.updateProgress({ ...p }) });
    } catch (err) {
      const unrecoverable = err instanceof ImportFileError;
      const final = unrecoverable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.runner.recordFailure(importId, err, final);
      throw unrecoverable ? new UnrecoverableError((err as Error).message) : err;
    }
  }
}
