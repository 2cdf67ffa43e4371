import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConfigurationError, loadNodeConfig } from './load-node-config';

/** The billing section of the node configuration (arrears, dunning, partitions). */
describe('billing settings', () => {
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
  const problemsOf = (extra: Record<string, string>): string[] => {
    try {
      loadNodeConfig(env(extra), { topology });
    } catch (e) {
      if (e instanceof ConfigurationError) return e.problems;
      throw e;
    }
    return [];
  };

  it('has defaults: 3 machine reminders, suspension after 90 days, daily jobs, 3 months of partitions ahead', () => {
    expect(loadNodeConfig(env(), { topology }).billing).toEqual({
      dunningManualAfterAttempts: 3,
      arrearsSuspendAfterDays: 90,
      arrearsCron: '0 1 * * *',
      dunningCron: '0 9 * * *',
      partitionCron: '30 2 * * *',
      partitionMonthsAhead: 3,
    });
  });

  it('reads the optional variables', () => {
    const config = loadNodeConfig(env({ CRM_DUNNING_MANUAL_AFTER_ATTEMPTS: '5', CRM_ARREARS_SUSPEND_AFTER_DAYS: '60', CRM_DUNNING_CRON: '*/30 8-18 * * 1-5', CRM_PARTITION_MONTHS_AHEAD: '6' }), { topology });
    expect(config.billing).toMatchObject({ dunningManualAfterAttempts: 5, arrearsSuspendAfterDays: 60, dunningCron: '*/30 8-18 * * 1-5', partitionMonthsAhead: 6 });
  });

  it('stops with a message naming each bad variable', () => {
    const problems = problemsOf({ CRM_DUNNING_MANUAL_AFTER_ATTEMPTS: '0', CRM_ARREARS_SUSPEND_AFTER_DAYS: 'soon', CRM_DUNNING_CRON: 'every day', CRM_ARREARS_CRON: '* * *', CRM_PARTITION_MONTHS_AHEAD: '99' });
    for (const name of ['CRM_DUNNING_MANUAL_AFTER_ATTEMPTS', 'CRM_ARREARS_SUSPEND_AFTER_DAYS', 'CRM_DUNNING_CRON', 'CRM_ARREARS_CRON', 'CRM_PARTITION_MONTHS_AHEAD']) {
      expect(problems.join('\n')).toContain(name);
    }
  });
});
