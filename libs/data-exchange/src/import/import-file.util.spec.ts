import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRow, readImportFile, xlsxCellText } from './import-file.util';

describe('xlsxCellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['張偉', '張偉'],
    [13800138000, '13800138000'],
    [440106198805121230, '440106198805121216'], // an ID typed as a number lost its last digits in Excel; no exponent at least
    [12.5, '12.5'],
    [true, 'true'],
    [new Date(Date.UTC(1985, 3, 12)), '1985-04-12'],
    [new Date(Date.UTC(2026, 0, 15, 9, 30, 5)), '2026-01-15T09:30:05'],
    [{ richText: [{ text: '周' }, { text: '杰' }] }, '周杰'],
    [{ formula: 'A1&B1', result: 'ab' }, 'ab'],
    [{ formula: 'A1' }, ''],
    [{ text: 'link', hyperlink: 'https://example.com' }, 'link'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%j → %j', (value, text) => {
    expect(xlsxCellText(value as never)).toBe(text);
  });
});

describe('readImportFile (CSV)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-read-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = async (content: string): Promise<FileRow[]> => {
    const path = join(dir, `${Math.random()}.csv`);
    writeFileSync(path, content);
    const rows: FileRow[] = [];
    const progress = { bytesRead: 0 };
    for await (const row of readImportFile(path, 'csv', progress)) rows.push(row);
    expect(progress.bytesRead).toBe(Buffer.byteLength(content));
    return rows;
  };

  it('numbers lines as in the file: BOM, CRLF, blank and comma-only lines skipped, quoted line breaks', async () => {
    expect(await read('\uFEFFa,b\r\n1,2\r\n\r\n,\r\n"x\r\ny",3\r\n4,"5,6"')).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['1', '2'] },
      { line: 6, values: ['x\r\ny', '3'] },
      { line: 7, values: ['4', '5,6'] },
    ]);
  });

  it('keeps UTF-8 text whole across read chunks', async () => {
    const name = '廣州市天河區'.repeat(50_000);
    const rows = await read(`name\n${name}\n`);
    expect(rows[1].values[0]).toBe(name);
  });
});
