import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { CUSTOMER_WATCH_CONFIG, CustomerWatchConfig } from '../customer-watch.config';

const KEEP = { removeOnComplete: { count: 100, age: 14 * 86_400 }, removeOnFail: { count: 500, age: 60 * 86_400 } };
const RETRY = { attempts: 3, backoff: { type: 'exponential', delay: 30_000 } };

/** Registers the daily abnormal-customer run (config `abnormal.cron`) and a monthly potential key account generation (2nd of the month, 03:30). */
@Injectable()
export class CustomerWatchScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CustomerWatchScheduler.name);

  constructor(
    @InjectQueue(QueueName.CustomerWatch) private readonly queue: Queue,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(CUSTOMER_WATCH_CONFIG) private readonly config: CustomerWatchConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const tz = this.node.timezone;
    const rules: JobPayloads[JobName.RunAbnormalRules] = { correlationId: 'scheduled-abnormal-rules' };
    const potential: JobPayloads[JobName.GeneratePotentialKeyAccounts] = { correlationId: 'scheduled-potential-key-accounts' };
    await this.queue.upsertJobScheduler('abnormal-customer-rules', { pattern: this.config.abnormal.cron, tz }, { name: JobName.RunAbnormalRules, data: rules, opts: { ...KEEP, ...RETRY } });
    await this.queue.upsertJobScheduler('potential-key-accounts', { pattern: '30 3 2 * *', tz }, { name: JobName.GeneratePotentialKeyAccounts, data: potential, opts: { ...KEEP, ...RETRY } });
    this.logger.log(`Customer watch schedulers registered (abnormal rules "${this.config.abnormal.cron}", ${tz})`);
  }
}
