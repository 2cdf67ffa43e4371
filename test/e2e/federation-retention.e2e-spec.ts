import { RetentionService } from '@crm/federation';
import { HqApiModule } from '../../apps/hq/src/hq-api.module';
import { buildTestTopology, freePortFor, RunningNode, startTestNode, testNodeConfig } from '@crm/testing';

describe('Federation retention (PurgeFederationJob)', () => {
  let node: RunningNode;

  beforeAll(async () => {
    const port = await freePortFor();
    const { topology, keys } = buildTestTopology([{ code: '000000', name: '总部', tier: 'hq', port }]);
    node = await startTestNode(await testNodeConfig({ code: '000000', tier: 'hq', port, topology, keys: keys.get('000000')! }), { api: HqApiModule.forRoot });
  });
  afterAll(() => node.close());

  const outbox = (key: string, status: string, deliveredDaysAgo: number | null) =>
    node.dataSource.query(
      `INSERT INTO outbox_batch (batch_key, target_node, origin_node, metric_set, period, version, row_count, payload, status, delivered_at, created_at)
       VALUES ($1, '440000', '440100', 'm', '2026-01-01', 1, 0, '{}', $2, CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END, now() - interval '400 days')`,
      [key, status, deliveredDaysAgo],
    );
  const inbox = (key: string, appliedDaysAgo: number | null) =>
    node.dataSource.query(
      `INSERT INTO inbox_batch (batch_key, source_node, origin_node, metric_set, period_type, period, version, content_hash, row_count, rows, produced_at, received_at, applied_at)
       VALUES ($1, '440000', '440100', 'm', 'day', '2026-01-01', 1, repeat('0', 64), 0, '[]', now(), now() - interval '400 days',
               CASE WHEN $2::int IS NULL THEN NULL ELSE now() - make_interval(days => $2::int) END)`,
      [key, appliedDaysAgo],
    );
  const keys = async (table: string) => (await node.dataSource.query(`SELECT batch_key FROM ${table} ORDER BY batch_key`)).map((r: { batch_key: string }) => r.batch_key);

  it('purges old finished batches and old security events, and keeps recent, pending, rejected and unapplied ones', async () => {
    await outbox('o-old-delivered', 'delivered', 45);
    await outbox('o-new-delivered', 'delivered', 3);
    await outbox('o-old-pending', 'pending', null);
    await outbox('o-old-rejected', 'rejected', null);
    await inbox('i-old-applied', 45);
    await inbox('i-new-applied', 3);
    await inbox('i-unapplied', null);
    await node.dataSource.query(
      `INSERT INTO federation_security_event (reason, path, detail, occurred_at) VALUES ('replayed', '/x', 'old', now() - interval '200 days'), ('replayed', '/x', 'new', now())`,
    );

    const result = await node.http!.get(RetentionService).purge('test');

    expect(result).toEqual({ outbox: 1, inbox: 1, messageOutbox: 0, messageInbox: 0, securityEvents: 1 });
    expect(await keys('outbox_batch')).toEqual(['o-new-delivered', 'o-old-pending', 'o-old-rejected']);
    expect(await keys('inbox_batch')).toEqual(['i-new-applied', 'i-unapplied']);
    expect((await node.dataSource.query(`SELECT detail FROM federation_security_event`)).map((r: { detail: string }) => r.detail)).toEqual(['new']);
  });
});
