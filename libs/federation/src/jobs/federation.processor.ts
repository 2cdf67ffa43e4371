import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { ApplyService } from '../apply.service';
import { DeliveryService } from '../delivery.service';
import { MessageApplyService } from '../messages/message-apply.service';
import { PublicationService } from '../publication.service';
import { RetentionService } from '../retention.service';
import { SweepService } from '../sweep.service';

function unknownJob(job: Job): never {
  throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
}

@Processor(QueueName.FederationDelivery, { concurrency: 4 })
export class DeliveryProcessor extends WorkerHost {
  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.DeliverBatch) {
      const { outboxId, correlationId } = job.data as JobPayloads[JobName.DeliverBatch];
      return this.delivery.deliver(outboxId, correlationId);
    }
    if (job.name === JobName.DeliverMessage) {
      const { outboxId, correlationId } = job.data as JobPayloads[JobName.DeliverMessage];
      return this.delivery.deliverMessage(outboxId, correlationId);
    }
    unknownJob(job);
  }
}

@Processor(QueueName.FederationApply, { concurrency: 4 })
export class ApplyProcessor extends WorkerHost {
  constructor(
    private readonly applier: ApplyService,
    private readonly messages: MessageApplyService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.ApplyBatch) {
      const { inboxId, correlationId } = job.data as JobPayloads[JobName.ApplyBatch];
      return this.applier.apply(inboxId, correlationId);
    }
    if (job.name === JobName.ApplyMessage) {
      const { inboxId, correlationId } = job.data as JobPayloads[JobName.ApplyMessage];
      return this.messages.apply(inboxId, correlationId);
    }
    unknownJob(job);
  }
}

@Processor(QueueName.FederationPublish, { concurrency: 1 })
export class PublishProcessor extends WorkerHost {
  private readonly logger = new Logger(PublishProcessor.name);

  constructor(private readonly publication: PublicationService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== JobName.PublishFacts) unknownJob(job);
    const { correlationId } = job.data as JobPayloads[JobName.PublishFacts];
    const result = await this.publication.publish(`${correlationId}-${job.id}`);
    this.logger.debug({ correlationId, published: result.published.length }, 'Scheduled publication');
    return { published: result.published.length, unchanged: result.unchanged, requeued: result.requeued };
  }
}

@Processor(QueueName.FederationMaintenance, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly sweeper: SweepService,
    private readonly retention: RetentionService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.SweepFederation) {
      const { correlationId } = job.data as JobPayloads[JobName.SweepFederation];
      return this.sweeper.sweep(`${correlationId}-${job.id}`);
    }
    if (job.name === JobName.PurgeFederation) {
      const { correlationId } = job.data as JobPayloads[JobName.PurgeFederation];
      return this.retention.purge(`${correlationId}-${job.id}`);
    }
    unknownJob(job);
  }
}
