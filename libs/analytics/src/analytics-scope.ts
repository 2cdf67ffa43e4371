import { isWithinDivision, NodeConfig, provinceCodeOf } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';

export interface AnalyticsScope {
  province: string | null;
  city: string | null;
  /** LIKE pattern on fact.origin_node. */
  pattern: string;
}

/** Resolves the drill-down to a LIKE pattern on origin node, refusing anything outside this node. */
export function resolveAnalyticsScope(config: NodeConfig, q: { province?: string; city?: string }): AnalyticsScope {
  const self = config.node.code;
  const outside = (code: string): never => {
    throw new DomainException(ErrorCode.Forbidden, `${code} is outside the scope of node ${self}`);
  };
  let province = q.province ?? null;
  let city = q.city ?? null;
  if (config.tier === 'province') province ??= self;
  if (config.tier === 'city') {
    city ??= self;
    province ??= provinceCodeOf(self);
  }
  if (province && config.tier !== 'hq' && province !== provinceCodeOf(self)) outside(province);
  if (city && config.tier === 'city' && city !== self) outside(city);
  if (city && province && provinceCodeOf(city) !== province) {
    throw DomainException.badRequest(`city ${city} is not in province ${province}`, [{ field: 'city', problem: 'not in the province' }]);
  }
  if (city) province ??= provinceCodeOf(city);
  const pattern = city ? city : province ? `${province.slice(0, 2)}%` : '%';
  return { province, city, pattern };
}

/** Cities of the scope that the topology knows under this node. */
export function expectedCitiesOf(config: NodeConfig, scope: AnalyticsScope): string[] {
  return config.topology.nodes
    .filter((n) => n.tier === 'city' && (n.code === config.node.code || isWithinDivision(n.code, config.node.code)))
    .filter((n) => (scope.city ? n.code === scope.city : scope.province ? provinceCodeOf(n.code) === scope.province : true))
    .map((n) => n.code);
}
