import { DataSource, EntityManager } from 'typeorm';
import { NodeConfig } from '@crm/config';
import { FactSetProducer } from './fact-set-producer.decorator';
import { FactStoreRepository } from './fact-store.repository';
import { FederationQueueService } from './federation-queue.service';
import { OutboxRepository } from './outbox.repository';
import { todayIn } from './period.util';
import { FactRow } from './protocol/fact-row.util';
import { FactSetDefinition } from './protocol/fact-set.catalogue';
import { PublicationService } from './publication.service';

const TZ = 'Asia/Shanghai';

/** In-memory slices behind the repository calls the service makes. */
function harness(producers: FactSetProducer[]) {
  const slices = new Map<string, { version: bigint; contentHash: string | null }>();
  let seq = 100n;
  const store = {
    lockSlice: jest.fn(async (_m: EntityManager, k: { metricSet: string; period: string }) => {
      const key = `${k.metricSet}@${k.period}`;
      if (!slices.has(key)) slices.set(key, { version: 0n, contentHash: null });
      return { ...slices.get(key)! };
    }),
    nextVersion: jest.fn(async () => String((seq += 1n))),
    replaceSlice: jest.fn(async (_m: EntityManager, k: { metricSet: string; period: string }, s: { version: string; contentHash: string }) => {
      slices.set(`${k.metricSet}@${k.period}`, { version: BigInt(s.version), contentHash: s.contentHash });
    }),
  };
  const outbox = { add: jest.fn(async () => 'outbox-1'), findPending: jest.fn(async () => []) };
  const queues = { enqueueDelivery: jest.fn(async () => undefined), ensureJob: jest.fn() };
  const dataSource = { transaction: async <T>(fn: (m: EntityManager) => Promise<T>) => fn({} as EntityManager) };
  const config = {
    tier: 'city',
    timezone: TZ,
    node: { code: '440100' },
    parent: { code: '440000' },
    federation: { publishWindowDays: 3 },
  } as unknown as NodeConfig;
  const service = new PublicationService(
    { getProviders: () => [] } as never,
    dataSource as unknown as DataSource,
    store as unknown as FactStoreRepository,
    outbox as unknown as OutboxRepository,
    queues as unknown as FederationQueueService,
    config,
  );
  (service as unknown as { producers: FactSetProducer[] }).producers = producers;
  return { service, store, slices };
}

const producer = (definition: Pick<FactSetDefinition, 'name' | 'periodType'>, rows: (period: string) => FactRow[], currentPeriodOnly = false) => {
  const compute = jest.fn(async (_m: EntityManager, { period }: { period: string }) => rows(period));
  return { definition: { dimensions: ['k'], measures: ['n'], description: '', ...definition } as FactSetDefinition, currentPeriodOnly, compute } as FactSetProducer & { compute: jest.Mock };
};

const row = (n: number): FactRow[] => [{ dims: { k: 'x' }, measures: { n } }];

describe('PublicationService: month fact sets', () => {
  const today = todayIn(TZ);
  const thisMonth = `${today.slice(0, 7)}-01`;

  it('computes a month set once per month of the window with period = first of the month, day sets once per day', async () => {
    const daily = producer({ name: 'd', periodType: 'day' }, () => row(1));
    const monthly = producer({ name: 'm', periodType: 'month' }, () => row(2));
    const { service } = harness([daily, monthly]);
    const res = await service.publish('t', '2026-10-30', '2026-11-02');
    expect(daily.compute.mock.calls.map((c) => c[1].period)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(monthly.compute.mock.calls.map((c) => c[1])).toEqual([{ period: '2026-10-01', timezone: TZ }, { period: '2026-11-01', timezone: TZ }]);
    expect(res.published.map((p) => `${p.metricSet}@${p.period}`)).toEqual(['d@2026-10-30', 'd@2026-10-31', 'd@2026-11-01', 'd@2026-11-02', 'm@2026-10-01', 'm@2026-11-01']);
  });

  it('recomputes the current month on each run and versions it only when its content changes', async () => {
    let n = 5;
    const monthly = producer({ name: 'm', periodType: 'month' }, () => row(n));
    const { service, slices } = harness([monthly]);
    expect((await service.publish('t', today, today)).published).toHaveLength(1);
    const first = slices.get(`m@${thisMonth}`)!.version;
    expect(await service.publish('t', today, today)).toMatchObject({ published: [], unchanged: 1 });
    expect(slices.get(`m@${thisMonth}`)!.version).toBe(first);
    n = 6;
    const res = await service.publish('t', today, today);
    expect(res.published).toEqual([expect.objectContaining({ metricSet: 'm', period: thisMonth })]);
    expect(slices.get(`m@${thisMonth}`)!.version).toBeGreaterThan(first);
  });

  it('does not publish an empty month slice that was never published, but does publish one that became empty', async () => {
    let rows: FactRow[] = [];
    const monthly = producer({ name: 'm', periodType: 'month' }, () => rows);
    const { service, store } = harness([monthly]);
    expect(await service.publish('t', today, today)).toMatchObject({ published: [], unchanged: 0 });
    expect(store.replaceSlice).not.toHaveBeenCalled();
    rows = row(1);
    expect((await service.publish('t', today, today)).published).toHaveLength(1);
    rows = [];
    const res = await service.publish('t', today, today);
    expect(res.published).toEqual([expect.objectContaining({ metricSet: 'm', rows: 0 })]);
  });

  it('an empty day slice is still published (day sets unchanged)', async () => {
    const daily = producer({ name: 'd', periodType: 'day' }, () => []);
    const { service } = harness([daily]);
    expect((await service.publish('t', today, today)).published).toHaveLength(1);
  });

  it('computes a current-period-only month set for the current month only', async () => {
    const snap = producer({ name: 's', periodType: 'month' }, () => row(1), true);
    const { service } = harness([snap]);
    await service.publish('t', '2026-01-10', '2026-01-12');
    expect(snap.compute).not.toHaveBeenCalled();
    await service.publish('t', today, today);
    expect(snap.compute.mock.calls.map((c) => c[1].period)).toEqual([thisMonth]);
  });
});
