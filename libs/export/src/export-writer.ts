import { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { ExportColumn, ExportFormat } from './export-format';

export interface ExportRequest<T> {
  format: ExportFormat;
  /** Title of the sheet / page, e.g. `客戶清單 Customers`. */
  title: string;
  /** File name without extension (ASCII). */
  filename: string;
  columns: ExportColumn<T>[];
  rows: AsyncIterable<T>;
  /** XLSX only: data rows per sheet before a new sheet starts (default and maximum 1,000,000). */
  rowsPerSheet?: number;
}

/** One sheet holds at most this many data rows; a longer export continues on the next sheet. */
export const XLSX_ROWS_PER_SHEET = 1_000_000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is quoted. */
const defuse = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const cell = (v: unknown): string | number | boolean | Date | null => {
  if (v === undefined || v === null) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'boolean') return v;
  return defuse(String(v));
};

const text = (v: unknown): string => {
  const c = cell(v);
  return c === null ? '' : c instanceof Date ? c.toISOString() : String(c);
};

/** Writes respecting back-pressure, so a million rows never pile up in memory. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Streams an export to the HTTP response as rows arrive from a database cursor: CSV (UTF-8 with
 * BOM so Excel shows Chinese), XLSX (streaming workbook writer, new sheet every million rows),
 * or a printable HTML page. Returns the number of rows written.
 */
export async function streamExport<T>(res: Response, req: ExportRequest<T>): Promise<number> {
  // Start the query before the status line: a query that fails at once still gets a JSON 4xx/5xx.
  const iterator = req.rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* rows(): AsyncGenerator<T> {
    for (let next = first; !next.done; next = await iterator.next()) yield next.value;
  }
  try {
    return await writeExport(res, { ...req, rows: rows() });
  } catch (err) {
    // headers are gone: the only honest signal left is to break the connection
    res.destroy(err as Error);
    throw err;
  }
}

async function writeExport<T>(res: Response, req: ExportRequest<T>): Promise<number> {
  const ext = req.format === 'html' ? 'html' : req.format;
  res.status(200);
  res.setHeader('Content-Type', CONTENT_TYPES[req.format]);
  if (req.format !== 'html') res.setHeader('Content-Disposition', `attachment; filename="${req.filename}.${ext}"`);
  let count = 0;
  if (req.format === 'csv') {
    res.write('\uFEFF');
    const csv = stringify({ header: true, columns: req.columns.map((c) => c.header) });
    csv.pipe(res);
    for await (const row of req.rows) {
      if (!csv.write(req.columns.map((c) => text(c.value(row))))) await once(csv, 'drain');
      count += 1;
    }
    csv.end();
    await once(res, 'finish');
    return count;
  }
  if (req.format === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
    let sheet: ExcelJS.Worksheet | undefined;
    let sheetNo = 0;
    const newSheet = (): ExcelJS.Worksheet => {
      sheetNo += 1;
      const ws = workbook.addWorksheet(sheetNo === 1 ? req.title.slice(0, 31) : `${req.title.slice(0, 26)} (${sheetNo})`);
      ws.columns = req.columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
      ws.getRow(1).font = { bold: true };
      return ws;
    };
    for await (const row of req.rows) {
      if (!sheet || count % Math.min(req.rowsPerSheet ?? XLSX_ROWS_PER_SHEET, XLSX_ROWS_PER_SHEET) === 0) {
        sheet?.commit();
        sheet = newSheet();
      }
      sheet.addRow(req.columns.map((c) => cell(c.value(row)))).commit();
      count += 1;
    }
    (sheet ?? newSheet()).commit();
    await workbook.commit();
    return count;
  }
  await write(
    res,
    `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${escapeHtml(req.title)}</title>` +
      '<style>body{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em}table{border-collapse:collapse;width:100%;font-size:12px}' +
      'th,td{border:1px solid #999;padding:4px 6px;text-align:left}th{background:#eee}thead{display:table-header-group}' +
      'tr{page-break-inside:avoid}@media print{body{margin:0}button{display:none}}</style></head><body>' +
      `<h1>${escapeHtml(req.title)}</h1><p>${escapeHtml(new Date().toISOString())} <button onclick="print()">打印 Print</button></p>` +
      `<table><thead><tr>${req.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('')}</tr></thead><tbody>`,
  );
  for await (const row of req.rows) {
    await write(res, `<tr>${req.columns.map((c) => `<td>${escapeHtml(text(c.value(row)))}</td>`).join('')}</tr>`);
    count += 1;
  }
  await write(res, `</tbody></table><p>${count} rows</p></body></html>`);
  res.end();
  return count;
}
