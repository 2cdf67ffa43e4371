import 'reflect-metadata';
import { nodeConfigFromEnvOrExit, run, startWorkerNode } from '@crm/platform';
import { CityWorkerModule } from './city-worker.module';

const config = nodeConfigFromEnvOrExit();
run(() => startWorkerNode(CityWorkerModule.forRoot(config), config));
