import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { BILLING_JOB_KEEP, BILLING_JOB_RETRY } from '../billing-queue.service';
import { dayIn } from '../calendar.util';

/**
 * Registers the billing schedulers (upserting keeps one each): arrears generation, the dunning run
 * and partition maintenance, on the cron patterns of the configuration in the city's time zone.
 * Partitions are also ensured once at start-up (one job per day, whatever the number of restarts).
 */
@Injectable()
export class BillingScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(BillingScheduler.name);

  constructor(
    @InjectQueue(QueueName.BillingMaintenance) private readonly queue: Queue,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { arrearsCron, dunningCron, partitionCron } = this.config.billing;
    const tz = this.config.timezone;
    const opts = { ...BILLING_JOB_KEEP, ...BILLING_JOB_RETRY };
    const arrears: JobPayloads[JobName.GenerateArrears] = { correlationId: 'scheduled-arrears' };
    const dunning: JobPayloads[JobName.RunDunning] = { correlationId: 'scheduled-dunning' };
    const partitions: JobPayloads[JobName.EnsurePartitions] = { correlationId: 'scheduled-partitions' };
    await this.queue.upsertJobScheduler('generate-arrears', { pattern: arrearsCron, tz }, { name: JobName.GenerateArrears, data: arrears, opts });
    await this.queue.upsertJobScheduler('run-dunning', { pattern: dunningCron, tz }, { name: JobName.RunDunning, data: dunning, opts });
    await this.queue.upsertJobScheduler('ensure-partitions', { pattern: partitionCron, tz }, { name: JobName.EnsurePartitions, data: partitions, opts });
    const startup: JobPayloads[JobName.EnsurePartitions] = { correlationId: 'startup-partitions' };
    await this.queue.add(JobName.EnsurePartitions, startup, { ...opts, jobId: `ensure-partitions-start-${dayIn(tz)}` });
    this.logger.log(`Billing schedulers registered (arrears "${arrearsCron}", dunning "${dunningCron}", partitions "${partitionCron}", ${tz})`);
  }
}
