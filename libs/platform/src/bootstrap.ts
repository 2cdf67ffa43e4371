import { DynamicModule, INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import { ConfigurationError, loadNodeConfig, NodeConfig } from '@crm/config';
import { ErrorResponseDto } from '@crm/errors';

/** Reads and validates the environment; on a bad setting prints every problem and exits 1. */
export function nodeConfigFromEnvOrExit(): NodeConfig {
  try {
    return loadNodeConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigurationError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

const TIER_TITLES = { hq: 'HQ 總部', province: 'Province 省', city: 'City 地市' } as const;

/** Applies what the HTTP entry needs beyond the module graph: Swagger, body limits, shutdown hooks. */
export interface HttpAppOptions {
  /** Routes that accept JSON bodies up to 20 MB (e.g. the federation inbox); all others 1 MB. */
  largeJsonPaths?: string[];
}

export function configureHttpApp(app: NestExpressApplication, config: NodeConfig, options: HttpAppOptions = {}): void {
  app.disable('x-powered-by');
  // fact batches may be large; everything else is small, so a flood of big bodies cannot tie up a node
  const keepRaw = (req: IncomingMessage, _res: ServerResponse, buf: Buffer): void => {
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf;
  };
  for (const path of options.largeJsonPaths ?? []) app.use(path, json({ limit: '20mb', verify: keepRaw }));
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Federated telecom CRM — ${TIER_TITLES[config.tier]} ${config.node.name} (${config.node.code})`)
      .setDescription('REST API of one node of the HQ → province → city federation. Sign in with POST /api/v1/auth/login, then Authorize with the bearer token.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorResponseDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: `CRM ${config.node.code}` });
}

export async function createHttpApp(module: DynamicModule, config: NodeConfig, options: HttpAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, rawBody: true });
  app.useLogger(app.get(Logger));
  configureHttpApp(app, config, options);
  return app;
}

export async function startHttpNode(module: DynamicModule, config: NodeConfig, options: HttpAppOptions = {}): Promise<INestApplication> {
  const app = await createHttpApp(module, config, options);
  await app.listen(config.httpPort, '0.0.0.0');
  app.get(Logger).log(`Node ${config.node.code} (${config.tier}) listening on ${config.httpPort}; docs at /docs`);
  return app;
}

export async function startWorkerNode(module: DynamicModule, config: NodeConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log(`Worker of node ${config.node.code} (${config.tier}) running`);
  return app;
}

/** Entry-point wrapper: a failed start logs the reason and exits non-zero instead of hanging. */
export function run(start: () => Promise<unknown>): void {
  start().catch((err: unknown) => {
    process.stderr.write(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
