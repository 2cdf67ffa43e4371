import { SaxesParser } from 'saxes';
import { DomainException, ErrorCode } from '@crm/errors';
import { AnalysisTable } from './analysis-table.types';
import { ChartOptions, renderChartSvg } from './chart-svg.util';
import { sampleAnalysis } from './sample-analysis.fixture';

/** Parses with a conformant XML parser (throws on anything not well-formed); returns the root and every text node. */
function parseSvg(svg: string): { root: string; attrs: Record<string, string>; texts: string[] } {
  const parser = new SaxesParser();
  const texts: string[] = [];
  let root = '';
  let attrs: Record<string, string> = {};
  parser.on('opentag', (tag) => {
    if (!root) {
      root = tag.name;
      attrs = tag.attributes as Record<string, string>;
    }
  });
  parser.on('text', (t) => texts.push(t));
  parser.write(svg).close();
  return { root, attrs, texts };
}

function expectBadRequest(fn: () => unknown, field: string): void {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(DomainException);
  expect((error as DomainException).code).toBe(ErrorCode.BadRequest);
  expect((error as DomainException).details?.[0]?.field).toBe(field);
}

describe('renderChartSvg', () => {
  it('renders a well-formed SVG with the Chinese title, categories, series names and values', () => {
    const svg = renderChartSvg(sampleAnalysis(), { type: 'bar', x: 'city', series: ['customers', 'newCustomers'], width: 640, height: 360 });
    const { root, attrs, texts } = parseSvg(svg);
    expect(root).toBe('svg');
    expect([attrs.width, attrs.height]).toEqual(['640', '360']);
    expect(texts).toEqual(expect.arrayContaining(['各市客戶與收入 Customers and revenue by city', '截至 As of 2026-11-30', '廣州', '深圳']));
    expect(texts).toEqual(expect.arrayContaining(['客戶數 Customers', '新增客戶 New customers'])); // legend
    expect(texts).toEqual(expect.arrayContaining(['1520', '980', '37', '21'])); // value labels
  });

  it.each<[ChartOptions['type'], string[]]>([
    ['line', ['customers', 'newCustomers']],
    ['bar', ['customers']],
    ['stacked', ['customers', 'newCustomers']],
    ['pie', ['customers']],
  ])('renders a %s chart', (type, series) => {
    const svg = renderChartSvg(sampleAnalysis(), { type, x: 'city', series });
    const { texts } = parseSvg(svg);
    expect(texts).toContain('各市客戶與收入 Customers and revenue by city');
    if (type === 'pie') expect(texts).toEqual(expect.arrayContaining(['廣州: 1520 (60.8%)', '深圳: 980 (39.2%)']));
    else expect(texts).toEqual(expect.arrayContaining(['廣州', '深圳', '1520', '980']));
    if (type === 'line') expect(svg).toMatch(/<path d="M[^"]*L/); // a polyline
  });

  it('shows money in yuan and rates in percent', () => {
    const { texts } = parseSvg(renderChartSvg(sampleAnalysis(), { type: 'bar', x: 'city', series: ['revenueFen', 'churnRate'] }));
    expect(texts).toEqual(expect.arrayContaining(['12345.67', '888', '12.5', '6.25', '收入（元） Revenue (CNY)', '流失率（%） Churn rate (%)']));
  });

  it('escapes markup in labels and keeps the text intact', () => {
    const table: AnalysisTable = sampleAnalysis({ titleZh: '<script>alert(1)</script> & "報表"', rows: [{ city: 'A&B <i>', customers: 1, newCustomers: 0, revenueFen: 0, churnRate: 0 }] });
    const svg = renderChartSvg(table, { type: 'bar', x: 'city', series: ['customers'] });
    expect(svg).not.toContain('<script>');
    const { texts } = parseSvg(svg);
    expect(texts).toEqual(expect.arrayContaining(['<script>alert(1)</script> & "報表" Customers and revenue by city', 'A&B <i>']));
  });

  it('renders an empty table (no facts yet) without failing', () => {
    const { texts } = parseSvg(renderChartSvg(sampleAnalysis({ rows: [], asOf: { period: null } }), { type: 'line', x: 'city', series: ['customers'] }));
    expect(texts).toContain('暫無數據 No data yet');
  });

  it('refuses options that do not fit the table with a 400 naming the field', () => {
    const t = sampleAnalysis();
    expectBadRequest(() => renderChartSvg(t, { type: 'bar', x: 'nope', series: ['customers'] }), 'x');
    expectBadRequest(() => renderChartSvg(t, { type: 'bar', x: 'customers', series: ['customers'] }), 'x'); // a measure on the category axis
    expectBadRequest(() => renderChartSvg(t, { type: 'bar', x: 'city', series: ['customers', 'nope'] }), 'series');
    expectBadRequest(() => renderChartSvg(t, { type: 'bar', x: 'city', series: ['city'] }), 'series');
    expectBadRequest(() => renderChartSvg(t, { type: 'bar', x: 'city', series: [] }), 'series');
    expectBadRequest(() => renderChartSvg(t, { type: 'pie', x: 'city', series: ['customers', 'newCustomers'] }), 'series');
    expectBadRequest(() => renderChartSvg(t, { type: 'area' as 'bar', x: 'city', series: ['customers'] }), 'chart');
    expectBadRequest(() => renderChartSvg(t, { type: 'bar', x: 'city', series: ['customers'], width: 99999 }), 'width');
    try {
      renderChartSvg(t, { type: 'bar', x: 'nope', series: ['customers'] });
    } catch (err) {
      expect((err as DomainException).details?.[0]?.problem).toBe('must be one of: city');
    }
  });

  it('rejects a malformed table as a programming error', () => {
    const t = sampleAnalysis({ rows: [{ city: '廣州', customers: 'many' }] });
    expect(() => renderChartSvg(t, { type: 'bar', x: 'city', series: ['customers'] })).toThrow('row 0 column "customers" is a measure');
  });
});
