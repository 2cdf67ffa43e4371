import { Module } from '@nestjs/common';
import { FederationModule } from './federation.module';
import { ApplyProcessor, DeliveryProcessor, MaintenanceProcessor, PublishProcessor } from './jobs/federation.processor';
import { FederationScheduler } from './jobs/federation.scheduler';

/** The federation's job handlers and schedulers; imported by worker entries only. */
@Module({
  imports: [FederationModule],
  providers: [ApplyProcessor, DeliveryProcessor, MaintenanceProcessor, PublishProcessor, FederationScheduler],
})
export class FederationWorkerModule {}
