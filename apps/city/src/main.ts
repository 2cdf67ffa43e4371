import 'reflect-metadata';
import { INBOX_PATH } from '@crm/federation';
import { nodeConfigFromEnvOrExit, run, startHttpNode } from '@crm/platform';
import { CityApiModule } from './city-api.module';

const config = nodeConfigFromEnvOrExit();
run(() => startHttpNode(CityApiModule.forRoot(config), config, { largeJsonPaths: [INBOX_PATH] }));
