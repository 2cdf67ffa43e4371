import { Module } from '@nestjs/common';
import { BillingModule } from './billing.module';
import { BillingMaintenanceProcessor } from './jobs/billing.processor';
import { BillingScheduler } from './jobs/billing.scheduler';

/** Billing's job handler and schedulers (arrears, dunning, partitions); imported by the city worker only. */
@Module({
  imports: [BillingModule],
  providers: [BillingMaintenanceProcessor, BillingScheduler],
})
export class BillingWorkerModule {}
