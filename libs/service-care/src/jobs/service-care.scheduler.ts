import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { SERVICE_CARE_CONFIG, ServiceCareConfig } from '../service-care.config';

const KEEP = { removeOnComplete: { count: 100, age: 14 * 86_400 }, removeOnFail: { count: 500, age: 60 * 86_400 } };
const RETRY = { attempts: 3, backoff: { type: 'exponential', delay: 30_000 } };

/** Registers the daily care-task generation (config `cron`, city time zone). */
@Injectable()
export class ServiceCareScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ServiceCareScheduler.name);

  constructor(
    @InjectQueue(QueueName.ServiceCare) private readonly queue: Queue,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SERVICE_CARE_CONFIG) private readonly config: ServiceCareConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayloads[JobName.GenerateCareTasks] = { correlationId: 'scheduled-care-tasks' };
    await this.queue.upsertJobScheduler('care-tasks', { pattern: this.config.cron, tz: this.node.timezone }, { name: JobName.GenerateCareTasks, data, opts: { ...KEEP, ...RETRY } });
    this.logger.log(`Care task scheduler registered ("${this.config.cron}", ${this.node.timezone})`);
  }
}
