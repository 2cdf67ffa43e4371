import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { systemActor } from '@crm/auth';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { CareGenerationService } from '../care-generation.service';

/** Runs the care rules; generation is idempotent (unique occasion keys), so retries are harmless. */
@Processor(QueueName.ServiceCare, { concurrency: 1 })
export class ServiceCareProcessor extends WorkerHost {
  constructor(private readonly generation: CareGenerationService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.GenerateCareTasks: {
        const { correlationId, asOf } = job.data as JobPayloads[JobName.GenerateCareTasks];
        return this.generation.generate(asOf, systemActor(`${correlationId}-${job.id}`));
      }
      default:
        throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    }
  }
}
