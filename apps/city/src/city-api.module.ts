import { DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from '@crm/analytics';
import { AuditModule } from '@crm/audit';
import { AuthModule } from '@crm/auth';
import { BaseConfigModule } from '@crm/base-config';
import { BillingModule } from '@crm/billing';
import { ChurnModule } from '@crm/churn';
import { NodeConfig } from '@crm/config';
import { DashboardModule } from '@crm/dashboard';
import { DirectivesModule } from '@crm/directives';
import { EscalationModule } from '@crm/escalation';
import { CustomerModule } from '@crm/customer';
import { CustomerViewModule } from '@crm/customer-view';
import { CustomerWatchModule } from '@crm/customer-watch';
import { ImportModule } from '@crm/data-exchange';
import { FederationModule } from '@crm/federation';
import { CoreModule, HealthModule } from '@crm/platform';
import { ProductModule } from '@crm/product';
import { PromotionModule } from '@crm/promotion';
import { ScoringModule } from '@crm/scoring';
import { SegmentationModule } from '@crm/segmentation';
import { ServiceModule } from '@crm/service';
import { ServiceCareModule } from '@crm/service-care';
import { MarketingModule } from '@crm/marketing';
import { OperationsInfoModule } from '@crm/operations-info';
import { SalesModule } from '@crm/sales';
import { citySchema } from './data-source';
import { Tmf621Module } from '@crm/tmf621';

/** HTTP entry of a city node (地市): the system of record facing customers. */
@Module({})
export class CityApiModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return {
      module: CityApiModule,
      imports: [
        CoreModule.forRoot(config, citySchema, 'api'),
        AuthModule,
        AuditModule,
        HealthModule,
        FederationModule,
        DirectivesModule,
        BaseConfigModule,
        CustomerModule,
        CustomerViewModule,
        ProductModule,
        BillingModule,
        PromotionModule,
        ImportModule,
        AnalyticsModule,
        DashboardModule,
        ScoringModule,
        ChurnModule,
        CustomerWatchModule,
        SegmentationModule,
        ServiceModule,
        ServiceCareModule,
        MarketingModule,
        OperationsInfoModule,
        Tmf621Module,
        EscalationModule,
        SalesModule,
      ],
    };
  }
}
