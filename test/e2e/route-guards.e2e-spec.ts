import { Controller, Get, Module, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { IS_PUBLIC, NODE_AUTHENTICATED, REQUIRED_PERMISSIONS } from '@crm/auth';
import { CityApiModule } from '../../apps/city/src/city-api.module';
import { HqApiModule } from '../../apps/hq/src/hq-api.module';
import { ProvinceApiModule } from '../../apps/province/src/province-api.module';
import { buildTestTopology, freePortFor, RunningNode, startTestNode, testNodeConfig } from '@crm/testing';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  node: boolean;
  permissions: string[];
}

/** Every HTTP route of an app, with what it declares about access. */
function routesOf(app: NestExpressApplication): Route[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  return discovery.getControllers().flatMap((wrapper) => {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) return [];
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) return [];
      const targets = [handler, metatype] as never;
      return [
        {
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path: `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          isPublic: !!reflector.getAllAndOverride(IS_PUBLIC, targets),
          node: !!reflector.getAllAndOverride(NODE_AUTHENTICATED, targets),
          permissions: reflector.getAllAndOverride<string[]>(REQUIRED_PERMISSIONS, targets) ?? [],
        },
      ];
    });
  });
}

const PUBLIC_ROUTES = ['GET /health', 'POST /api/v1/auth/login', 'GET /dashboard', 'GET /dashboard/app.js', 'GET /dashboard/app.css'];
const NODE_ROUTES = ['POST /api/v1/federation/inbox', 'POST /api/v1/federation/messages'];

describe('Every route is guarded', () => {
  const nodes: RunningNode[] = [];

  beforeAll(async () => {
    const ports = await Promise.all([freePortFor(), freePortFor(), freePortFor()]);
    const { topology, keys } = buildTestTopology([
      { code: '000000', name: '总部', tier: 'hq', port: ports[0] },
      { code: '440000', name: '广东', tier: 'province', parent: '000000', port: ports[1] },
      { code: '440100', name: '广州', tier: 'city', parent: '440000', port: ports[2] },
    ]);
    const modules = { '000000': HqApiModule.forRoot, '440000': ProvinceApiModule.forRoot, '440100': CityApiModule.forRoot };
    for (const [i, code] of (['000000', '440000', '440100'] as const).entries()) {
      const tier = i === 0 ? 'hq' : i === 1 ? 'province' : 'city';
      nodes.push(await startTestNode(await testNodeConfig({ code, tier, port: ports[i], topology, keys: keys.get(code)! }), { api: modules[code] }));
    }
  });
  afterAll(() => Promise.all(nodes.map((n) => n.close())));

  it.each([0, 1, 2])('node %#: each route is public by design, node-signed, or declares a permission', (i) => {
    const routes = routesOf(nodes[i].http!);
    expect(routes.length).toBeGreaterThan(4);
    for (const r of routes) {
      const id = `${r.method} ${r.path}`;
      if (r.isPublic) expect(PUBLIC_ROUTES).toContain(id);
      else if (r.node) expect(NODE_ROUTES).toContain(id);
      else expect({ id, permissions: r.permissions.length > 0 }).toEqual({ id, permissions: true });
    }
  });

  it.each([0, 1, 2])('node %#: every non-public route answers 401 without credentials', async (i) => {
    const node = nodes[i];
    for (const r of routesOf(node.http!).filter((x) => !x.isPublic)) {
      const path = r.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await request(node.url)[r.method.toLowerCase() as 'get'](path).send({});
      expect({ route: `${r.method} ${r.path}`, status: res.status, json: res.type }).toEqual({ route: `${r.method} ${r.path}`, status: 401, json: 'application/json' });
    }
  });

  it('serves health, Swagger UI and the OpenAPI document without a token', async () => {
    const node = nodes[2];
    const health = await request(node.url).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', node: '440100', info: { database: { status: 'up' }, redis: { status: 'up' } } });
    expect(health.headers['x-request-id']).toBeTruthy();
    await request(node.url).get('/docs').expect(200).expect('content-type', /html/);
    const doc = await request(node.url).get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/customers', '/api/v1/customers/{id}', '/api/v1/auth/login', '/api/v1/federation/children', '/api/v1/analytics/customers']));
    expect(doc.body.components.securitySchemes.bearer).toBeDefined();
  });

  it('carries a caller\'s X-Request-Id into the response and error bodies', async () => {
    const res = await request(nodes[0].url).get('/api/v1/analytics/customers').set('x-request-id', 'trace-0123456789').expect(401);
    expect(res.headers['x-request-id']).toBe('trace-0123456789');
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', requestId: 'trace-0123456789' });
  });

  it('denies a route that forgot to declare a permission, even to an admin', async () => {
    @Controller('forgotten')
    class ForgottenController {
      @Get()
      open(): string {
        return 'should never be served';
      }
    }
    @Module({ imports: [CityApiModule.forRoot(nodes[2].config)], controllers: [ForgottenController] })
    class WithForgottenRoute {}
    const app = await NestFactory.create<NestExpressApplication>(WithForgottenRoute, { logger: false, abortOnError: false });
    await app.init();
    try {
      const { upsertUser, Role } = await import('@crm/auth');
      await upsertUser(nodes[2].dataSource.manager, { username: 'root', displayName: 'root', role: Role.Admin, password: 'root-password-1' });
      const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'root', password: 'root-password-1' }).expect(200);
      const res = await request(app.getHttpServer()).get('/forgotten').auth(login.body.accessToken, { type: 'bearer' }).expect(403);
      expect(res.body.message).toMatch(/declares no permission/);
    } finally {
      await app.close();
    }
  });
});
