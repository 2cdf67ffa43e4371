import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@crm/audit';
import { NodeConfig } from '@crm/config';
import { DirectivesModule } from '@crm/directives';
import { EscalationModule } from '@crm/escalation';
import { FederationWorkerModule } from '@crm/federation';
import { CoreModule } from '@crm/platform';
import { provinceSchema } from './data-source';

/** Worker entry of a province node (省): its cities' facts, forwarded to HQ: applies received batches, forwards them to HQ, sweeps. */
@Module({})
export class ProvinceWorkerModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return { module: ProvinceWorkerModule, imports: [CoreModule.forRoot(config, provinceSchema, 'worker'), AuditModule, FederationWorkerModule, DirectivesModule, EscalationModule] };
  }
}
