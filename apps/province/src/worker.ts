import 'reflect-metadata';
import { nodeConfigFromEnvOrExit, run, startWorkerNode } from '@crm/platform';
import { ProvinceWorkerModule } from './province-worker.module';

const config = nodeConfigFromEnvOrExit();
run(() => startWorkerNode(ProvinceWorkerModule.forRoot(config), config));
