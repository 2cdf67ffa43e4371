import 'reflect-metadata';
import { runNodeCli } from '@crm/platform';
import { provinceSchema } from './data-source';

void runNodeCli(provinceSchema, process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
