import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { JobName, JobPayloads, QueueName } from '@crm/queue';
import { SCORING_CONFIG, ScoringConfig } from '../scoring.config';

export const SCORING_JOB_KEEP = { removeOnComplete: { count: 100, age: 14 * 86_400 }, removeOnFail: { count: 500, age: 60 * 86_400 } };
export const SCORING_JOB_RETRY = { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } };

/** Registers the nightly full and the hourly incremental score recomputation (upserting keeps one scheduler each), in the city's time zone. */
@Injectable()
export class ScoringScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScoringScheduler.name);

  constructor(
    @InjectQueue(QueueName.Scoring) private readonly queue: Queue,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(SCORING_CONFIG) private readonly cfg: ScoringConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const tz = this.config.timezone;
    const opts = { ...SCORING_JOB_KEEP, ...SCORING_JOB_RETRY };
    const { fullCron, incrementalCron } = this.cfg.jobs;
    const full: JobPayloads[JobName.RecomputeAllScores] = { correlationId: 'scheduled-scores-full' };
    const incremental: JobPayloads[JobName.RecomputeChangedScores] = { correlationId: 'scheduled-scores-incremental' };
    await this.queue.upsertJobScheduler('recompute-all-scores', { pattern: fullCron, tz }, { name: JobName.RecomputeAllScores, data: full, opts });
    await this.queue.upsertJobScheduler('recompute-changed-scores', { pattern: incrementalCron, tz }, { name: JobName.RecomputeChangedScores, data: incremental, opts });
    this.logger.log(`Scoring schedulers registered (full "${fullCron}", incremental "${incrementalCron}", ${tz})`);
  }
}
