import 'reflect-metadata';
import { nodeConfigFromEnvOrExit, run, startHttpNode } from '@crm/platform';
import { CityApiModule } from './city-api.module';

const config = nodeConfigFromEnvOrExit();
run(() => startHttpNode(CityApiModule.forRoot(config), config));
