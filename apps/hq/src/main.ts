import 'reflect-metadata';
import { INBOX_PATH } from '@crm/federation';
import { nodeConfigFromEnvOrExit, run, startHttpNode } from '@crm/platform';
import { HqApiModule } from './hq-api.module';

const config = nodeConfigFromEnvOrExit();
run(() => startHttpNode(HqApiModule.forRoot(config), config, { largeJsonPaths: [INBOX_PATH] }));
