import 'reflect-metadata';
import { PersonalDataCipher } from '@crm/customer';
import { runNodeCli } from '@crm/platform';
import { citySchema } from './data-source';
import { seedCityDemo } from './seed/demo-seed';

void runNodeCli(citySchema, process.argv, async (dataSource, config, settings) => {
  const started = Date.now();
  const result = await seedCityDemo(dataSource, { cityCode: config.node.code, customers: settings.customers, cipher: new PersonalDataCipher(config.piiKey!) });
  return { ...result, seedMs: Date.now() - started };
}).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
