import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { systemActor } from '@crm/auth';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { ServiceSlaService } from '../service-sla.service';

/** Runs the SLA check; idempotent (each notice once per request, clock, kind and recipient), so retries are harmless. */
@Processor(QueueName.Service, { concurrency: 1 })
export class ServiceSlaProcessor extends WorkerHost {
  constructor(private readonly sla: ServiceSlaService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.CheckServiceSla: {
        const { correlationId, asOf } = job.data as JobPayloads[JobName.CheckServiceSla];
        return this.sla.check(asOf, systemActor(`${correlationId}-${job.id}`));
      }
      default:
        throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    }
  }
}
