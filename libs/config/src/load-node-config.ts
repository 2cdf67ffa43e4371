import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EnvironmentVariables } from './environment-variables';
import { NodeConfig } from './node-config';
import { Topology } from './topology';
import { tierOfDivisionCode } from './division-code.util';
import { readDomainSettings } from './domain-settings';

/** Raised when the environment cannot describe a working node; the message names every problem. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

export interface LoadNodeConfigOptions {
  /** Topology given directly (tests); otherwise read from CRM_TOPOLOGY_FILE. */
  topology?: unknown;
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => (m.includes(e.property) ? m : `${e.property}: ${m}`)));
}

/**
 * Builds the node's configuration from environment variables. This is the only place that
 * interprets `process.env`-shaped input; a wrong or missing setting throws ConfigurationError.
 */
export function loadNodeConfig(env: Record<string, string | undefined>, options: LoadNodeConfigOptions = {}): NodeConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { exposeDefaultValues: true });
  const problems = flatten(validateSync(vars, { skipMissingProperties: false }));
  // Number('') is 0: an empty port must not silently mean "any port"
  if (env.CRM_HTTP_PORT !== undefined && !/^\d{1,5}$/.test(env.CRM_HTTP_PORT.trim())) {
    problems.push(`CRM_HTTP_PORT must be a port number (got ${JSON.stringify(env.CRM_HTTP_PORT)})`);
  }
  if (problems.length) throw new ConfigurationError([...new Set(problems)]);

  if (!tierOfDivisionCode(vars.CRM_NODE_CODE)) problems.push(`CRM_NODE_CODE ${vars.CRM_NODE_CODE} is not a GB/T 2260 HQ, province or city code`);
  else if (tierOfDivisionCode(vars.CRM_NODE_CODE) !== vars.CRM_NODE_TIER) {
    problems.push(`CRM_NODE_TIER ${vars.CRM_NODE_TIER} does not match CRM_NODE_CODE ${vars.CRM_NODE_CODE} (a ${tierOfDivisionCode(vars.CRM_NODE_CODE)} code)`);
  }

  let privateKeyPem = vars.CRM_NODE_PRIVATE_KEY;
  const keyVariable = privateKeyPem ? 'CRM_NODE_PRIVATE_KEY' : 'CRM_NODE_PRIVATE_KEY_FILE';
  if (!privateKeyPem && vars.CRM_NODE_PRIVATE_KEY_FILE) {
    try {
      privateKeyPem = readFileSync(vars.CRM_NODE_PRIVATE_KEY_FILE, 'utf8');
    } catch (e) {
      problems.push(`CRM_NODE_PRIVATE_KEY_FILE cannot be read: ${(e as Error).message}`);
    }
  }
  let ownPublicKey: string | undefined;
  if (!privateKeyPem) {
    if (!vars.CRM_NODE_PRIVATE_KEY_FILE) problems.push('CRM_NODE_PRIVATE_KEY or CRM_NODE_PRIVATE_KEY_FILE is required');
  } else {
    try {
      const key = createPrivateKey(privateKeyPem);
      if (key.asymmetricKeyType !== 'ed25519') problems.push(`${keyVariable} must be an Ed25519 key`);
      ownPublicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    } catch {
      problems.push(`${keyVariable} is not a readable PEM private key`);
    }
  }

  let topologyDoc = options.topology;
  if (topologyDoc === undefined) {
    if (!vars.CRM_TOPOLOGY_FILE) problems.push('CRM_TOPOLOGY_FILE is required');
    else {
      try {
        topologyDoc = JSON.parse(readFileSync(vars.CRM_TOPOLOGY_FILE, 'utf8'));
      } catch (e) {
        problems.push(`CRM_TOPOLOGY_FILE cannot be read as JSON: ${(e as Error).message}`);
      }
    }
  }
  const { topology, problems: topologyProblems } = topologyDoc === undefined ? { topology: undefined, problems: [] } : Topology.parse(topologyDoc);
  problems.push(...topologyProblems.map((p) => `CRM_TOPOLOGY_FILE: ${p}`));

  const node = topology?.get(vars.CRM_NODE_CODE);
  if (topology && !node) problems.push(`CRM_NODE_CODE ${vars.CRM_NODE_CODE} is not in the topology`);
  if (node && node.tier !== vars.CRM_NODE_TIER) problems.push(`CRM_NODE_TIER ${vars.CRM_NODE_TIER} differs from the topology's tier ${node.tier} for ${node.code}`);
  if (node && ownPublicKey && node.publicKey.trim() !== ownPublicKey.trim()) {
    problems.push(`${keyVariable} does not match the public key the topology lists for ${node.code}`);
  }
  if (vars.CRM_NODE_TIER === 'city' && !vars.CRM_PII_KEY) problems.push('CRM_PII_KEY is required on a city node (it protects ID numbers)');
  try {
    new Intl.DateTimeFormat('en', { timeZone: vars.CRM_TIMEZONE });
  } catch {
    problems.push(`CRM_TIMEZONE ${vars.CRM_TIMEZONE} is not an IANA time zone`);
  }
  const settings = readDomainSettings(env, problems);
  if (problems.length || !node || !topology || !privateKeyPem) throw new ConfigurationError(problems);

  const parentNode = node.parent ? topology.get(node.parent) : undefined;
  return {
    node,
    tier: node.tier,
    parent: parentNode ? { ...parentNode, url: vars.CRM_PARENT_URL ?? parentNode.url } : undefined,
    topology,
    httpPort: vars.CRM_HTTP_PORT,
    databaseUrl: vars.CRM_DATABASE_URL,
    redisUrl: vars.CRM_REDIS_URL,
    redisPrefix: vars.CRM_REDIS_PREFIX ?? `crm:${node.code}`,
    jwtSecret: vars.CRM_JWT_SECRET,
    jwtTtlSeconds: vars.CRM_JWT_TTL_SECONDS,
    privateKeyPem,
    piiKey: vars.CRM_PII_KEY ? Buffer.from(vars.CRM_PII_KEY, 'hex') : undefined,
    logLevel: vars.CRM_LOG_LEVEL,
    timezone: vars.CRM_TIMEZONE,
    federation: {
      publishEveryMs: vars.CRM_PUBLISH_EVERY_MS,
      publishWindowDays: vars.CRM_PUBLISH_WINDOW_DAYS,
      deliveryBackoffMs: vars.CRM_DELIVERY_BACKOFF_MS,
      deliveryTimeoutMs: vars.CRM_DELIVERY_TIMEOUT_MS,
      sweepEveryMs: vars.CRM_SWEEP_EVERY_MS,
      maxClockSkewSeconds: vars.CRM_MAX_CLOCK_SKEW_SECONDS,
    },
    imports: {
      dir: resolve(vars.CRM_IMPORT_DIR ?? join(tmpdir(), 'crm-imports', node.code)),
      maxBytes: vars.CRM_IMPORT_MAX_BYTES,
      batchSize: vars.CRM_IMPORT_BATCH_SIZE,
    },
    billing: {
      dunningManualAfterAttempts: vars.CRM_DUNNING_MANUAL_AFTER_ATTEMPTS,
      arrearsSuspendAfterDays: vars.CRM_ARREARS_SUSPEND_AFTER_DAYS,
      arrearsCron: vars.CRM_ARREARS_CRON,
      dunningCron: vars.CRM_DUNNING_CRON,
      partitionCron: vars.CRM_PARTITION_CRON,
      partitionMonthsAhead: vars.CRM_PARTITION_MONTHS_AHEAD,
    },
    settings,
  };
}
