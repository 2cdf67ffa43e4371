import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@crm/audit';
import { BillingWorkerModule } from '@crm/billing';
import { ChurnWorkerModule } from '@crm/churn';
import { NodeConfig } from '@crm/config';
import { DirectivesModule } from '@crm/directives';
import { EscalationModule } from '@crm/escalation';
import { CustomerModule } from '@crm/customer';
import { CustomerWatchWorkerModule } from '@crm/customer-watch';
import { ImportWorkerModule } from '@crm/data-exchange';
import { FederationWorkerModule } from '@crm/federation';
import { CoreModule } from '@crm/platform';
import { ProductModule } from '@crm/product';
import { ScoringModule, ScoringWorkerModule } from '@crm/scoring';
import { SegmentationModule } from '@crm/segmentation';
import { ServiceWorkerModule } from '@crm/service';
import { ServiceCareWorkerModule } from '@crm/service-care';
import { SalesModule } from '@crm/sales';
import { MarketingModule } from '@crm/marketing';
import { citySchema } from './data-source';

/** Worker entry of a city node: publication, delivery, the federation sweeper and domain jobs. */
@Module({})
export class CityWorkerModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: CityWorkerModule,
      imports: [
        CoreModule.forRoot(config, citySchema, 'worker'),
        AuditModule,
        CustomerModule,
        ProductModule,
        ScoringModule,
        ScoringWorkerModule,
        SegmentationModule,
        BillingWorkerModule,
        ChurnWorkerModule,
        CustomerWatchWorkerModule,
        ServiceWorkerModule,
        ServiceCareWorkerModule,
        ImportWorkerModule,
        FederationWorkerModule,
        DirectivesModule,
        EscalationModule,
        SalesModule,
        MarketingModule,
      ],
    };
  }
}
