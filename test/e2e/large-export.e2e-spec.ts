import ExcelJS from 'exceljs';
import request from 'supertest';
import { RunningNode, tokenFor } from '@crm/testing';
import { startSingleCity } from './city-node.fixture';

const ROWS = 70_000; // beyond the 65,536 rows of old spreadsheet formats

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Exports beyond 65,536 rows', () => {
  let node: RunningNode;
  let token: string;

  beforeAll(async () => {
    node = await startSingleCity();
    token = await tokenFor(node.url, 'market');
    await node.dataSource.query(
      `INSERT INTO customer (name, customer_type, district_code, phone, id_type, id_number_hash, id_number_encrypted, id_number_masked)
       SELECT '批量客户' || g, 'public_residential', '440105', '139' || lpad(g::text, 8, '0'), 'passport', md5(g::text) || md5('x' || g), 'v1:x', 'P****' || g
       FROM generate_series(1, $1) g`,
      [ROWS],
    );
  }, 120_000);
  afterAll(() => node.close());

  it('streams a CSV of every row', async () => {
    const res = await request(node.url).get('/api/v1/customers/export').query({ format: 'csv', districtCode: '440105' }).auth(token, { type: 'bearer' }).expect(200);
    const lines = res.text.trim().split('\n');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[ROWS]).toMatch(/批量客户\d+/);
    expect(res.text).not.toMatch(/,139\d{8},/); // phones stay masked for market
    expect(lines[1]).toMatch(/,139\*\*\*\*\d{4},/);
  });

  it('streams an XLSX workbook of every row', async () => {
    const res = await request(node.url).get('/api/v1/customers/export').query({ format: 'xlsx', districtCode: '440105' }).auth(token, { type: 'bearer' }).buffer(true).parse(binary as never).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(ROWS + 1);
  });
});
