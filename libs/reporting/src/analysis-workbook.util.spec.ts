import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ABOUT_SHEET_NAME, DATA_SHEET_NAME, writeAnalysisWorkbook } from './analysis-workbook.util';
import { sampleAnalysis } from './sample-analysis.fixture';

async function workbookOf(write: (out: PassThrough) => Promise<void>): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const ended = new Promise((r) => out.on('end', r));
  await write(out);
  await ended;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook;
}

describe('writeAnalysisWorkbook', () => {
  const generatedAt = new Date('2026-12-01T02:03:04.000Z');

  it('writes a data sheet with Chinese and English header rows, yuan, rates and a frozen header', async () => {
    const wb = await workbookOf((out) => writeAnalysisWorkbook(sampleAnalysis(), out, { generatedAt }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([DATA_SHEET_NAME, ABOUT_SHEET_NAME]);
    const ws = wb.getWorksheet(DATA_SHEET_NAME)!;
    const values = (r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['城市', '客戶數', '新增客戶', '收入（元）', '流失率（%）']);
    expect(values(2)).toEqual(['City', 'Customers', 'New customers', 'Revenue (CNY)', 'Churn rate (%)']);
    expect(values(3)).toEqual(['廣州', 1520, 37, 12345.67, 0.125]);
    expect(values(4)).toEqual(['深圳', 980, 21, 888, 0.0625]);
    expect(ws.rowCount).toBe(4);
    const fmt = (col: number): string | undefined => ws.getRow(3).getCell(col).numFmt;
    expect([fmt(2), fmt(4), fmt(5)]).toEqual(['#,##0', '#,##0.00', '0.00%']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
  });

  it('writes an about sheet with title, scope, as-of, generated-at and sources', async () => {
    const wb = await workbookOf((out) => writeAnalysisWorkbook(sampleAnalysis(), out, { generatedAt }));
    const about = wb.getWorksheet(ABOUT_SHEET_NAME)!;
    const pairs = Object.fromEntries(
      Array.from({ length: about.rowCount }, (_, i) => (about.getRow(i + 1).values as unknown[]).slice(1)).map(([k, v]) => [k, v]),
    );
    expect(pairs).toMatchObject({
      '標題 Title': '各市客戶與收入 Customers and revenue by city',
      '範圍 Scope': '節點 Node 440000 · 省 Province 440000',
      '截至 As of': '2026-11-30',
      '生成時間 Generated at': '2026-12-01T02:03:04.000Z',
      '行數 Rows': 2,
      '缺數城市 Missing cities': '440400',
    });
    expect(pairs['來源 Source 廣州 (440100)']).toContain('版本 version 17');
  });

  it('writes headers only for an empty table and defuses formula-looking text', async () => {
    const t = sampleAnalysis({ rows: [{ city: '=HYPERLINK("http://evil")', customers: null, newCustomers: null, revenueFen: null, churnRate: null }], asOf: { period: null } });
    const wb = await workbookOf((out) => writeAnalysisWorkbook(t, out, { generatedAt }));
    const ws = wb.getWorksheet(DATA_SHEET_NAME)!;
    expect(ws.getRow(3).getCell(1).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(ws.getRow(3).getCell(2).value).toBeNull();
    const empty = await workbookOf((out) => writeAnalysisWorkbook(sampleAnalysis({ rows: [] }), out, { generatedAt }));
    expect(empty.getWorksheet(DATA_SHEET_NAME)!.rowCount).toBe(2);
  });
});
