import 'reflect-metadata';
import { runNodeCli } from '@crm/platform';
import { hqSchema } from './data-source';

void runNodeCli(hqSchema, process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
