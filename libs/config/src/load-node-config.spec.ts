import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadNodeConfig } from '@crm/config';
import { TopologyNode } from './topology.types';

function keyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const hq = keyPair();
const province = keyPair();
const city = keyPair();
const other = keyPair();
const PII_KEY = 'ab'.repeat(32);
const JWT_SECRET = 'x'.repeat(32);

function topologyDoc(): { nodes: TopologyNode[] } {
  return {
    nodes: [
      { code: '000000', name: 'HQ', tier: 'hq', url: 'http://127.0.0.1:3100', publicKey: hq.publicKeyPem },
      { code: '440000', name: 'Guangdong', tier: 'province', parent: '000000', url: 'http://127.0.0.1:3101', publicKey: province.publicKeyPem },
      { code: '440100', name: 'Guangzhou', tier: 'city', parent: '440000', url: 'http://127.0.0.1:3102', publicKey: city.publicKeyPem },
    ],
  };
}

function cityEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    CRM_NODE_CODE: '440100',
    CRM_NODE_TIER: 'city',
    CRM_HTTP_PORT: '3102',
    CRM_DATABASE_URL: 'postgres://crm:crm@127.0.0.1:5432/crm_440100',
    CRM_REDIS_URL: 'redis://127.0.0.1:6379/0',
    CRM_JWT_SECRET: JWT_SECRET,
    CRM_NODE_PRIVATE_KEY: city.privateKeyPem,
    CRM_PII_KEY: PII_KEY,
    ...overrides,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

/** Runs loadNodeConfig expecting a ConfigurationError; returns it. */
function configError(env: Record<string, string | undefined>, topology: unknown = topologyDoc()): ConfigurationError {
  let thrown: unknown;
  try {
    loadNodeConfig(env, { topology });
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ConfigurationError);
  return thrown as ConfigurationError;
}

describe('loadNodeConfig', () => {
  it('builds the configuration of a city from a valid environment', () => {
    const config = loadNodeConfig(cityEnv(), { topology: topologyDoc() });
    expect(config.node.code).toBe('440100');
    expect(config.node.name).toBe('Guangzhou');
    expect(config.tier).toBe('city');
    expect(config.parent?.code).toBe('440000');
    expect(config.parent?.url).toBe('http://127.0.0.1:3101');
    expect(config.topology.get('000000')?.name).toBe('HQ');
    expect(config.httpPort).toBe(3102);
    expect(typeof config.httpPort).toBe('number');
    expect(config.databaseUrl).toBe('postgres://crm:crm@127.0.0.1:5432/crm_440100');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(config.redisPrefix).toBe('crm:440100');
    expect(config.jwtSecret).toBe(JWT_SECRET);
    expect(config.privateKeyPem).toBe(city.privateKeyPem);
    expect(config.piiKey).toEqual(Buffer.from(PII_KEY, 'hex'));
    expect(config.piiKey).toHaveLength(32);
  });

  it('applies defaults for optional settings', () => {
    const config = loadNodeConfig(cityEnv(), { topology: topologyDoc() });
    expect(config.jwtTtlSeconds).toBe(8 * 3600);
    expect(config.logLevel).toBe('info');
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.federation).toEqual({
      publishEveryMs: 300_000,
      publishWindowDays: 2,
      deliveryBackoffMs: 2000,
      deliveryTimeoutMs: 15_000,
      sweepEveryMs: 60_000,
      maxClockSkewSeconds: 300,
    });
  });

  it('reads optional settings and converts numbers', () => {
    const config = loadNodeConfig(
      cityEnv({
        CRM_JWT_TTL_SECONDS: '600',
        CRM_LOG_LEVEL: 'debug',
        CRM_TIMEZONE: 'Europe/Paris',
        CRM_REDIS_PREFIX: 'test:gz',
        CRM_PARENT_URL: 'http://10.0.0.5:9000',
        CRM_PUBLISH_WINDOW_DAYS: '7',
        CRM_MAX_CLOCK_SKEW_SECONDS: '30',
      }),
      { topology: topologyDoc() },
    );
    expect(config.jwtTtlSeconds).toBe(600);
    expect(config.logLevel).toBe('debug');
    expect(config.timezone).toBe('Europe/Paris');
    expect(config.redisPrefix).toBe('test:gz');
    expect(config.parent?.url).toBe('http://10.0.0.5:9000');
    expect(config.parent?.code).toBe('440000');
    expect(config.topology.get('440000')?.url).toBe('http://127.0.0.1:3101');
    expect(config.federation.publishWindowDays).toBe(7);
    expect(config.federation.maxClockSkewSeconds).toBe(30);
  });

  it('places imports under the OS temporary folder by default and reads their settings', () => {
    expect(loadNodeConfig(cityEnv(), { topology: topologyDoc() }).imports).toEqual({ dir: join(tmpdir(), 'crm-imports', '440100'), maxBytes: 2 * 1024 ** 3, batchSize: 5000 });
    const config = loadNodeConfig(cityEnv({ CRM_IMPORT_DIR: 'relative/imports', CRM_IMPORT_MAX_BYTES: '1048576', CRM_IMPORT_BATCH_SIZE: '200' }), { topology: topologyDoc() });
    expect(config.imports).toEqual({ dir: join(process.cwd(), 'relative/imports'), maxBytes: 1_048_576, batchSize: 200 });
    expect(configError(cityEnv({ CRM_IMPORT_BATCH_SIZE: '0', CRM_IMPORT_MAX_BYTES: 'lots' })).message).toMatch(/CRM_IMPORT_BATCH_SIZE[\s\S]*CRM_IMPORT_MAX_BYTES|CRM_IMPORT_MAX_BYTES[\s\S]*CRM_IMPORT_BATCH_SIZE/);
  });

  it('builds an HQ configuration without parent or PII key', () => {
    const config = loadNodeConfig(
      cityEnv({ CRM_NODE_CODE: '000000', CRM_NODE_TIER: 'hq', CRM_NODE_PRIVATE_KEY: hq.privateKeyPem, CRM_PII_KEY: undefined }),
      { topology: topologyDoc() },
    );
    expect(config.tier).toBe('hq');
    expect(config.parent).toBeUndefined();
    expect(config.piiKey).toBeUndefined();
  });

  it('builds a province configuration without PII key', () => {
    const config = loadNodeConfig(
      cityEnv({ CRM_NODE_CODE: '440000', CRM_NODE_TIER: 'province', CRM_NODE_PRIVATE_KEY: province.privateKeyPem, CRM_PII_KEY: undefined }),
      { topology: topologyDoc() },
    );
    expect(config.tier).toBe('province');
    expect(config.parent?.code).toBe('000000');
    expect(config.piiKey).toBeUndefined();
  });

  describe('reads files', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'crm-config-spec-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the private key and topology from files', () => {
      const keyFile = join(dir, 'city.pem');
      const topologyFile = join(dir, 'topology.json');
      writeFileSync(keyFile, city.privateKeyPem);
      writeFileSync(topologyFile, JSON.stringify(topologyDoc()));
      const config = loadNodeConfig(cityEnv({ CRM_NODE_PRIVATE_KEY: undefined, CRM_NODE_PRIVATE_KEY_FILE: keyFile, CRM_TOPOLOGY_FILE: topologyFile }));
      expect(config.node.code).toBe('440100');
      expect(config.privateKeyPem).toBe(city.privateKeyPem);
    });

    it('names CRM_NODE_PRIVATE_KEY_FILE when it cannot be read', () => {
      const e = configError(cityEnv({ CRM_NODE_PRIVATE_KEY: undefined, CRM_NODE_PRIVATE_KEY_FILE: join(dir, 'missing.pem') }));
      expect(e.message).toContain('CRM_NODE_PRIVATE_KEY_FILE cannot be read');
    });

    it('names CRM_TOPOLOGY_FILE when it is not JSON', () => {
      const topologyFile = join(dir, 'broken.json');
      writeFileSync(topologyFile, '{ not json');
      let thrown: unknown;
      try {
        loadNodeConfig(cityEnv({ CRM_TOPOLOGY_FILE: topologyFile }));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).toContain('CRM_TOPOLOGY_FILE cannot be read as JSON');
    });
  });

  describe('throws ConfigurationError naming the variable', () => {
    it.each([
      'CRM_NODE_CODE',
      'CRM_NODE_TIER',
      'CRM_HTTP_PORT',
      'CRM_DATABASE_URL',
      'CRM_REDIS_URL',
      'CRM_JWT_SECRET',
    ])('when %s is missing', (name) => {
      const e = configError(cityEnv({ [name]: undefined }));
      expect(e.name).toBe('ConfigurationError');
      expect(e.message).toMatch(/^Invalid configuration:/);
      expect(e.message).toContain(name);
      expect(e.problems.length).toBeGreaterThan(0);
      expect(e.problems.every((p) => p.includes(name))).toBe(true);
    });

    it.each([
      ['CRM_NODE_CODE', '44010'],
      ['CRM_NODE_CODE', 'abcdef'],
      ['CRM_NODE_TIER', 'county'],
      ['CRM_HTTP_PORT', 'eighty'],
      ['CRM_HTTP_PORT', '70000'],
      ['CRM_HTTP_PORT', '-1'],
      ['CRM_DATABASE_URL', 'mysql://127.0.0.1/crm'],
      ['CRM_DATABASE_URL', 'postgres://'],
      ['CRM_REDIS_URL', 'http://127.0.0.1:6379'],
      ['CRM_JWT_SECRET', 'x'.repeat(31)],
      ['CRM_JWT_TTL_SECONDS', '59'],
      ['CRM_JWT_TTL_SECONDS', 'soon'],
      ['CRM_PII_KEY', 'ab'.repeat(31)],
      ['CRM_PII_KEY', 'zz'.repeat(32)],
      ['CRM_PARENT_URL', 'ftp://127.0.0.1'],
      ['CRM_REDIS_PREFIX', 'has space'],
      ['CRM_LOG_LEVEL', 'verbose'],
      ['CRM_PUBLISH_WINDOW_DAYS', '0'],
      ['CRM_MAX_CLOCK_SKEW_SECONDS', '4'],
    ])('when %s is %p', (name, value) => {
      const e = configError(cityEnv({ [name]: value }));
      expect(e.message).toContain(name);
      expect(e.problems.some((p) => p.includes(name))).toBe(true);
    });

    it('explains that CRM_JWT_SECRET is too short', () => {
      const e = configError(cityEnv({ CRM_JWT_SECRET: 'short' }));
      expect(e.problems).toEqual(['CRM_JWT_SECRET must be at least 32 characters']);
    });

    it('lists several problems at once', () => {
      const e = configError(cityEnv({ CRM_DATABASE_URL: undefined, CRM_REDIS_URL: 'nope', CRM_JWT_SECRET: 'short' }));
      expect(e.message).toContain('CRM_DATABASE_URL');
      expect(e.message).toContain('CRM_REDIS_URL');
      expect(e.message).toContain('CRM_JWT_SECRET');
    });

    it('when CRM_NODE_CODE is six digits but not a node code', () => {
      const e = configError(cityEnv({ CRM_NODE_CODE: '440106' }));
      expect(e.message).toContain('CRM_NODE_CODE 440106 is not a GB/T 2260 HQ, province or city code');
    });

    it('when CRM_NODE_TIER does not match the code', () => {
      const e = configError(cityEnv({ CRM_NODE_TIER: 'province' }));
      expect(e.message).toContain('CRM_NODE_TIER province does not match CRM_NODE_CODE 440100 (a city code)');
    });

    it('when CRM_NODE_CODE is not in the topology', () => {
      const e = configError(cityEnv({ CRM_NODE_CODE: '440300' }));
      expect(e.message).toContain('CRM_NODE_CODE 440300 is not in the topology');
    });

    it('when no private key is given', () => {
      const e = configError(cityEnv({ CRM_NODE_PRIVATE_KEY: undefined }));
      expect(e.message).toContain('CRM_NODE_PRIVATE_KEY or CRM_NODE_PRIVATE_KEY_FILE is required');
    });

    it('when the private key is not a PEM key', () => {
      const e = configError(cityEnv({ CRM_NODE_PRIVATE_KEY: 'not a key' }));
      expect(e.message).toContain('CRM_NODE_PRIVATE_KEY is not a readable PEM private key');
    });

    it('when the private key is not Ed25519', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const e = configError(cityEnv({ CRM_NODE_PRIVATE_KEY: rsa }));
      expect(e.message).toContain('CRM_NODE_PRIVATE_KEY must be an Ed25519 key');
    });

    it("when the private key does not match the topology's public key", () => {
      const e = configError(cityEnv({ CRM_NODE_PRIVATE_KEY: other.privateKeyPem }));
      expect(e.problems).toEqual(['CRM_NODE_PRIVATE_KEY does not match the public key the topology lists for 440100']);
    });

    it("when the private key is another node's key", () => {
      const e = configError(cityEnv({ CRM_NODE_PRIVATE_KEY: province.privateKeyPem }));
      expect(e.message).toContain('CRM_NODE_PRIVATE_KEY does not match the public key the topology lists for 440100');
    });

    it('when CRM_PII_KEY is missing on a city', () => {
      const e = configError(cityEnv({ CRM_PII_KEY: undefined }));
      expect(e.problems).toEqual(['CRM_PII_KEY is required on a city node (it protects ID numbers)']);
    });

    it.each(['Mars/Olympus_Mons', 'Asia/Beijing', ''])('when CRM_TIMEZONE is %p', (tz) => {
      const e = configError(cityEnv({ CRM_TIMEZONE: tz }));
      expect(e.message).toContain(`CRM_TIMEZONE ${tz} is not an IANA time zone`);
    });

    it('when the topology is invalid, prefixing its problems with CRM_TOPOLOGY_FILE', () => {
      const doc = topologyDoc();
      doc.nodes[2].parent = '000000';
      const e = configError(cityEnv(), doc);
      expect(e.message).toContain('CRM_TOPOLOGY_FILE: node 440100: parent 000000 must be a province');
    });

    it('when neither a topology nor CRM_TOPOLOGY_FILE is given', () => {
      let thrown: unknown;
      try {
        loadNodeConfig(cityEnv());
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).toContain('CRM_TOPOLOGY_FILE is required');
    });
  });
});
