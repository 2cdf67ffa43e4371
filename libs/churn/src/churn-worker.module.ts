import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@crm/queue';
import { ChurnModule } from './churn.module';
import { ChurnProcessor } from './jobs/churn.processor';
import { ChurnScheduler } from './jobs/churn.scheduler';

/** Churn's job handler and nightly schedulers (detection, scoring); imported by the city worker only. */
@Module({
  imports: [ChurnModule, BullModule.registerQueue({ name: QueueName.Churn })],
  providers: [ChurnProcessor, ChurnScheduler],
})
export class ChurnWorkerModule {}
