import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { SERVICE_CONFIG, ServiceConfig } from '../service.config';

const KEEP = { removeOnComplete: { count: 100, age: 2 * 86_400 }, removeOnFail: { count: 500, age: 30 * 86_400 } };
const RETRY = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 } };

/** Registers the SLA check (config `cron`, every five minutes by default, node time zone). */
@Injectable()
export class ServiceSlaScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ServiceSlaScheduler.name);

  constructor(
    @InjectQueue(QueueName.Service) private readonly queue: Queue,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayloads[JobName.CheckServiceSla] = { correlationId: 'scheduled-service-sla' };
    await this.queue.upsertJobScheduler('service-sla-check', { pattern: this.config.cron, tz: this.node.timezone }, { name: JobName.CheckServiceSla, data, opts: { ...KEEP, ...RETRY } });
    this.logger.log(`Service SLA check scheduled ("${this.config.cron}", ${this.node.timezone})`);
  }
}
