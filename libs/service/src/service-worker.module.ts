import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '@crm/queue';
import { ServiceModule } from './service.module';
import { ServiceSlaProcessor } from './jobs/service-sla.processor';
import { ServiceSlaScheduler } from './jobs/service-sla.scheduler';

/** The scheduled SLA check of service requests; imported by the city worker only. */
@Module({
  imports: [ServiceModule, BullModule.registerQueue({ name: QueueName.Service })],
  providers: [ServiceSlaProcessor, ServiceSlaScheduler],
})
export class ServiceWorkerModule {}
