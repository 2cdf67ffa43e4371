import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { AnalyticsScope, expectedCitiesOf, resolveAnalyticsScope } from './analytics-scope';
import { addDays, FACT_SETS, isValidDay } from '@crm/federation';
import { CustomerAnalyticsDto, CustomerMeasuresDto } from './dto/customer-analytics.dto';
import { CustomerAnalyticsQueryDto, CustomerGrouping } from './dto/customer-analytics-query.dto';
import { SEGMENT_LABELS } from './segment-labels.constants';

const METRIC = FACT_SETS.customersBySegmentDistrict.name;

const GROUP_EXPRESSIONS: Record<CustomerGrouping, string> = {
  province: `substr(f.origin_node, 1, 2) || '0000'`,
  city: 'f.origin_node',
  segment: `f.dims->>'segment'`,
  district: `f.dims->>'district'`,
};

const SUMS = `coalesce(sum((f.measures->>'customers')::bigint), 0) AS customers,
  coalesce(sum((f.measures->>'new_customers')::bigint), 0) AS new_customers,
  coalesce(sum((f.measures->>'lost_customers')::bigint), 0) AS lost_customers`;

interface SumRow {
  customers: string;
  new_customers: string;
  lost_customers: string;
}

const measures = (r?: SumRow): CustomerMeasuresDto => ({
  customers: Number(r?.customers ?? 0),
  newCustomers: Number(r?.new_customers ?? 0),
  lostCustomers: Number(r?.lost_customers ?? 0),
});

/**
 * Customer counts for this node's scope, from the facts it holds (never by calling a child):
 * HQ for the nation, drillable to province and city; a province for itself; a city for itself.
 */
@Injectable()
export class CustomerAnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async customers(q: CustomerAnalyticsQueryDto): Promise<CustomerAnalyticsDto> {
    const scope = this.scope(q);
    const groupBy = q.groupBy ?? (scope.city ? 'district' : scope.province ? 'city' : 'province');
    if (q.date && !isValidDay(q.date)) throw DomainException.badRequest('date is not a calendar date', [{ field: 'date', problem: 'invalid date' }]);
    const where = `f.metric_set = $1 AND f.period_type = 'day' AND f.origin_node LIKE $2`;
    const params = [METRIC, scope.pattern];
    const date: string | null =
      q.date ?? (await this.dataSource.query(`SELECT max(f.period)::text AS d FROM fact f WHERE ${where}`, params))[0]?.d ?? null;
    const expectedCities = expectedCitiesOf(this.config, scope);
    const base = { node: this.config.node.code, province: scope.province, city: scope.city, date, groupBy };
    if (!date) return { ...base, totals: measures(), previousDay: null, breakdown: [], freshness: [], missing: expectedCities };

    const [totals] = await this.dataSource.query(`SELECT ${SUMS} FROM fact f WHERE ${where} AND f.period = $3`, [...params, date]);
    const [previous] = await this.dataSource.query(`SELECT count(*) AS n, ${SUMS} FROM fact f WHERE ${where} AND f.period = $3`, [...params, addDays(date, -1)]);
    const rows: (SumRow & { key: string })[] = await this.dataSource.query(
      `SELECT ${GROUP_EXPRESSIONS[groupBy]} AS key, ${SUMS} FROM fact f WHERE ${where} AND f.period = $3 GROUP BY 1 ORDER BY 2 DESC, 1`,
      [...params, date],
    );
    const slices: { origin_node: string; version: string; produced_at: Date | null; updated_at: Date }[] = await this.dataSource.query(
      `SELECT origin_node, version::text AS version, produced_at, updated_at FROM fact_slice
       WHERE metric_set = $1 AND period_type = 'day' AND origin_node LIKE $2 AND period = $3 AND version > 0 ORDER BY origin_node`,
      [...params, date],
    );
    const present = new Set(slices.map((s) => s.origin_node));
    return {
      ...base,
      totals: measures(totals),
      previousDay: Number(previous?.n ?? 0) > 0 ? measures(previous) : null,
      breakdown: rows.map((r) => ({ key: r.key, name: this.label(groupBy, r.key), ...measures(r) })),
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

  private label(groupBy: CustomerGrouping, key: string): string {
    if (groupBy === 'segment') return SEGMENT_LABELS[key] ?? key;
    if (groupBy === 'district') return key;
    return this.config.topology.nameOf(key);
  }

  private scope(q: CustomerAnalyticsQueryDto): AnalyticsScope {
    return resolveAnalyticsScope(this.config, q);
  }
}
