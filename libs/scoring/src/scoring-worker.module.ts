import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@crm/queue';
import { SegmentationModule } from '@crm/segmentation';
import { ScoreRunService } from './jobs/score-run.service';
import { ScoringProcessor } from './jobs/scoring.processor';
import { ScoringScheduler } from './jobs/scoring.scheduler';
import { ScoringModule } from './scoring.module';

/** Score recomputation jobs (full nightly, incremental hourly) with their schedulers; imported by the city worker only. */
@Module({
  imports: [ScoringModule, SegmentationModule, BullModule.registerQueue({ name: QueueName.Scoring })],
  providers: [ScoreRunService, ScoringProcessor, ScoringScheduler],
  exports: [ScoreRunService],
})
export class ScoringWorkerModule {}
