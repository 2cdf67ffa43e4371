import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { systemActor } from '@crm/auth';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { ChurnService } from '../churn.service';

/** Churn detection and scoring runs, one at a time; both re-read the database and are idempotent. */
@Processor(QueueName.Churn, { concurrency: 1 })
export class ChurnProcessor extends WorkerHost {
  private readonly logger = new Logger(ChurnProcessor.name);

  constructor(private readonly churn: ChurnService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.DetectChurn: {
        const { correlationId, asOf } = job.data as JobPayloads[JobName.DetectChurn];
        return this.churn.detect(asOf, systemActor(`${correlationId}-${job.id}`));
      }
      case JobName.ScoreChurnRisk: {
        const { correlationId } = job.data as JobPayloads[JobName.ScoreChurnRisk];
        try {
          return await this.churn.score(undefined, systemActor(`${correlationId}-${job.id}`));
        } catch (err) {
          // No model yet: nothing to score, not a failure worth retrying.
          if ((err as { code?: string }).code === 'CONFLICT' || /No churn-risk model/.test((err as Error).message)) {
            this.logger.log('No churn-risk model trained yet; scoring skipped');
            return { skipped: true };
          }
          throw err;
        }
      }
      default:
        throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    }
  }
}
