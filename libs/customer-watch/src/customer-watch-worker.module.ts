import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@crm/queue';
import { CustomerWatchModule } from './customer-watch.module';
import { CustomerWatchProcessor } from './jobs/customer-watch.processor';
import { CustomerWatchScheduler } from './jobs/customer-watch.scheduler';

/** The scheduled rule runs of customer watch; imported by the city worker only. */
@Module({
  imports: [CustomerWatchModule, BullModule.registerQueue({ name: QueueName.CustomerWatch })],
  providers: [CustomerWatchProcessor, CustomerWatchScheduler],
})
export class CustomerWatchWorkerModule {}
