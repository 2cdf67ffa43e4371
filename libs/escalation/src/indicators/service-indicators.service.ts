import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isWithinDivision, NODE_CONFIG, NodeConfig } from '@crm/config';
import { DirectiveService } from '@crm/directives';
import { DomainException } from '@crm/errors';
import { FACT_SETS } from '@crm/federation';
import { CityServiceIndicatorsDto, IndicatorFigureDto, RolledUpServiceIndicatorsDto } from '../dto/service-indicators.dto';
import { measureServiceIndicators } from './service-indicators.measure';
import { directiveVersionDim, referenceDay, SERVICE_INDICATORS_KEY } from './service-indicators.producer';
import { INDICATOR_BY_NAME, indicatorFigure, INDICATORS, monthBounds, toMilli } from './service-indicators.util';

/**
 * 服務指標 measured against directives: a city measures its month live against the
 * `service_indicators` directive version in force; a province or HQ answers from the
 * `service_indicators` facts its cities published, per city and in total (ratios of sums).
 */
@Injectable()
export class ServiceIndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directives: DirectiveService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  answer(period: string, key?: string): Promise<CityServiceIndicatorsDto | RolledUpServiceIndicatorsDto> {
    if (!monthBounds(period)) throw DomainException.badRequest('period must be a month (YYYY-MM)', [{ field: 'period', problem: 'not a month' }]);
    return this.config.tier === 'city' ? this.city(period, key ?? SERVICE_INDICATORS_KEY) : this.rolledUp(period);
  }

  private async city(period: string, key: string): Promise<CityServiceIndicatorsDto> {
    const first = `${period}-01`;
    const day = referenceDay(first, this.config.timezone);
    const directive = await this.directives.inForceOn(key, day);
    const base = { node: this.config.node.code, period, key, referenceDay: day };
    if (!directive || directive.kind !== 'service_indicators') {
      return { ...base, directiveOrigin: null, directiveVersion: null, directiveTitle: null, indicators: [] };
    }
    const counts = await measureServiceIndicators(this.dataSource.manager, first, this.config.timezone);
    const indicators = INDICATORS.filter((d) => typeof directive.content[d.name] === 'number').map((d) =>
      indicatorFigure(d, counts[d.name].numerator, counts[d.name].denominator, toMilli(directive.content[d.name] as number)),
    );
    return {
      ...base, directiveOrigin: directive.originNode, directiveVersion: directive.version, directiveTitle: directive.title,
      indicators: indicators.map((f) => ({ ...f, directiveVersions: [directiveVersionDim(directive)] })),
    };
  }

  private async rolledUp(period: string): Promise<RolledUpServiceIndicatorsDto> {
    const me = this.config.node.code;
    const pattern = this.config.tier === 'hq' ? '%' : `${me.slice(0, 2)}%`;
    const rows: { origin_node: string; indicator: string; directive_version: string; numerator: string; denominator: string; target_milli: string; met: string }[] =
      await this.dataSource.query(
        `SELECT f.origin_node, f.dims->>'indicator' AS indicator, f.dims->>'directive_version' AS directive_version,
                (f.measures->>'numerator')::bigint::text AS numerator, (f.measures->>'denominator')::bigint::text AS denominator,
                (f.measures->>'target_milli')::bigint::text AS target_milli, (f.measures->>'met')::bigint::text AS met
         FROM fact f
         WHERE f.metric_set = $1 AND f.period_type = 'month' AND f.period = $2::date AND f.origin_node LIKE $3
         ORDER BY f.origin_node, f.dims->>'indicator'`,
        [FACT_SETS.serviceIndicators.name, `${period}-01`, pattern],
      );
    const byCity = new Map<string, IndicatorFigureDto[]>();
    const totals = new Map<string, { n: number; d: number; targets: Set<number>; met: number; cities: number; versions: Set<string> }>();
    for (const r of rows) {
      const def = INDICATOR_BY_NAME.get(r.indicator);
      if (!def) continue;
      const [n, d, t, met] = [Number(r.numerator), Number(r.denominator), Number(r.target_milli), Number(r.met)];
      const list = byCity.get(r.origin_node) ?? [];
      list.push({ ...indicatorFigure(def, n, d, t), directiveVersions: [r.directive_version] });
      byCity.set(r.origin_node, list);
      const tot = totals.get(r.indicator) ?? { n: 0, d: 0, targets: new Set<number>(), met: 0, cities: 0, versions: new Set<string>() };
      tot.n += n;
      tot.d += d;
      tot.targets.add(t);
      tot.met += met;
      tot.cities += 1;
      tot.versions.add(r.directive_version);
      totals.set(r.indicator, tot);
    }
    const expected = this.config.topology.nodes
      .filter((n) => n.tier === 'city' && isWithinDivision(n.code, me))
      .map((n) => n.code)
      .sort();
    return {
      node: me,
      period,
      cities: [...byCity.entries()].map(([code, indicators]) => ({ node: code, name: this.config.topology.nameOf(code), indicators })),
      total: INDICATORS.filter((d) => totals.has(d.name)).map((d) => {
        const t = totals.get(d.name)!;
        const target = t.targets.size === 1 ? [...t.targets][0] : null;
        return { ...indicatorFigure(d, t.n, t.d, target), citiesMet: t.met, cities: t.cities, directiveVersions: [...t.versions].sort() };
      }),
      missing: expected.filter((c) => !byCity.has(c)),
    };
  }
}
