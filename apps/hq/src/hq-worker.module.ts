import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@crm/audit';
import { NodeConfig } from '@crm/config';
import { DirectivesModule } from '@crm/directives';
import { EscalationModule } from '@crm/escalation';
import { FederationWorkerModule } from '@crm/federation';
import { CoreModule } from '@crm/platform';
import { hqSchema } from './data-source';

/** Worker entry of HQ (總部): national facts, drill-down to province and city: applies received batches, sweeps. */
@Module({})
export class HqWorkerModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return { module: HqWorkerModule, imports: [CoreModule.forRoot(config, hqSchema, 'worker'), AuditModule, FederationWorkerModule, DirectivesModule, EscalationModule] };
  }
}
