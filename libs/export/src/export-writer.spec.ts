import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { streamExport } from './export-writer';

/** A Response stand-in that collects the body. */
function fakeResponse(): { res: Response; body: () => Buffer; headers: Record<string, string> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const headers: Record<string, string> = {};
  Object.assign(stream, { status: () => stream, setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v) });
  return { res: stream as unknown as Response, body: () => Buffer.concat(chunks), headers };
}

async function* numbers(n: number): AsyncGenerator<{ i: number; name: string }> {
  for (let i = 1; i <= n; i++) yield { i, name: i === 2 ? '=HYPERLINK("http://evil")' : `客戶${i}` };
}

const columns = [
  { header: '序號 No', value: (r: { i: number }) => r.i },
  { header: '名稱 Name', value: (r: { name: string }) => r.name },
];

describe('streamExport', () => {
  it('writes CSV with a BOM, a header row and formula-looking cells defused', async () => {
    const { res, body, headers } = fakeResponse();
    const count = await streamExport(res, { format: 'csv', title: 't', filename: 'f', columns, rows: numbers(3) });
    const text = body().toString('utf8');
    expect(count).toBe(3);
    expect(headers['content-disposition']).toBe('attachment; filename="f.csv"');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).trim().split('\n')).toEqual(['序號 No,名稱 Name', '1,客戶1', `2,"'=HYPERLINK(""http://evil"")"`, '3,客戶3']);
  });

  it('continues an XLSX export on a new sheet when a sheet is full', async () => {
    const { res, body } = fakeResponse();
    const done = streamExport(res, { format: 'xlsx', title: '客戶清單', filename: 'f', columns, rows: numbers(25), rowsPerSheet: 10 });
    expect(await done).toBe(25);
    await new Promise((r) => setImmediate(r));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body() as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => [w.name, w.rowCount])).toEqual([['客戶清單', 11], ['客戶清單 (2)', 11], ['客戶清單 (3)', 6]]);
    expect(workbook.worksheets[2].getRow(6).getCell(1).value).toBe(25);
  });

  it('prints an HTML page with escaped values', async () => {
    const { res, body } = fakeResponse();
    await streamExport(res, { format: 'html', title: '<b>清單</b>', filename: 'f', columns, rows: numbers(2) });
    const html = body().toString('utf8');
    expect(html).toContain('<title>&#60;b&#62;清單&#60;/b&#62;</title>');
    expect(html).toContain('<td>客戶1</td>');
    expect(html).toContain('2 rows');
  });

  it('lets a query that fails at once surface as an error before anything is written', async () => {
    const { res, body, headers } = fakeResponse();
    async function* failing(): AsyncGenerator<{ i: number; name: string }> {
      throw new Error('query failed');
    }
    await expect(streamExport(res, { format: 'csv', title: 't', filename: 'f', columns, rows: failing() })).rejects.toThrow('query failed');
    expect(headers['content-type']).toBeUndefined();
    expect(body().length).toBe(0);
  });
});
