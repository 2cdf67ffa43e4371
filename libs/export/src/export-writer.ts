import { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { ExportColumn, ExportFormat, ExportSheet } from './export-format';

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
  /** XLSX only: freeze the header row(s) and this many leading columns (default: nothing frozen). */
  freeze?: { columns?: number };
  /** XLSX only: small sheets written after the data, e.g. an "about" sheet. */
  extraSheets?: ExportSheet[];
}

/** What {@link writeXlsxExport} needs: an export request without the CSV/HTML-only fields. */
export type XlsxExportRequest<T> = Omit<ExportRequest<T>, 'format' | 'filename'>;

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

const headerText = (h: string | string[]): string => (Array.isArray(h) ? h.join(' ') : h);

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
    const csv = stringify({ header: true, columns: req.columns.map((c) => headerText(c.header)) });
    csv.pipe(res);
    for await (const row of req.rows) {
      if (!csv.write(req.columns.map((c) => text(c.value(row))))) await once(csv, 'drain');
      count += 1;
    }
    csv.end();
    await once(res, 'finish');
    return count;
  }
  if (req.format === 'xlsx') return writeXlsxExport(res, req);
  await write(
    res,
    `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${escapeHtml(req.title)}</title>` +
      '<style>body{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em}table{border-collapse:collapse;width:100%;font-size:12px}' +
      'th,td{border:1px solid #999;padding:4px 6px;text-align:left}th{background:#eee}thead{display:table-header-group}' +
      'tr{page-break-inside:avoid}@media print{body{margin:0}button{display:none}}</style></head><body>' +
      `<h1>${escapeHtml(req.title)}</h1><p>${escapeHtml(new Date().toISOString())} <button onclick="print()">打印 Print</button></p>` +
      `<table><thead><tr>${req.columns.map((c) => `<th>${escapeHtml(headerText(c.header))}</th>`).join('')}</tr></thead><tbody>`,
  );
  for await (const row of req.rows) {
    await write(res, `<tr>${req.columns.map((c) => `<td>${escapeHtml(text(c.value(row)))}</td>`).join('')}</tr>`);
    count += 1;
  }
  await write(res, `</tbody></table><p>${count} rows</p></body></html>`);
  res.end();
  return count;
}

/**
 * Writes an XLSX workbook to any writable stream (an HTTP response, a file) with the streaming
 * workbook writer: header row(s) in bold, optional per-column number formats and frozen header,
 * a new sheet every `rowsPerSheet` rows, then any `extraSheets`. Returns the number of data rows.
 * Does not set HTTP headers: {@link streamExport} does that.
 */
export async function writeXlsxExport<T>(out: Writable, req: XlsxExportRequest<T>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const headerRows = Math.max(1, ...req.columns.map((c) => (Array.isArray(c.header) ? c.header.length : 1)));
  const views: Partial<ExcelJS.WorksheetView>[] = req.freeze ? [{ state: 'frozen', ySplit: headerRows, xSplit: req.freeze.columns ?? 0 }] : [];
  let sheet: ExcelJS.Worksheet | undefined;
  let sheetNo = 0;
  let count = 0;
  const newSheet = (): ExcelJS.Worksheet => {
    sheetNo += 1;
    const ws = workbook.addWorksheet(sheetNo === 1 ? req.title.slice(0, 31) : `${req.title.slice(0, 26)} (${sheetNo})`, { views });
    ws.columns = req.columns.map((c) => ({ header: c.header, width: c.width ?? 18, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    for (let r = 1; r <= headerRows; r++) ws.getRow(r).font = { bold: true };
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
  for (const extra of req.extraSheets ?? []) {
    const ws = workbook.addWorksheet(extra.name.slice(0, 31));
    if (extra.widths) ws.columns = extra.widths.map((width) => ({ width }));
    for (const r of extra.rows) ws.addRow(r.map((v) => (typeof v === 'string' ? defuse(v) : v))).commit();
    ws.commit();
  }
  await workbook.commit();
  return count;
}
