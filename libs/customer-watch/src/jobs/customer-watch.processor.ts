import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { systemActor } from '@crm/auth';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { AbnormalCustomerService } from '../abnormal.service';
import { PotentialKeyAccountService } from '../potential-key-account.service';

/** Runs the abnormal-customer rules and the potential key account generation; both idempotent, so retries are harmless. */
@Processor(QueueName.CustomerWatch, { concurrency: 1 })
export class CustomerWatchProcessor extends WorkerHost {
  constructor(
    private readonly abnormal: AbnormalCustomerService,
    private readonly potential: PotentialKeyAccountService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.RunAbnormalRules: {
        const { correlationId, asOf } = job.data as JobPayloads[JobName.RunAbnormalRules];
        return this.abnormal.run(asOf, systemActor(`${correlationId}-${job.id}`));
      }
      case JobName.GeneratePotentialKeyAccounts: {
        const { correlationId, asOf } = job.data as JobPayloads[JobName.GeneratePotentialKeyAccounts];
        return this.potential.generate(asOf, systemActor(`${correlationId}-${job.id}`));
      }
      default:
        throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    }
  }
}
