import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { FACT_SET_BY_NAME, FACT_SETS, FactSetDefinition, isValidDay } from '@crm/federation';
import { expectedCitiesOf, resolveAnalyticsScope } from './analytics-scope';
import { FactAnalyticsDto, FactFiguresDto } from './dto/fact-analytics.dto';
import { FACT_FILTER_FIELDS, FactScopeQueryDto } from './dto/fact-analytics-query.dto';

export interface FactQuery extends FactScopeQueryDto {
  groupBy?: string;
  /** Dimension filters (dimension name → value). */
  filters?: Record<string, string | undefined>;
  /** Breakdown of a city scope when groupBy is absent (default: the first dimension). */
  cityGrouping?: string;
}

interface DerivedRatio {
  name: string;
  numerator: string;
  denominator: string;
  /** Multiplies the ratio (e.g. 0.01 for a sum carried ×100). */
  scale: number;
}

/** Ratios of sums answered with each fact set: never an average of averages. */
export const DERIVED_RATIOS: Record<string, DerivedRatio[]> = {
  [FACT_SETS.scoreBandsByKind.name]: [{ name: 'average_score', numerator: 'score_sum_centi', denominator: 'customers', scale: 0.01 }],
  [FACT_SETS.churnRiskByBand.name]: [{ name: 'average_probability', numerator: 'probability_sum_milli', denominator: 'customers', scale: 0.001 }],
  [FACT_SETS.potentialKeyAccounts.name]: [{ name: 'average_annual_billed_fen', numerator: 'annual_billed_fen_sum', denominator: 'customers', scale: 1 }],
};

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Sums of any catalogue fact set for this node's scope and one period, from the facts the node
 * holds (never by calling a child), grouped by province, city or a dimension; the same drill-down
 * rules as the customer analytics. Averages are derived from the summed measures.
 */
@Injectable()
export class FactAnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async facts(factSet: string, q: FactQuery): Promise<FactAnalyticsDto> {
    const def = FACT_SET_BY_NAME.get(factSet);
    if (!def) throw DomainException.notFound('Fact set', factSet);
    const scope = resolveAnalyticsScope(this.config, q);
    const filters: Record<string, string> = {};
    for (const [dim, value] of Object.entries(q.filters ?? {})) {
      if (value === undefined) continue;
      if (!def.dimensions.includes(dim)) throw DomainException.badRequest(`${def.name} has no dimension ${dim}`, [{ field: dim, problem: `not a dimension of ${def.name}` }]);
      filters[dim] = value;
    }
    const groupBy = q.groupBy ?? (scope.city ? (q.cityGrouping ?? def.dimensions[0]) : scope.province ? 'city' : 'province');
    if (groupBy !== 'province' && groupBy !== 'city' && !def.dimensions.includes(groupBy)) {
      throw DomainException.badRequest(`groupBy must be province, city or one of ${def.dimensions.join(', ')}`, [{ field: 'groupBy', problem: 'unknown grouping' }]);
    }
    const period = q.period === undefined ? undefined : this.period(def, q.period);

    const params: unknown[] = [def.name, def.periodType, scope.pattern];
    let where = `f.metric_set = $1 AND f.period_type = $2 AND f.origin_node LIKE $3`;
    for (const [dim, value] of Object.entries(filters)) {
      params.push(dim, value);
      where += ` AND f.dims->>$${params.length - 1} = $${params.length}`;
    }
    const resolved: string | null =
      period ?? (await this.dataSource.query(`SELECT max(f.period)::text AS d FROM fact f WHERE ${where}`, params))[0]?.d ?? null;
    const expectedCities = expectedCitiesOf(this.config, scope);
    const base = { node: this.config.node.code, factSet: def.name, periodType: def.periodType, province: scope.province, city: scope.city, period: resolved, groupBy, filters };
    if (!resolved) return { ...base, totals: this.figures(def, {}), breakdown: [], freshness: [], missing: expectedCities };

    const sums = def.measures.map((m) => `coalesce(sum((f.measures->>'${m}')::bigint), 0)::text AS "${m}"`).join(', ');
    const groupExpr = groupBy === 'province' ? `substr(f.origin_node, 1, 2) || '0000'` : groupBy === 'city' ? 'f.origin_node' : `f.dims->>'${groupBy}'`;
    const withPeriod = [...params, resolved];
    const p = `$${withPeriod.length}`;
    const [totals] = await this.dataSource.query(`SELECT ${sums} FROM fact f WHERE ${where} AND f.period = ${p}`, withPeriod);
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT ${groupExpr} AS key, ${sums} FROM fact f WHERE ${where} AND f.period = ${p} GROUP BY 1 ORDER BY 1`,
      withPeriod,
    );
    const slices: { origin_node: string; version: string; produced_at: Date | null; updated_at: Date }[] = await this.dataSource.query(
      `SELECT origin_node, version::text AS version, produced_at, updated_at FROM fact_slice
       WHERE metric_set = $1 AND period_type = $2 AND origin_node LIKE $3 AND period = $4 AND version > 0 ORDER BY origin_node`,
      [def.name, def.periodType, scope.pattern, resolved],
    );
    const present = new Set(slices.map((s) => s.origin_node));
    return {
      ...base,
      totals: this.figures(def, totals ?? {}),
      breakdown: rows.map((r) => ({ key: r.key, name: groupBy === 'province' || groupBy === 'city' ? this.config.topology.nameOf(r.key) : r.key, ...this.figures(def, r) })),
      freshness: slices.map((s) => ({
        originNode: s.origin_node,
        name: this.config.topology.nameOf(s.origin_node),
        version: s.version,
        producedAt: s.produced_at ? new Date(s.produced_at).toISOString() : null,
        updatedAt: new Date(s.updated_at).toISOString(),
      })),
      missing: expectedCities.filter((c) => !present.has(c)),
    };
  }

  /** Query dimension filters picked from the route's query fields. */
  static filtersOf(q: Partial<Record<(typeof FACT_FILTER_FIELDS)[number], string>>): Record<string, string | undefined> {
    return Object.fromEntries(FACT_FILTER_FIELDS.filter((f) => q[f] !== undefined).map((f) => [f, q[f]]));
  }

  private figures(def: FactSetDefinition, row: Record<string, string>): FactFiguresDto {
    const measures = Object.fromEntries(def.measures.map((m) => [m, Number(row[m] ?? 0)]));
    const derived = Object.fromEntries(
      (DERIVED_RATIOS[def.name] ?? []).map((d) => [d.name, measures[d.denominator] > 0 ? round((measures[d.numerator] / measures[d.denominator]) * d.scale, 4) : null]),
    );
    return { measures, derived };
  }

  private period(def: FactSetDefinition, raw: string): string {
    if (def.periodType === 'month') {
      const day = raw.length === 7 ? `${raw}-01` : raw;
      if (!isValidDay(day) || !day.endsWith('-01')) throw DomainException.badRequest('period must be a month (YYYY-MM or its first day)', [{ field: 'period', problem: 'not a month' }]);
      return day;
    }
    if (raw.length === 7 || !isValidDay(raw)) throw DomainException.badRequest('period must be a calendar date (YYYY-MM-DD)', [{ field: 'period', problem: 'not a calendar date' }]);
    return raw;
  }
}
