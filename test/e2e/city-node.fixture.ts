import { CityApiModule } from '../../apps/city/src/city-api.module';
import { CityWorkerModule } from '../../apps/city/src/city-worker.module';
import { buildTestTopology, freePortFor, RunningNode, seedDistricts, seedRoleUsers, startTestNode, testNodeConfig } from '@crm/testing';

export const GUANGZHOU_DISTRICTS: [string, string][] = [
  ['440103', '荔湾区'],
  ['440104', '越秀区'],
  ['440105', '海珠区'],
  ['440106', '天河区'],
];

/** A single city node (Guangzhou) with its province and HQ in the topology but not running. */
export async function startSingleCity(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<RunningNode> {
  const [hqPort, gdPort, gzPort] = [await freePortFor(), await freePortFor(), await freePortFor()];
  const { topology, keys } = buildTestTopology([
    { code: '000000', name: '总部', tier: 'hq', port: hqPort },
    { code: '440000', name: '广东', tier: 'province', parent: '000000', port: gdPort },
    { code: '440100', name: '广州', tier: 'city', parent: '440000', port: gzPort },
  ]);
  const config = await testNodeConfig({ code: '440100', tier: 'city', port: gzPort, topology, keys: keys.get('440100')!, env: options.env });
  const node = await startTestNode(config, { api: CityApiModule.forRoot, worker: options.worker ? CityWorkerModule.forRoot : undefined });
  await seedRoleUsers(node.dataSource);
  await seedDistricts(node.dataSource, GUANGZHOU_DISTRICTS);
  return node;
}
