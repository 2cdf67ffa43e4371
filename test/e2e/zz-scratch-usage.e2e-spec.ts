import request from 'supertest';
import { customerInput, insertTestSubscription, RunningNode, tokenFor, waitFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('scratch', () => {
  let node: RunningNode;
  beforeAll(async () => { node = await startSingleCity({ worker: true, env: { CRM_IMPORT_DIR: mkdtempSync(join(tmpdir(), 'scr-')) } }); });
  afterAll(() => node.close());
  it('imports usage through the import job', async () => {
    const admin = await tokenFor(node.url, 'admin');
    const c = await request(node.url).post('/api/v1/customers').auth(admin, { type: 'bearer' }).send(customerInput()).expect(201);
    const s = await insertTestSubscription(node.dataSource, c.body.id);
    const tpl = await request(node.url).get('/api/v1/imports/templates/usage').auth(admin, { type: 'bearer' });
    console.log(tpl.status, tpl.text);
    const csv = `externalId,subscriptionExternalId,startedAt,durationSeconds,volumeKb,callType,direction,service,chargeFen\nX1,${s.externalId},2026-11-05 10:00:00,60,,local,outgoing,voice,10\nX2,NOPE,2026-11-05T10:00:00+08:00,60,,local,outgoing,voice,10\nX3,${s.externalId},bad,60,,local,outgoing,voice,10\n`;
    const started = await request(node.url).post('/api/v1/imports').auth(admin, { type: 'bearer' }).field('kind', 'usage').attach('file', Buffer.from(csv), 'u.csv');
    console.log(started.status, JSON.stringify(started.body));
    const done = await waitFor(async () => { const r = await request(node.url).get(`/api/v1/imports/${started.body.id}`).auth(admin, { type: 'bearer' }); return ['completed', 'failed'].includes(r.body.status) ? r.body : undefined; }, 'import');
    console.log(JSON.stringify(done));
    const rej = await request(node.url).get(`/api/v1/imports/${started.body.id}/rejections`).auth(admin, { type: 'bearer' });
    console.log(JSON.stringify(rej.body));
    console.log(await node.dataSource.query('SELECT external_id, started_at FROM usage_record'));
  });
});
