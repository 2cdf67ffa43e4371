import { DynamicModule, Module } from '@nestjs/common';
import { NodeConfig } from '@crm/config';
import { CustomerModule } from '@crm/customer';
import { FederationWorkerModule } from '@crm/federation';
import { CoreModule } from '@crm/platform';
import { citySchema } from './data-source';

/** Worker entry of a city node: publication, delivery and the federation sweeper. */
@Module({})
export class CityWorkerModule {
  static forRoot(config: NodeConfig): DynamicModule {
    return { module: CityWorkerModule, imports: [CoreModule.forRoot(config, citySchema, 'worker'), CustomerModule, FederationWorkerModule] };
  }
}
