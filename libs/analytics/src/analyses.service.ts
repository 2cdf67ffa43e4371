import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { FACT_SETS, FactSetDefinition, firstOfMonth, isValidDay, todayIn } from '@crm/federation';
import { AnalysisColumn, AnalysisRow, AnalysisSource, AnalysisTable } from '@crm/reporting';
import { AnalyticsScope, expectedCitiesOf, resolveAnalyticsScope } from './analytics-scope';
import { CHANNEL_LABELS, SEGMENT_LABELS } from './segment-labels.constants';
import { ANALYSES, ANALYSIS_BY_NAME, AnalysisContext, AnalysisDefinition, ComputedRow, FactReader, FactSumOptions, GROUP_LABELS, ScopeLevel, SumRow } from './analysis-catalogue';
import { addMonths, change, Comparison, comparisonPeriod } from './analysis-derivation.util';

export interface AnalysisQuery {
  period?: string;
  compare?: Comparison;
  province?: string;
  city?: string;
  groupBy?: string;
  /** Pareto top share in percent (1..99), default 20. */
  top?: number;
}

/** A source of the freshness stamp: one origin city × one fact set. */
export interface AnalysisFreshness extends AnalysisSource {
  factSet: string;
  /** Slices of that fact set in the period (days of a day fact set). */
  slices: number;
}

/** The JSON answer: the table (rendered as it is by svg / xlsx) plus what produced it. */
export interface AnalysisAnswer extends AnalysisTable {
  analysis: string;
  period: string;
  previousPeriod: string | null;
  compare: Comparison | null;
  groupBy: string;
  factSets: string[];
  /** The scope's totals (null for analyses without a total, e.g. product pairs). */
  totals: AnalysisRow | null;
  previousTotals: AnalysisRow | null;
}

export interface AnalysisListItem {
  name: string;
  titleZh: string;
  titleEn: string;
  question: string;
  factSets: string[];
  charts: string[];
  groupBys: string[];
  measures: { key: string; labelZh: string; labelEn: string; unit?: string }[];
}

const RELATIONAL_GROUPS: Record<string, string> = { province: `substr(f.origin_node, 1, 2) || '0000'`, city: 'f.origin_node', total: `'*'` };

const badRequest = (field: string, problem: string, message: string): DomainException => DomainException.badRequest(message, [{ field, problem }]);

/**
 * Answers the analyses (分析) of `analysis-catalogue.ts` for this node's scope from the facts this
 * node holds — HQ for the nation (drill-down province / city), a province for itself and its
 * cities, a city for itself — never by calling another node. Rates and averages come from sums.
 */
@Injectable()
export class AnalysesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  list(): AnalysisListItem[] {
    return ANALYSES.map((a) => ({
      name: a.name,
      titleZh: a.titleZh,
      titleEn: a.titleEn,
      question: a.question,
      factSets: a.factSets.map((f) => f.name),
      charts: [...a.charts],
      groupBys: [...a.groupBys],
      measures: a.measures.map(({ key, labelZh, labelEn, unit }) => ({ key, labelZh, labelEn, unit })),
    }));
  }

  definition(name: string): AnalysisDefinition {
    const def = ANALYSIS_BY_NAME.get(name);
    if (!def) throw badRequest('name', `must be one of: ${ANALYSES.map((a) => a.name).join(', ')}`, `Unknown analysis ${name}`);
    return def;
  }

  async analyse(name: string, q: AnalysisQuery): Promise<AnalysisAnswer> {
    const def = this.definition(name);
    const scope = resolveAnalyticsScope(this.config, q);
    const level: ScopeLevel = scope.city ? 'city' : scope.province ? 'province' : 'nation';
    const groupBy = q.groupBy ?? def.defaultGroupBy(level);
    if (!def.groupBys.includes(groupBy)) throw badRequest('groupBy', `must be one of: ${def.groupBys.join(', ')}`, `groupBy ${groupBy} is not offered by ${def.name}`);
    const factSets = def.factSets;
    const period = q.period !== undefined ? this.month(q.period) : await this.latestMonth(factSets[0], scope);
    const compare = q.compare ?? (def.needsComparison ? 'mom' : null);
    const previousPeriod = compare ? comparisonPeriod(period, compare) : null;
    const ctx = (p: string): AnalysisContext => ({
      period: p,
      previousPeriod: p === period ? previousPeriod : null,
      compare,
      level,
      top: (q.top ?? 20) / 100,
      facts: this.reader(scope, p),
    });

    const rows = await def.compute(ctx(period), groupBy);
    const totals = def.totals === false ? null : ((await def.compute(ctx(period), 'total'))[0] ?? this.emptyRow(def));
    const comparing = !!previousPeriod && def.comparable !== false;
    const prevRows = comparing ? await def.compute(ctx(previousPeriod), groupBy) : [];
    const prevTotals = comparing && def.totals !== false ? ((await def.compute(ctx(previousPeriod), 'total'))[0] ?? this.emptyRow(def)) : null;

    const columns: AnalysisColumn[] = [
      { key: 'name', labelZh: GROUP_LABELS[groupBy]?.[0] ?? groupBy, labelEn: GROUP_LABELS[groupBy]?.[1] ?? groupBy, kind: 'dimension' },
      { key: 'code', labelZh: '代碼', labelEn: 'Code', kind: 'dimension' },
    ];
    for (const m of def.measures) {
      columns.push(m);
      if (comparing) {
        columns.push({ ...m, key: `${m.key}_prev`, labelZh: `${m.labelZh}（${compare === 'mom' ? '上月' : '去年同期'}）`, labelEn: `${m.labelEn} (${compare === 'mom' ? 'previous month' : 'same month last year'})` });
        columns.push({ ...m, key: `${m.key}_change`, labelZh: `${m.labelZh}（${compare === 'mom' ? '環比' : '同比'}變化）`, labelEn: `${m.labelEn} (change ${compare === 'mom' ? 'MoM' : 'YoY'})` });
      }
    }
    const prevByCode = new Map(prevRows.map((r) => [r.code, r]));
    const codes = [...rows.map((r) => r.code), ...prevRows.filter((r) => !rows.some((c) => c.code === r.code)).map((r) => r.code)];
    const rowByCode = new Map(rows.map((r) => [r.code, r]));
    const out: AnalysisRow[] = codes.map((code) => this.row(def, groupBy, code, rowByCode.get(code), comparing ? (prevByCode.get(code) ?? null) : undefined));

    const { sources, missing } = await this.freshness(factSets, scope, period);
    return {
      analysis: def.name,
      titleZh: def.titleZh,
      titleEn: def.titleEn,
      period: period.slice(0, 7),
      previousPeriod: previousPeriod?.slice(0, 7) ?? null,
      compare,
      groupBy,
      factSets: factSets.map((f) => f.name),
      columns,
      rows: out,
      totals: totals ? this.row(def, 'total', '*', totals, comparing ? prevTotals : undefined) : null,
      previousTotals: prevTotals ? this.row(def, 'total', '*', prevTotals) : null,
      asOf: { period: period.slice(0, 7), sources, missing },
      scope: { node: this.config.node.code, province: scope.province, city: scope.city, label: this.scopeLabel(scope) },
    };
  }

  /** One table row: name, code, the measures and, when comparing, `_prev` and `_change`. */
  private row(def: AnalysisDefinition, groupBy: string, code: string, cur: ComputedRow | undefined, prev?: ComputedRow | null): AnalysisRow {
    const row: AnalysisRow = { name: this.label(groupBy, code), code };
    for (const m of def.measures) {
      const c = (cur?.[m.key] ?? null) as number | null;
      row[m.key] = cur ? c : null;
      if (prev !== undefined) {
        const p = (prev?.[m.key] ?? null) as number | null;
        row[`${m.key}_prev`] = p;
        row[`${m.key}_change`] = change(c, p);
      }
    }
    return row;
  }

  private emptyRow(def: AnalysisDefinition): ComputedRow {
    return { code: '*', ...Object.fromEntries(def.measures.map((m) => [m.key, m.unit === 'rate' ? null : 0])) } as ComputedRow;
  }

  private label(groupBy: string, code: string): string {
    if (groupBy === 'total') return '合計 Total';
    if (code === '' || code === null) return '（無） none';
    if (groupBy === 'province' || groupBy === 'city' || groupBy === 'district') return this.config.topology.nameOf(code);
    if (groupBy === 'segment') return SEGMENT_LABELS[code] ?? code;
    if (groupBy === 'channel') return CHANNEL_LABELS[code] ?? code;
    if (groupBy === 'business_hall' && code === 'none') return '（無） none';
    if (groupBy === 'pair') return code.split('|').join(' × ');
    return code;
  }

  private scopeLabel(scope: AnalyticsScope): string {
    if (scope.city) return this.config.topology.nameOf(scope.city);
    if (scope.province) return this.config.topology.nameOf(scope.province);
    return this.config.topology.nameOf(this.config.node.code);
  }

  private month(raw: string): string {
    const day = raw.length === 7 ? `${raw}-01` : raw;
    if (!isValidDay(day) || !day.endsWith('-01')) throw badRequest('period', 'not a month', 'period must be a month (YYYY-MM or its first day)');
    return day;
  }

  /** Latest month with facts of the analysis' first fact set in scope; the current month when none. */
  private async latestMonth(def: FactSetDefinition, scope: AnalyticsScope): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT max(period)::text AS d FROM fact_slice WHERE metric_set = $1 AND origin_node LIKE $2 AND version > 0`, [def.name, scope.pattern]);
    const today = todayIn(this.config.timezone);
    return firstOfMonth(row?.d ?? today);
  }

  /** The sums an analysis may read: this node's `fact` rows of the scope and one month. */
  private reader(scope: AnalyticsScope, period: string): FactReader {
    const groupExpr = (def: FactSetDefinition, g: string): string => {
      if (RELATIONAL_GROUPS[g]) return RELATIONAL_GROUPS[g];
      if (!def.dimensions.includes(g)) throw new Error(`analysis: ${def.name} has no dimension ${g}`);
      return `f.dims->>'${g}'`;
    };
    const where = (def: FactSetDefinition, options: FactSumOptions | undefined) => {
      const month = options?.period ?? period;
      const params: unknown[] = [def.name, def.periodType, scope.pattern, month, addMonths(month, 1)];
      let sql = `f.metric_set = $1 AND f.period_type = $2 AND f.origin_node LIKE $3 AND f.period >= $4::date AND f.period < $5::date`;
      for (const [dim, value] of Object.entries(options?.filters ?? {})) {
        if (!def.dimensions.includes(dim)) throw new Error(`analysis: ${def.name} has no dimension ${dim}`);
        params.push(value);
        sql += ` AND f.dims->>'${dim}' = $${params.length}`;
      }
      return { sql, params };
    };
    const toRows = (rows: Record<string, string>[], by: number, measures: readonly string[]): SumRow[] =>
      rows.map((r) => ({ by: Array.from({ length: by }, (_, i) => r[`k${i}`]), m: Object.fromEntries(measures.map((m) => [m, Number(r[m] ?? 0)])) }));

    return {
      sums: async (def, by, options) => {
        const keys = by.map((g, i) => `${groupExpr(def, g)} AS k${i}`).join(', ');
        const sums = def.measures.map((m) => `coalesce(sum((f.measures->>'${m}')::bigint), 0)::text AS "${m}"`).join(', ');
        const w = where(def, options);
        const rows = await this.dataSource.query(
          `SELECT ${keys}, ${sums} FROM fact f WHERE ${w.sql} GROUP BY ${by.map((_, i) => i + 1).join(', ')} ORDER BY ${by.map((_, i) => i + 1).join(', ')}`,
          w.params,
        );
        return toRows(rows, by.length, def.measures);
      },
    };
  }

  /**
   * Freshness stamp: per origin city and fact set, the newest slice version of the month used and
   * when it was produced / stored; `missing` = cities of the scope with no slice of any of the
   * analysis' fact sets for the month.
   */
  private async freshness(factSets: FactSetDefinition[], scope: AnalyticsScope, period: string): Promise<{ sources: AnalysisFreshness[]; missing: string[] }> {
    const rows: { origin_node: string; metric_set: string; version: string; produced_at: Date | null; updated_at: Date; slices: string }[] = await this.dataSource.query(
      `SELECT origin_node, metric_set, max(version)::text AS version, max(produced_at) AS produced_at, max(updated_at) AS updated_at, count(*)::text AS slices
       FROM fact_slice
       WHERE metric_set = ANY($1) AND origin_node LIKE $2 AND period >= $3::date AND period < $4::date AND version > 0
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [factSets.map((f) => f.name), scope.pattern, period, addMonths(period, 1)],
    );
    const sources: AnalysisFreshness[] = rows.map((r) => ({
      originNode: r.origin_node,
      name: `${this.config.topology.nameOf(r.origin_node)} · ${r.metric_set}`,
      factSet: r.metric_set,
      version: r.version,
      slices: Number(r.slices),
      producedAt: r.produced_at ? new Date(r.produced_at).toISOString() : null,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
    const present = new Set(rows.map((r) => r.origin_node));
    return { sources, missing: expectedCitiesOf(this.config, scope).filter((c) => !present.has(c)) };
  }
}
