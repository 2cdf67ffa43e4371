import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Runs a built entry point with the given environment (npm test builds dist/ first). */
function runEntry(entry: string, env: Record<string, string>) {
  const file = join(root, 'dist', entry);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build (npm test does)`);
  return spawnSync(process.execPath, [file], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('Node entry points refuse a wrong or missing configuration', () => {
  it.each(['apps/city/src/main.js', 'apps/city/src/worker.js', 'apps/province/src/main.js', 'apps/hq/src/worker.js'])('%s exits 1 naming every missing variable', (entry) => {
    const res = runEntry(entry, {});
    expect(res.status).toBe(1);
    for (const name of ['CRM_NODE_CODE', 'CRM_NODE_TIER', 'CRM_HTTP_PORT', 'CRM_DATABASE_URL', 'CRM_REDIS_URL', 'CRM_JWT_SECRET']) expect(res.stderr).toContain(name);
  });

  it('names the one wrong setting', () => {
    const res = runEntry('apps/hq/src/main.js', {
      CRM_NODE_CODE: '000000',
      CRM_NODE_TIER: 'hq',
      CRM_HTTP_PORT: '3000',
      CRM_DATABASE_URL: 'mysql://nope',
      CRM_REDIS_URL: 'redis://127.0.0.1:6379',
      CRM_JWT_SECRET: 'x'.repeat(40),
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('CRM_DATABASE_URL must be a postgres:// URL');
    expect(res.stderr).not.toContain('CRM_REDIS_URL');
  });
});
