import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { ScoreRunService } from './score-run.service';

/** Full and incremental score recomputation, one run at a time per worker; resumable from job.progress. */
@Processor(QueueName.Scoring, { concurrency: 1, lockDuration: 120_000 })
export class ScoringProcessor extends WorkerHost {
  constructor(private readonly runs: ScoreRunService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.RecomputeAllScores: {
        const { correlationId } = job.data as JobPayloads[JobName.RecomputeAllScores];
        return this.runs.run('full', job, correlationId);
      }
      case JobName.RecomputeChangedScores: {
        const { correlationId } = job.data as JobPayloads[JobName.RecomputeChangedScores];
        return this.runs.run('incremental', job, correlationId);
      }
      default:
        throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    }
  }
}
