import 'reflect-metadata';
import { nodeConfigFromEnvOrExit, run, startWorkerNode } from '@crm/platform';
import { HqWorkerModule } from './hq-worker.module';

const config = nodeConfigFromEnvOrExit();
run(() => startWorkerNode(HqWorkerModule.forRoot(config), config));
