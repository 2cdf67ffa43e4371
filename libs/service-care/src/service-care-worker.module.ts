import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@crm/queue';
import { ServiceCareProcessor } from './jobs/service-care.processor';
import { ServiceCareScheduler } from './jobs/service-care.scheduler';
import { ServiceCareModule } from './service-care.module';

/** The scheduled care-task generation; imported by the city worker only. */
@Module({
  imports: [ServiceCareModule, BullModule.registerQueue({ name: QueueName.ServiceCare })],
  providers: [ServiceCareProcessor, ServiceCareScheduler],
})
export class ServiceCareWorkerModule {}
