import { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Logger as PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role, ROLES, upsertUser } from '@crm/auth';
import { loadNodeConfig, NodeConfig, Tier, TopologyDocument } from '@crm/config';
import { INBOX_PATH } from '@crm/federation';
import { configureHttpApp } from '@crm/platform';
import { NodeKeys } from './test-topology.util';
import { createTestDatabase, testRedisUrl, uniqueRedisPrefix } from './test-infra.util';

export const TEST_PASSWORD = 'test-password-123';

export interface TestNodeConfigInput {
  code: string;
  tier: Tier;
  port: number;
  topology: TopologyDocument;
  keys: NodeKeys;
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** A validated NodeConfig for a test node, on its own database and Redis prefix. */
export async function testNodeConfig(input: TestNodeConfigInput): Promise<NodeConfig> {
  const databaseUrl = input.databaseUrl ?? (await createTestDatabase(`${input.tier}${input.code}`));
  return loadNodeConfig(
    {
      CRM_NODE_CODE: input.code,
      CRM_NODE_TIER: input.tier,
      CRM_HTTP_PORT: String(input.port),
      CRM_DATABASE_URL: databaseUrl,
      CRM_REDIS_URL: testRedisUrl(),
      CRM_REDIS_PREFIX: uniqueRedisPrefix(input.code),
      CRM_JWT_SECRET: randomBytes(24).toString('hex'),
      CRM_NODE_PRIVATE_KEY: input.keys.privateKeyPem,
      CRM_PII_KEY: input.tier === 'city' ? randomBytes(32).toString('hex') : undefined,
      CRM_LOG_LEVEL: process.env.CRM_TEST_LOG_LEVEL ?? 'silent',
      CRM_PUBLISH_EVERY_MS: '3600000',
      CRM_SWEEP_EVERY_MS: '3600000',
      CRM_DELIVERY_BACKOFF_MS: '200',
      ...input.env,
    },
    { topology: input.topology },
  );
}

export interface RunningNode {
  config: NodeConfig;
  http?: NestExpressApplication;
  worker?: INestApplicationContext;
  url: string;
  dataSource: DataSource;
  stopHttp(): Promise<void>;
  startHttp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots a node from the same modules as its entries: the HTTP app (listening on its port) and,
 * when asked, its worker, in this process.
 */
export async function startTestNode(
  config: NodeConfig,
  modules: { api: (c: NodeConfig) => DynamicModule; worker?: (c: NodeConfig) => DynamicModule },
): Promise<RunningNode> {
  const node: RunningNode = {
    config,
    url: `http://127.0.0.1:${config.httpPort}`,
    dataSource: undefined as unknown as DataSource,
    async startHttp() {
      const verbose = !!process.env.CRM_TEST_LOG_LEVEL;
      const app = await NestFactory.create<NestExpressApplication>(modules.api(config), { rawBody: true, logger: verbose ? undefined : false, bufferLogs: verbose, abortOnError: false });
      if (verbose) app.useLogger(app.get(PinoLogger));
      configureHttpApp(app, config, { largeJsonPaths: [INBOX_PATH] });
      await app.listen(config.httpPort, '127.0.0.1');
      node.http = app;
      node.dataSource = app.get(DataSource);
    },
    async stopHttp() {
      await node.http?.close();
      node.http = undefined;
    },
    async close() {
      await node.worker?.close();
      await node.http?.close();
    },
  };
  await node.startHttp();
  if (modules.worker) {
    node.worker = await NestFactory.createApplicationContext(modules.worker(config), { logger: false, abortOnError: false });
    await node.worker.init();
  }
  return node;
}

/** One user per role (username = role name) with TEST_PASSWORD. */
export async function seedRoleUsers(dataSource: DataSource, roles: readonly Role[] = ROLES): Promise<void> {
  for (const role of roles) {
    await upsertUser(dataSource.manager, { username: role, displayName: `Test ${role}`, role, password: TEST_PASSWORD });
  }
}

export async function tokenFor(url: string | NestExpressApplication, username: string, password = TEST_PASSWORD): Promise<string> {
  const target = typeof url === 'string' ? url : url.getHttpServer();
  const res = await request(target).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}
