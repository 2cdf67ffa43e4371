import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { systemActor } from '@crm/auth';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { ArrearsService } from '../arrears.service';
import { DunningService } from '../dunning.service';
import { PartitionService } from '../partition.service';

/**
 * Arrears generation, dunning runs and partition maintenance, one at a time per worker. Every
 * handler re-reads the database and is idempotent, so retries and duplicate runs are harmless.
 */
@Processor(QueueName.BillingMaintenance, { concurrency: 1 })
export class BillingMaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(BillingMaintenanceProcessor.name);

  constructor(
    private readonly arrears: ArrearsService,
    private readonly dunning: DunningService,
    private readonly partitions: PartitionService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.GenerateArrears: {
        const { correlationId, asOf } = job.data as JobPayloads[JobName.GenerateArrears];
        return this.arrears.generate(asOf ?? this.arrears.today(), systemActor(`${correlationId}-${job.id}`));
      }
      case JobName.RunDunning: {
        const { correlationId, asOf, requestedBy } = job.data as JobPayloads[JobName.RunDunning];
        this.logger.log({ correlationId, asOf, requestedBy }, 'Dunning run');
        return this.dunning.run(asOf, systemActor(`${correlationId}-${job.id}`));
      }
      case JobName.EnsurePartitions:
        return this.partitions.ensure();
      default:
        throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    }
  }
}
