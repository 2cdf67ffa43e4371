import { CityApiModule } from '../../apps/city/src/city-api.module';
import { CityWorkerModule } from '../../apps/city/src/city-worker.module';
import { HqApiModule } from '../../apps/hq/src/hq-api.module';
import { HqWorkerModule } from '../../apps/hq/src/hq-worker.module';
import { ProvinceApiModule } from '../../apps/province/src/province-api.module';
import { ProvinceWorkerModule } from '../../apps/province/src/province-worker.module';
import { TopologyDocument } from '@crm/config';
import { buildTestTopology, freePortFor, NodeKeys, RunningNode, seedDistricts, seedRoleUsers, startTestNode, testNodeConfig } from '@crm/testing';

export interface Federation {
  hq: RunningNode;
  gd: RunningNode;
  gz: RunningNode;
  sz: RunningNode;
  topology: TopologyDocument;
  keys: Map<string, NodeKeys>;
  close(): Promise<void>;
}

const MODULES = {
  hq: { api: HqApiModule.forRoot, worker: HqWorkerModule.forRoot },
  province: { api: ProvinceApiModule.forRoot, worker: ProvinceWorkerModule.forRoot },
  city: { api: CityApiModule.forRoot, worker: CityWorkerModule.forRoot },
};

/** HQ, Guangdong, Guangzhou and Shenzhen with their workers, in this process, on free ports. */
export async function startFederation(): Promise<Federation> {
  const ports = await Promise.all([freePortFor(), freePortFor(), freePortFor(), freePortFor()]);
  const specs = [
    { code: '000000', name: '总部', tier: 'hq' as const, port: ports[0] },
    { code: '440000', name: '广东', tier: 'province' as const, parent: '000000', port: ports[1] },
    { code: '440100', name: '广州', tier: 'city' as const, parent: '440000', port: ports[2] },
    { code: '440300', name: '深圳', tier: 'city' as const, parent: '440000', port: ports[3] },
  ];
  const { topology, keys } = buildTestTopology(specs);
  const nodes = await Promise.all(
    specs.map(async (s) => {
      const config = await testNodeConfig({ code: s.code, tier: s.tier, port: s.port, topology, keys: keys.get(s.code)! });
      const node = await startTestNode(config, MODULES[s.tier]);
      await seedRoleUsers(node.dataSource);
      return node;
    }),
  );
  const [hq, gd, gz, sz] = nodes;
  await seedDistricts(gz.dataSource, [['440103', '荔湾区'], ['440106', '天河区']]);
  await seedDistricts(sz.dataSource, [['440304', '福田区'], ['440305', '南山区']]);
  return { hq, gd, gz, sz, topology, keys, close: async () => void (await Promise.all(nodes.map((n) => n.close()))) };
}
