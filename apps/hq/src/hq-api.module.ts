import { DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from '@crm/analytics';
import { AuditModule } from '@crm/audit';
import { AuthModule } from '@crm/auth';
import { NodeConfig } from '@crm/config';
import { DashboardModule } from '@crm/dashboard';
import { DirectivesModule } from '@crm/directives';
import { EscalationModule } from '@crm/escalation';
import { FederationModule } from '@crm/federation';
import { CoreModule, HealthModule } from '@crm/platform';
import { hqSchema } from './data-source';

/** HTTP entry of HQ (總部): national facts, drill-down to province and city. */
@Module({})
export class HqApiModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return { module: HqApiModule, imports: [CoreModule.forRoot(config, hqSchema, 'api'), AuthModule, AuditModule, HealthModule, FederationModule, DirectivesModule, AnalyticsModule, EscalationModule, DashboardModule] };
  }
}
