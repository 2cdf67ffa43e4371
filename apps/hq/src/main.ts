import 'reflect-metadata';
import { nodeConfigFromEnvOrExit, run, startHttpNode } from '@crm/platform';
import { HqApiModule } from './hq-api.module';

const config = nodeConfigFromEnvOrExit();
run(() => startHttpNode(HqApiModule.forRoot(config), config));
