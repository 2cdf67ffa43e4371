import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';

/** Registers the federation's repeatable jobs (idempotent: upserting keeps one scheduler each). */
@Injectable()
export class FederationScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(FederationScheduler.name);

  constructor(
    @InjectQueue(QueueName.FederationPublish) private readonly publish: Queue,
    @InjectQueue(QueueName.FederationMaintenance) private readonly maintenance: Queue,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const keep = { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } };
    const sweep: JobPayloads[JobName.SweepFederation] = { correlationId: 'scheduled-sweep' };
    await this.maintenance.upsertJobScheduler('sweep-federation', { every: this.config.federation.sweepEveryMs }, { name: JobName.SweepFederation, data: sweep, opts: keep });
    const purge: JobPayloads[JobName.PurgeFederation] = { correlationId: 'scheduled-purge' };
    await this.maintenance.upsertJobScheduler('purge-federation', { pattern: '30 3 * * *', tz: this.config.timezone }, { name: JobName.PurgeFederation, data: purge, opts: keep });
    if (this.config.tier === 'city') {
      const data: JobPayloads[JobName.PublishFacts] = { correlationId: 'scheduled-publish' };
      await this.publish.upsertJobScheduler('publish-facts', { every: this.config.federation.publishEveryMs }, { name: JobName.PublishFacts, data, opts: { ...keep, attempts: 3, backoff: { type: 'exponential', delay: 5000 } } });
    } else {
      await this.publish.removeJobScheduler('publish-facts');
    }
    this.logger.log(`Schedulers registered (publish every ${this.config.federation.publishEveryMs} ms, sweep every ${this.config.federation.sweepEveryMs} ms)`);
  }
}
