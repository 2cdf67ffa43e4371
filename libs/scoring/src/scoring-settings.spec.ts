import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { ConfigurationError, loadNodeConfig, NODE_CONFIG, NodeConfig, SettingsError } from '@crm/config';
import { resolveScoringConfig, SCORING_CONFIG, ScoringConfig } from './scoring.config';
import { scoringConfigProvider } from './scoring.module';

/** CRM_SCORING_CONFIG(_FILE): read and checked by loadNodeConfig, validated against the scoring settings when the module starts. */
describe('scoring settings (CRM_SCORING_CONFIG, CRM_SCORING_CONFIG_FILE)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const otherKey = (): string => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const topology = {
    nodes: [
      { code: '000000', name: '总部', tier: 'hq', url: 'http://127.0.0.1:3000', publicKey: otherKey() },
      { code: '440000', name: '广东', tier: 'province', parent: '000000', url: 'http://127.0.0.1:3100', publicKey: otherKey() },
      { code: '440100', name: '广州', tier: 'city', parent: '440000', url: 'http://127.0.0.1:3101', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    ],
  };
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    CRM_NODE_CODE: '440100',
    CRM_NODE_TIER: 'city',
    CRM_HTTP_PORT: '3101',
    CRM_DATABASE_URL: 'postgres://u@localhost/db',
    CRM_REDIS_URL: 'redis://localhost:6379',
    CRM_JWT_SECRET: 'x'.repeat(40),
    CRM_NODE_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    CRM_PII_KEY: randomBytes(32).toString('hex'),
    ...extra,
  });
  const dir = mkdtempSync(join(tmpdir(), 'crm-scoring-settings-'));
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const problemsOf = (extra: Record<string, string>): string[] => {
    try {
      loadNodeConfig(env(extra), { topology });
    } catch (e) {
      if (e instanceof ConfigurationError) return e.problems;
      throw e;
    }
    return [];
  };

  it('is optional: no file, no overrides', () => {
    expect(loadNodeConfig(env(), { topology }).settings.scoring).toEqual({});
  });

  it('carries the parsed file', () => {
    const path = file('ok.json', JSON.stringify({ credit: { redFrom: 85 } }));
    const config = loadNodeConfig(env({ CRM_SCORING_CONFIG_FILE: path }), { topology });
    expect(config.settings.scoring).toEqual({ credit: { redFrom: 85 } });
    expect(resolveScoringConfig(config.settings.scoring).credit.redFrom).toBe(85);
    const inline = loadNodeConfig(env({ CRM_SCORING_CONFIG: '{"credit":{"greyFrom":45}}' }), { topology });
    expect(resolveScoringConfig(inline.settings.scoring).credit.greyFrom).toBe(45);
  });

  it('refuses a missing file, invalid JSON and a non-object at start', () => {
    expect(problemsOf({ CRM_SCORING_CONFIG_FILE: join(dir, 'missing.json') })).toEqual([expect.stringMatching(/^CRM_SCORING_CONFIG_FILE cannot be read as JSON/)]);
    expect(problemsOf({ CRM_SCORING_CONFIG_FILE: file('bad.json', '{ nope') })).toEqual([expect.stringMatching(/^CRM_SCORING_CONFIG_FILE cannot be read as JSON/)]);
    expect(problemsOf({ CRM_SCORING_CONFIG_FILE: file('array.json', '[1, 2]') })).toEqual(['CRM_SCORING_CONFIG_FILE must hold a JSON object']);
    expect(problemsOf({ CRM_SCORING_CONFIG: '{}', CRM_SCORING_CONFIG_FILE: file('both.json', '{}') })).toEqual(['CRM_SCORING_CONFIG and CRM_SCORING_CONFIG_FILE are both set: give one']);
  });

  it('stops the module from starting when the overrides are wrong', async () => {
    const config = loadNodeConfig(env({ CRM_SCORING_CONFIG_FILE: file('wrong.json', JSON.stringify({ loyalty: { bands: [40, 60, 80, 95] } })) }), { topology });
    const compile = (c: NodeConfig) =>
      Test.createTestingModule({
        providers: [
          { provide: NODE_CONFIG, useValue: c },
          scoringConfigProvider,
        ],
      }).compile();
    await expect(compile(config)).rejects.toBeInstanceOf(SettingsError);
    await expect(compile(config)).rejects.toThrow(/CRM_SCORING_CONFIG.*\n.*scoring\.loyalty\.bands must be strictly decreasing/);
    const ok = await compile(loadNodeConfig(env(), { topology }));
    expect(ok.get<ScoringConfig>(SCORING_CONFIG).loyalty.bands).toEqual([95, 80, 60, 40]);
  });
});
