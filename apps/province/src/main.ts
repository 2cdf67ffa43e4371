import 'reflect-metadata';
import { nodeConfigFromEnvOrExit, run, startHttpNode } from '@crm/platform';
import { ProvinceApiModule } from './province-api.module';

const config = nodeConfigFromEnvOrExit();
run(() => startHttpNode(ProvinceApiModule.forRoot(config), config));
