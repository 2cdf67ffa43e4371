import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { CHURN_OPERATIONS_CONFIG, ChurnOperationsConfig } from '../churn-records.constants';

export const CHURN_JOB_KEEP = { removeOnComplete: { count: 100, age: 14 * 86_400 }, removeOnFail: { count: 500, age: 60 * 86_400 } };
export const CHURN_JOB_RETRY = { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } };

/** Registers the nightly churn detection and scoring (upserting keeps one scheduler each), in the city's time zone. */
@Injectable()
export class ChurnScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChurnScheduler.name);

  constructor(
    @InjectQueue(QueueName.Churn) private readonly queue: Queue,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CHURN_OPERATIONS_CONFIG) private readonly ops: ChurnOperationsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const tz = this.config.timezone;
    const opts = { ...CHURN_JOB_KEEP, ...CHURN_JOB_RETRY };
    const detect: JobPayloads[JobName.DetectChurn] = { correlationId: 'scheduled-churn-detect' };
    const score: JobPayloads[JobName.ScoreChurnRisk] = { correlationId: 'scheduled-churn-score' };
    await this.queue.upsertJobScheduler('detect-churn', { pattern: this.ops.detectCron, tz }, { name: JobName.DetectChurn, data: detect, opts });
    await this.queue.upsertJobScheduler('score-churn-risk', { pattern: this.ops.scoreCron, tz }, { name: JobName.ScoreChurnRisk, data: score, opts });
    this.logger.log(`Churn schedulers registered (detect "${this.ops.detectCron}", score "${this.ops.scoreCron}", ${tz})`);
  }
}
