import { createReadStream, ReadStream } from 'node:fs';
import { Parser } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ImportFormat } from './import.constants';

/** One non-empty row of an import file: its line number (header = line 1) and cell texts. */
export interface FileRow {
  line: number;
  values: string[];
}

/** Where reading stands: bytes of the file read so far (for progress). */
export interface ReadProgress {
  bytesRead: number;
}

/**
 * csv-parse emitting `{ line, values }`: `info.lines` when a record is pushed is the line it ends
 * on, except that csv-parse counts a CRLF inside a quoted value as two lines; that is corrected.
 */
class LineNumberingParser extends Parser {
  private overcount = 0;

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    const values = chunk as string[];
    for (const value of values) {
      if (value.includes('\r\n')) this.overcount += value.split('\r\n').length - 1;
    }
    return super.push({ line: this.info.lines - this.overcount, values } satisfies FileRow, encoding);
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Text of an XLSX cell as a person sees it: dates as `YYYY-MM-DD` (or a wall-clock date-time
 * without offset), numbers without exponent where possible, formulas as their result.
 */
export function xlsxCellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) || !Number.isInteger(value) ? String(value) : BigInt(value).toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const h = value.getUTCHours();
    const m = value.getUTCMinutes();
    const s = value.getUTCSeconds();
    // Excel stores wall-clock values without a zone; exceljs reads them as UTC
    return h || m || s ? `${date}T${pad(h)}:${pad(m)}:${pad(s)}` : date;
  }
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('result' in v) return xlsxCellText(v.result as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return '';
  if (typeof v.text === 'string') return v.text;
  if (v.text && typeof v.text === 'object') return xlsxCellText(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return String(value);
}

async function* readCsv(file: ReadStream): AsyncGenerator<FileRow> {
  const parser = new LineNumberingParser({
    bom: true,
    encoding: 'utf8',
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  });
  file.on('error', (err) => parser.destroy(err));
  file.pipe(parser);
  try {
    for await (const row of parser) yield row as FileRow;
  } finally {
    parser.destroy();
  }
}

async function* readXlsx(file: ReadStream): AsyncGenerator<FileRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // styles tell dates from numbers
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const cells = row.values as ExcelJS.CellValue[];
      const values: string[] = [];
      for (let i = 1; i < cells.length; i++) values.push(xlsxCellText(cells[i]));
      if (values.some((v) => v.trim() !== '')) yield { line: row.number, values };
    }
    return; // the first worksheet only
  }
}

/**
 * Streams the rows of an uploaded file, never holding the whole file: CSV (UTF-8, BOM tolerated,
 * quoted fields, blank lines skipped) through csv-parse, XLSX (first worksheet) through exceljs'
 * streaming reader. The first row yielded is the header.
 */
export async function* readImportFile(path: string, format: ImportFormat, progress: ReadProgress): AsyncGenerator<FileRow> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const rows = format === 'csv' ? readCsv(file) : readXlsx(file);
  try {
    for await (const row of rows) {
      progress.bytesRead = file.bytesRead;
      yield row;
    }
    progress.bytesRead = file.bytesRead;
  } finally {
    file.destroy();
  }
}
