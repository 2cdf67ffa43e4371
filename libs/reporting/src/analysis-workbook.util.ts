import type { Writable } from 'node:stream';
import { ExportColumn, ExportSheet, writeXlsxExport } from '@crm/export';
import { AnalysisRow, AnalysisTable, AnalysisUnit } from './analysis-table.types';
import { assertAnalysisTable, displayValue, unitSuffix } from './analysis-table.util';

/** XLSX number format of each measure unit (money is written in yuan, rates as fractions). */
export const UNIT_NUM_FMT: Record<AnalysisUnit, string> = {
  count: '#,##0',
  fen: '#,##0.00',
  rate: '0.00%',
  number: 'General',
};

export const DATA_SHEET_NAME = '數據 Data';
export const ABOUT_SHEET_NAME = '說明 About';

export interface AnalysisWorkbookOptions {
  /** Default: now. */
  generatedAt?: Date;
}

/** `節點 Node 000000 · 省 Province 440000 · 市 City 440100`, or the scope's own label. */
export function scopeText(table: AnalysisTable): string {
  const s = table.scope;
  if (!s) return '—';
  if (s.label) return s.label;
  return [`節點 Node ${s.node}`, s.province ? `省 Province ${s.province}` : '', s.city ? `市 City ${s.city}` : ''].filter(Boolean).join(' · ');
}

function aboutSheet(table: AnalysisTable, generatedAt: Date): ExportSheet {
  const rows: ExportSheet['rows'] = [
    ['項目 Item', '內容 Value'],
    ['標題 Title', `${table.titleZh} ${table.titleEn}`],
    ['範圍 Scope', scopeText(table)],
    ['截至 As of', table.asOf.period ?? '暫無數據 No data yet'],
    ['生成時間 Generated at', generatedAt.toISOString()],
    ['行數 Rows', table.rows.length],
  ];
  if (table.asOf.missing?.length) rows.push(['缺數城市 Missing cities', table.asOf.missing.join(', ')]);
  for (const src of table.asOf.sources ?? []) {
    rows.push([
      `來源 Source ${src.name} (${src.originNode})`,
      `版本 version ${src.version}; 產生 produced ${src.producedAt ?? '—'}; 接收 stored ${src.updatedAt}`,
    ]);
  }
  return { name: ABOUT_SHEET_NAME, rows, widths: [28, 80] };
}

async function* each(rows: AnalysisRow[]): AsyncGenerator<AnalysisRow> {
  yield* rows;
}

/**
 * Writes an analysis as an XLSX workbook to a stream (an HTTP response or a file) through
 * `@crm/export`'s streaming writer:
 * - sheet `數據 Data`: two header rows (Chinese, then English, each with the unit), one row per
 *   table row; money in yuan with `#,##0.00`, rates with `0.00%`, counts with `#,##0`; the header
 *   rows and the dimension columns are frozen;
 * - sheet `說明 About`: title, scope, as-of period, generated at, row count, sources, missing cities.
 * Sets no HTTP headers (see `sendAnalysis`). Resolves when the workbook is fully written.
 */
export async function writeAnalysisWorkbook(table: AnalysisTable, out: Writable, options: AnalysisWorkbookOptions = {}): Promise<void> {
  assertAnalysisTable(table);
  const columns: ExportColumn<AnalysisRow>[] = table.columns.map((c) => {
    const u = unitSuffix(c);
    const header = [`${c.labelZh}${u.zh}`, `${c.labelEn}${u.en}`];
    return {
      header,
      value: (row) => displayValue(c, row[c.key]),
      width: Math.min(40, Math.max(12, ...header.map((h) => h.length * 2))),
      numFmt: c.kind === 'measure' ? UNIT_NUM_FMT[c.unit ?? 'number'] : undefined,
    };
  });
  const leadingDimensions = table.columns.findIndex((c) => c.kind !== 'dimension');
  await writeXlsxExport(out, {
    title: DATA_SHEET_NAME,
    columns,
    rows: each(table.rows),
    freeze: { columns: leadingDimensions === -1 ? table.columns.length : leadingDimensions },
    extraSheets: [aboutSheet(table, options.generatedAt ?? new Date())],
  });
}
