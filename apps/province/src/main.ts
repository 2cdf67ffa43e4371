import 'reflect-metadata';
import { INBOX_PATH } from '@crm/federation';
import { nodeConfigFromEnvOrExit, run, startHttpNode } from '@crm/platform';
import { ProvinceApiModule } from './province-api.module';

const config = nodeConfigFromEnvOrExit();
run(() => startHttpNode(ProvinceApiModule.forRoot(config), config, { largeJsonPaths: [INBOX_PATH] }));
