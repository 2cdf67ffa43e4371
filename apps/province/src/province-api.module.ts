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
import { provinceSchema } from './data-source';

/** HTTP entry of a province node (省): its cities' facts, forwarded to HQ. */
@Module({})
export class ProvinceApiModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return { module: ProvinceApiModule, imports: [CoreModule.forRoot(config, provinceSchema, 'api'), AuthModule, AuditModule, HealthModule, FederationModule, DirectivesModule, AnalyticsModule, EscalationModule, DashboardModule] };
  }
}
