import * as echarts from 'echarts';
import { DomainException } from '@crm/errors';
import { AnalysisColumn, AnalysisTable } from './analysis-table.types';
import { assertAnalysisTable, bilingualLabel, columnOf } from './analysis-table.util';

export const CHART_TYPES = ['line', 'bar', 'pie', 'stacked'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface ChartOptions {
  /** `stacked` is a stacked bar chart; `pie` takes exactly one series. */
  type: ChartType;
  /** Dimension column on the category axis (pie: the slice names). */
  x: string;
  /** Measure columns, one series each. */
  series: string[];
  /** Pixels; default 800 × 450, each 100..4000. */
  width?: number;
  height?: number;
  /** Default: `<titleZh> <titleEn>`. */
  title?: string;
  /** Value labels on bars/points/slices; default: on when there are at most 60 points. */
  labels?: boolean;
}

export const CHART_SIZE = { min: 100, max: 4000, width: 800, height: 450 } as const;
/** Rows × series above which a chart is refused (400): it would be unreadable and slow. */
export const MAX_CHART_POINTS = 5000;

const bad = (field: string, problem: string, message = `Invalid chart option ${field}`): DomainException =>
  DomainException.badRequest(message, [{ field, problem }]);

/** Validates chart options against a table; throws a 400 `DomainException` naming the field. */
export function resolveChartOptions(table: AnalysisTable, options: ChartOptions): Required<Omit<ChartOptions, 'labels'>> & { labels: boolean } {
  if (!(CHART_TYPES as readonly string[]).includes(options.type)) throw bad('chart', `must be one of: ${CHART_TYPES.join(', ')}`);
  columnOf(table, options.x, 'x', 'dimension');
  if (!options.series?.length) throw bad('series', 'needs at least one measure column');
  if (new Set(options.series).size !== options.series.length) throw bad('series', 'lists a column twice');
  options.series.forEach((key) => columnOf(table, key, 'series', 'measure'));
  if (options.type === 'pie' && options.series.length !== 1) throw bad('series', 'a pie chart takes exactly one measure');
  const size = (field: 'width' | 'height'): number => {
    const v = options[field] ?? CHART_SIZE[field];
    if (!Number.isInteger(v) || v < CHART_SIZE.min || v > CHART_SIZE.max) throw bad(field, `must be an integer from ${CHART_SIZE.min} to ${CHART_SIZE.max}`);
    return v;
  };
  const points = table.rows.length * options.series.length;
  if (points > MAX_CHART_POINTS) throw bad('series', `at most ${MAX_CHART_POINTS} points (rows × series); narrow the scope`, 'Too much data for a chart');
  return {
    type: options.type,
    x: options.x,
    series: options.series,
    width: size('width'),
    height: size('height'),
    title: options.title ?? `${table.titleZh} ${table.titleEn}`,
    labels: options.labels ?? points <= 60,
  };
}

/** Default chart of a table: bar of every measure over the first dimension (pie: first measure). */
export function defaultChartOptions(table: AnalysisTable, type: ChartType = 'bar'): ChartOptions {
  const x = table.columns.find((c) => c.kind === 'dimension')?.key ?? '';
  const measures = table.columns.filter((c) => c.kind === 'measure').map((c) => c.key);
  return { type, x, series: type === 'pie' ? measures.slice(0, 1) : measures };
}

/** Chart value: money in yuan, rates in percent (2 decimals), null stays a gap. */
function chartValue(column: AnalysisColumn, v: unknown): number | null {
  if (typeof v !== 'number') return null;
  if (column.unit === 'fen') return v / 100;
  if (column.unit === 'rate') return Math.round(v * 10_000) / 100;
  return v;
}

function axisName(columns: AnalysisColumn[]): string {
  const units = new Set(columns.map((c) => c.unit ?? 'number'));
  if (units.size !== 1) return '';
  const [unit] = units;
  return unit === 'fen' ? '元 CNY' : unit === 'rate' ? '%' : '';
}

/**
 * Renders a table as an SVG chart on the server with Apache ECharts' SSR renderer (no DOM, no
 * canvas). Text is escaped by ECharts, so Chinese and `<&"` in labels give well-formed UTF-8 XML.
 * Throws a 400 `DomainException` for bad options (unknown column, wrong kind, size out of range).
 */
export function renderChartSvg(table: AnalysisTable, options: ChartOptions): string {
  assertAnalysisTable(table);
  const o = resolveChartOptions(table, options);
  const xColumn = columnOf(table, o.x, 'x');
  const seriesColumns = o.series.map((key) => columnOf(table, key, 'series'));
  const categories = table.rows.map((r) => String(r[o.x] ?? ''));
  const subtext = table.asOf.period ? `截至 As of ${table.asOf.period}` : '暫無數據 No data yet';

  const series =
    o.type === 'pie'
      ? [
          {
            type: 'pie' as const,
            name: bilingualLabel(seriesColumns[0]),
            radius: '60%',
            center: ['50%', '55%'],
            label: { show: o.labels, formatter: '{b}: {c} ({d}%)' },
            data: table.rows.map((r, i) => ({ name: categories[i], value: chartValue(seriesColumns[0], r[seriesColumns[0].key]) })),
          },
        ]
      : seriesColumns.map((c) => ({
          type: o.type === 'line' ? ('line' as const) : ('bar' as const),
          name: bilingualLabel(c),
          stack: o.type === 'stacked' ? 'total' : undefined,
          label: { show: o.labels, position: o.type === 'stacked' ? ('inside' as const) : ('top' as const) },
          data: table.rows.map((r) => chartValue(c, r[c.key])),
        }));

  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: o.width, height: o.height });
  try {
    chart.setOption({
      animation: false,
      title: { text: o.title, subtext, left: 'center' },
      legend: { show: o.type === 'pie' || seriesColumns.length > 1, bottom: 0 },
      tooltip: { show: false },
      grid: o.type === 'pie' ? undefined : { left: 40, right: 30, top: 80, bottom: 70, containLabel: true },
      xAxis: o.type === 'pie' ? undefined : { type: 'category', name: `${xColumn.labelZh} ${xColumn.labelEn}`, nameLocation: 'middle', nameGap: 30, data: categories },
      yAxis: o.type === 'pie' ? undefined : { type: 'value', name: axisName(seriesColumns) },
      series,
    });
    return chart.renderToSVGString();
  } finally {
    // an undisposed SSR chart keeps the process alive
    chart.dispose();
  }
}
