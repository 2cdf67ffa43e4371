import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ImportJobRepository } from '../import-job.repository';
import { ImportQueueService } from '../import-queue.service';

/**
 * When a worker starts, every unfinished import gets a live job again: an import whose job Redis
 * lost (or never got, the queue being down when it was uploaded) is not stuck for ever.
 */
@Injectable()
export class ImportRecoveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportRecoveryService.name);

  constructor(
    private readonly repo: ImportJobRepository,
    private readonly queue: ImportQueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const requeued = await this.requeueUnfinished();
      if (requeued) this.logger.log(`Re-queued ${requeued} unfinished import(s)`);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'Could not check unfinished imports');
    }
  }

  async requeueUnfinished(): Promise<number> {
    let requeued = 0;
    for (const job of await this.repo.findUnfinished(1000)) {
      if ((await this.queue.ensureJob(job.id, job.requestId ?? `recover-${job.id}`)) !== 'alive') requeued += 1;
    }
    return requeued;
  }
}
