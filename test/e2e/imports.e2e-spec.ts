import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { residentIdCheckChar } from '@crm/customer';
import { QueueName } from '@crm/queue';
import { RunningNode, tokenFor, waitFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

const HEADER = 'externalId,name,customerType,gender,birthDate,districtCode,address,phone,idType,idNumber,status';
const MAX_BYTES = 200_000;

let idSeq = 0;
/** A valid resident ID, unique within this run. */
function uniqueResidentId(district = '440106'): string {
  idSeq += 1;
  const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(idSeq / 900) * 86_400_000);
  const birth = day.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${district}${birth}${String(100 + (idSeq % 900)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

let phoneSeq = 0;
const mobile = (): string => `137${String(Date.now() % 1000).padStart(3, '0')}${String((phoneSeq += 1)).padStart(5, '0')}`;

/** A customers CSV row in the column order of HEADER. */
function row(externalId: string, o: Partial<Record<'name' | 'customerType' | 'gender' | 'birthDate' | 'districtCode' | 'address' | 'phone' | 'idType' | 'idNumber' | 'status', string>> = {}): string {
  const district = o.districtCode ?? '440106';
  return [
    externalId,
    o.name ?? '導入客戶',
    o.customerType ?? 'public_residential',
    o.gender ?? 'female',
    o.birthDate ?? '1985-04-12',
    district,
    o.address ?? '天河路 385 號',
    o.phone ?? mobile(),
    o.idType ?? 'resident_id',
    o.idNumber ?? uniqueResidentId(district === '449999' ? '440106' : district),
    o.status ?? '',
  ].join(',');
}

describe('Bulk imports (/api/v1/imports)', () => {
  let node: RunningNode;
  let importDir: string;
  let admin: string;
  let sales: string;
  let market: string;
  const run = `R${Date.now().toString(36)}`;

  beforeAll(async () => {
    importDir = mkdtempSync(join(tmpdir(), 'crm-import-e2e-'));
    node = await startSingleCity({ worker: true, env: { CRM_IMPORT_DIR: importDir, CRM_IMPORT_BATCH_SIZE: '3', CRM_IMPORT_MAX_BYTES: String(MAX_BYTES) } });
    [admin, sales, market] = await Promise.all(['admin', 'sales', 'market'].map((u) => tokenFor(node.url, u)));
  });
  afterAll(async () => {
    await node.close();
    rmSync(importDir, { recursive: true, force: true });
  });

  const api = () => request(node.url);
  const upload = (token: string, kind: string, content: Buffer | string, filename: string) =>
    api().post('/api/v1/imports').auth(token, { type: 'bearer' }).field('kind', kind).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), filename);
  const finished = async (id: string) =>
    waitFor(async () => {
      const res = await api().get(`/api/v1/imports/${id}`).auth(admin, { type: 'bearer' }).expect(200);
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, `import ${id} to finish`);
  const customerCount = async (): Promise<number> => (await node.dataSource.query(`SELECT count(*)::int AS n FROM customer`))[0].n;
  const rejectionsOf = async (id: string) => (await api().get(`/api/v1/imports/${id}/rejections`).query({ pageSize: 200 }).auth(admin, { type: 'bearer' }).expect(200)).body;

  describe('a CSV file', () => {
    const badPhoneId = uniqueResidentId();
    const lines = [
      HEADER,
      row(`${run}-1`, { name: '陳大文' }),
      row(`${run}-2`, { name: '"李, 小龍"' }),
      row(`${run}-3`, { phone: '12345', idNumber: badPhoneId }),
      '',
      row(`${run}-5`, { districtCode: '449999' }),
      row(`${run}-6`, { idNumber: '440106198805121231' }),
      row(`${run}-7`, { customerType: 'alien', birthDate: '1990-02-30' }),
      row(`${run}-8`, { status: 'suspended', districtCode: '440103' }),
      row(`${run}-9`),
    ];
    // BOM, CRLF line ends, a blank line (line 5), a quoted name with a comma
    const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
    let imported: Record<string, unknown>;

    it('is accepted with 202 and processed by the worker: counts, progress, rejected rows by line', async () => {
      const before = await customerCount();
      const res = await upload(sales, 'customers', csv, '客戶資料.csv').expect(202);
      expect(res.body).toMatchObject({ kind: 'customers', format: 'csv', status: 'queued', originalFilename: '客戶資料.csv', createdBy: 'sales', sizeBytes: Buffer.byteLength(csv) });

      imported = await finished(res.body.id);
      expect(imported).toMatchObject({ status: 'completed', progressPercent: 100, totalRows: 8, processedRows: 8, insertedRows: 4, skippedRows: 0, rejectedRows: 4, error: null });
      expect(await customerCount()).toBe(before + 4);

      const rejections = await rejectionsOf(res.body.id);
      expect(rejections.total).toBe(4);
      expect(rejections.items.map((r: { line: number }) => r.line)).toEqual([4, 6, 7, 8]);
      const [phone, district, idNumber, several] = rejections.items as { line: number; reason: string; values: Record<string, string> }[];
      expect(phone.reason).toMatch(/^phone: must be a mainland mobile/);
      expect(district.reason).toBe('districtCode 449999 is not a district of this city');
      expect(idNumber.reason).toMatch(/idNumber: not a valid 18-character resident ID/);
      expect(several.reason).toMatch(/customerType: must be one of/);
      expect(several.reason).toMatch(/birthDate: must be a calendar date/);
      // the rejected row's values are kept, personal data masked
      expect(phone.values).toMatchObject({ externalId: `${run}-3`, name: '導入客戶', phone: '*****', idNumber: `${badPhoneId.slice(0, 6)}********${badPhoneId.slice(-4)}` });
      expect(JSON.stringify(rejections)).not.toContain(badPhoneId);

      // BullMQ job progress was reported after the batches
      const queue = node.worker!.get<Queue>(getQueueToken(QueueName.Import), { strict: false });
      const job = await queue.getJob(`import-${res.body.id}`);
      expect(job?.progress).toMatchObject({ processed: 8, inserted: 4, rejected: 4 });
    });

    it('writes customers as the API does: ID numbers protected, status, quoted values', async () => {
      const [quoted] = await node.dataSource.query(`SELECT id FROM customer WHERE external_id = $1`, [`${run}-2`]);
      const found = await api().get(`/api/v1/customers/${quoted.id}`).auth(admin, { type: 'bearer' }).expect(200);
      expect(found.body).toMatchObject({ externalId: `${run}-2`, name: '李, 小龍', districtCode: '440106', status: 'active', personalDataMasked: false });
      const [stored] = await node.dataSource.query(`SELECT * FROM customer WHERE external_id = $1`, [`${run}-8`]);
      expect(stored).toMatchObject({ status: 'suspended', district_code: '440103', customer_type: 'public_residential', birth_date: '1985-04-12' });
      expect(stored.id_number_encrypted).toMatch(/^v1:/);
      expect(stored.id_number_masked).toMatch(/^440103\*{8}\d{3}[\dX]$/);
      const byId = await api().get(`/api/v1/customers/${stored.id}`).auth(admin, { type: 'bearer' }).expect(200);
      expect(byId.body.idNumber).toMatch(/^440103\d{11}[\dX]$/);
      expect(JSON.stringify(stored)).not.toContain(byId.body.idNumber);
    });

    it('changes nothing when the same file is imported again: valid rows skipped, invalid ones rejected again', async () => {
      const before = await customerCount();
      const res = await upload(sales, 'customers', csv, 'again.csv').expect(202);
      const again = await finished(res.body.id);
      expect(again).toMatchObject({ status: 'completed', totalRows: 8, insertedRows: 0, skippedRows: 4, rejectedRows: 4 });
      expect(await customerCount()).toBe(before);
    });

    it('records who started the import in the audit log', async () => {
      const log = await api().get('/api/v1/audit-log').query({ entityType: 'import_job', entityId: imported.id, action: 'import' }).auth(admin, { type: 'bearer' }).expect(200);
      expect(log.body.total).toBe(1);
      expect(log.body.items[0]).toMatchObject({ actorUsername: 'sales', newValues: { kind: 'customers', originalFilename: '客戶資料.csv', format: 'csv' } });
    });

    it('exports the rejected rows as CSV, XLSX and a printable page', async () => {
      const csvExport = await api().get(`/api/v1/imports/${imported.id}/rejections/export`).query({ format: 'csv' }).auth(admin, { type: 'bearer' }).buffer(true).expect(200);
      expect(csvExport.headers['content-type']).toMatch(/text\/csv/);
      const exported = csvExport.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(exported[0]).toBe(`行號 Line,原因 Reason,${HEADER},occupation,industryCode,education,subClass,contactPhone,levelCode,hallCode,acquisitionChannel`);
      expect(exported).toHaveLength(5);
      expect(exported[2]).toMatch(/^6,districtCode 449999 is not a district of this city,/);

      const xlsx = await api()
        .get(`/api/v1/imports/${imported.id}/rejections/export`)
        .query({ format: 'xlsx' })
        .auth(admin, { type: 'bearer' })
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as never);
      const sheet = book.worksheets[0];
      expect(sheet.rowCount).toBe(5);
      expect(sheet.getRow(3).getCell(1).value).toBe(6);

      const html = await api().get(`/api/v1/imports/${imported.id}/rejections/export`).query({ format: 'html' }).auth(admin, { type: 'bearer' }).expect(200);
      expect(html.text).toContain('<table>');
      expect(html.text).toContain('4 rows');
      await api().get(`/api/v1/imports/${imported.id}/rejections/export`).query({ format: 'pdf' }).auth(admin, { type: 'bearer' }).expect(400);
    });
  });

  it('imports the first sheet of an XLSX workbook, with date and number cells', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客戶');
    sheet.addRow(HEADER.split(','));
    const idA = uniqueResidentId('440104');
    sheet.addRow([`${run}-x1`, '黃小明', 'key_individual', 'male', new Date(Date.UTC(1979, 10, 3)), 440104, '越秀路 1 號', 13912345670, 'resident_id', idA, 'active']);
    sheet.addRow([`${run}-x2`, { richText: [{ text: '周' }, { text: '杰' }] }, 'public_residential', null, null, '440105', null, mobile(), 'resident_id', uniqueResidentId('440105'), null]);
    sheet.addRow([`${run}-x3`, '無效', 'public_residential', null, null, '440105', null, mobile(), 'passport', '!!', null]);
    book.addWorksheet('ignored').addRow(['not', 'read']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());

    const res = await upload(sales, 'customers', buffer, 'customers.XLSX').expect(202);
    expect(res.body.format).toBe('xlsx');
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: 'completed', totalRows: 3, insertedRows: 2, rejectedRows: 1 });
    const [x1] = await node.dataSource.query(`SELECT name, birth_date, district_code, phone, customer_type FROM customer WHERE external_id = $1`, [`${run}-x1`]);
    expect(x1).toEqual({ name: '黃小明', birth_date: '1979-11-03', district_code: '440104', phone: '13912345670', customer_type: 'key_individual' });
    const [x2] = await node.dataSource.query(`SELECT name FROM customer WHERE external_id = $1`, [`${run}-x2`]);
    expect(x2.name).toBe('周杰');
    const rejections = await rejectionsOf(res.body.id);
    expect(rejections.items).toEqual([{ line: 4, reason: 'idNumber: must be 5-20 letters or digits', values: expect.objectContaining({ externalId: `${run}-x3` }) }]);
  });

  it('skips rows of closed customers and rejects a row whose ID document another customer has', async () => {
    const idNumber = uniqueResidentId();
    const first = await upload(sales, 'customers', [HEADER, row(`${run}-c1`, { idNumber })].join('\n'), 'c1.csv').expect(202);
    expect(await finished(first.body.id)).toMatchObject({ insertedRows: 1 });
    const [c1] = await node.dataSource.query(`SELECT id FROM customer WHERE external_id = $1`, [`${run}-c1`]);
    await api().delete(`/api/v1/customers/${c1.id}`).auth(admin, { type: 'bearer' }).expect(204);

    const taken = uniqueResidentId();
    const owner = await upload(sales, 'customers', [HEADER, row(`${run}-c2`, { idNumber: taken })].join('\n'), 'c2.csv').expect(202);
    expect(await finished(owner.body.id)).toMatchObject({ insertedRows: 1 });

    const before = await customerCount();
    const lines = [HEADER, row(`${run}-c1`), row(`${run}-c3`, { idNumber: taken }), row(`${run}-c4`), row(`${run}-c4`)];
    const res = await upload(sales, 'customers', lines.join('\n'), 'mixed.csv').expect(202);
    expect(await finished(res.body.id)).toMatchObject({ status: 'completed', insertedRows: 1, skippedRows: 2, rejectedRows: 1 });
    expect(await customerCount()).toBe(before + 1);
    expect((await node.dataSource.query(`SELECT count(*)::int AS n FROM customer WHERE external_id = $1`, [`${run}-c1`]))[0].n).toBe(1);
    const rejections = await rejectionsOf(res.body.id);
    expect(rejections.items).toEqual([expect.objectContaining({ line: 3, reason: 'idNumber: another customer already has this resident_id ID document' })]);
  });

  it('rejects a row with a NUL byte and still commits the rest of its batch', async () => {
    const before = await customerCount();
    const lines = [HEADER, row(`${run}-n1`), row(`${run}-n2`, { name: 'bad\u0000name' }), row(`${run}-n3`)];
    const res = await upload(sales, 'customers', lines.join('\n'), 'nul.csv').expect(202);
    expect(await finished(res.body.id)).toMatchObject({ status: 'completed', insertedRows: 2, rejectedRows: 1 });
    expect(await customerCount()).toBe(before + 2);
    const rejections = await rejectionsOf(res.body.id);
    expect(rejections.items).toEqual([expect.objectContaining({ line: 3, reason: 'name contains a control character (such as NUL)' })]);
  });

  it('fails the whole import, clearly, when a required column is missing', async () => {
    const before = await customerCount();
    const header = HEADER.replace(',idNumber', '');
    const res = await upload(sales, 'customers', `${header}\n${row(`${run}-h1`).split(',').slice(0, 9).concat('active').join(',')}\n`, 'no-id.csv').expect(202);
    const done = await finished(res.body.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/Missing required column idNumber in the header row \(line 1\)/);
    expect(done.insertedRows).toBe(0);
    expect(await customerCount()).toBe(before);
    // the failed import's file is not kept
    expect(readdirSync(importDir)).not.toContain(`${res.body.id}.csv`);
  });

  it('refuses bad uploads with 4xx JSON and keeps no file', async () => {
    const csv = `${HEADER}\n${row(`${run}-u1`)}\n`;
    const wrongKind = await upload(sales, 'invoices', csv, 'a.csv').expect(400);
    expect(wrongKind.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(wrongKind.body.details)).toContain('kind');
    const ext = await upload(sales, 'customers', csv, 'customers.txt').expect(400);
    expect(ext.body.message).toMatch(/Unsupported file type \.txt/);
    const empty = await upload(sales, 'customers', '', 'empty.csv').expect(400);
    expect(empty.body.message).toBe('The file is empty');
    const notXlsx = await upload(sales, 'customers', csv, 'fake.xlsx').expect(400);
    expect(notXlsx.body.message).toBe('The file is not an XLSX workbook');
    const noFile = await api().post('/api/v1/imports').auth(sales, { type: 'bearer' }).field('kind', 'customers').expect(400);
    expect(noFile.body.details).toEqual([{ field: 'file', problem: 'required' }]);
    const tooLarge = await upload(sales, 'customers', Buffer.alloc(MAX_BYTES + 1, 'a'), 'big.csv').expect(413);
    expect(tooLarge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(tooLarge.body.message).toMatch(new RegExp(`${MAX_BYTES} bytes`));
    // nothing was recorded, nothing left on disk
    const listed = await api().get('/api/v1/imports').query({ pageSize: 200 }).auth(admin, { type: 'bearer' }).expect(200);
    expect(listed.body.items.map((i: { originalFilename: string }) => i.originalFilename)).not.toEqual(expect.arrayContaining(['a.csv', 'customers.txt', 'empty.csv', 'fake.xlsx', 'big.csv']));
    await waitFor(async () => readdirSync(importDir).length === 0 || undefined, 'the import folder to be empty', 10_000);
  });

  it('requires the import permission', async () => {
    const res = await upload(market, 'customers', `${HEADER}\n`, 'x.csv').expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await api().get('/api/v1/imports').auth(market, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/imports/templates/customers').auth(market, { type: 'bearer' }).expect(403);
    await api().get('/api/v1/imports').expect(401);
  });

  it('serves a CSV template per kind', async () => {
    const res = await api().get('/api/v1/imports/templates/customers').auth(sales, { type: 'bearer' }).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain('customers-template.csv');
    expect(res.text.replace(/^\uFEFF/, '').trim()).toBe(`${HEADER},occupation,industryCode,education,subClass,contactPhone,levelCode,hallCode,acquisitionChannel`);
    await api().get('/api/v1/imports/templates/invoices').auth(sales, { type: 'bearer' }).expect(400);
  });

  it('lists imports newest first with pagination and filters; 404 and 400 for unknown or malformed ids', async () => {
    const page = await api().get('/api/v1/imports').query({ kind: 'customers', status: 'completed', pageSize: 2 }).auth(admin, { type: 'bearer' }).expect(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.total).toBeGreaterThanOrEqual(5);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0].createdAt >= page.body.items[1].createdAt).toBe(true);
    const failed = await api().get('/api/v1/imports').query({ status: 'failed' }).auth(admin, { type: 'bearer' }).expect(200);
    expect(failed.body.items.every((i: { status: string }) => i.status === 'failed')).toBe(true);
    expect(failed.body.total).toBeGreaterThanOrEqual(1);
    await api().get('/api/v1/imports/00000000-0000-4000-8000-000000000000').auth(admin, { type: 'bearer' }).expect(404);
    await api().get('/api/v1/imports/00000000-0000-4000-8000-000000000000/rejections').auth(admin, { type: 'bearer' }).expect(404);
    await api().get('/api/v1/imports/not-a-uuid').auth(admin, { type: 'bearer' }).expect(400);
  });
});
