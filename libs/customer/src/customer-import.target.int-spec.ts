import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog, AuditService } from '@crm/audit';
import { ImportContext } from '@crm/data-exchange';
import { createTestDatabase, seedDistricts } from '@crm/testing';
// a test of the city schema: the real migrations
import { createCityDataSource } from '../../../apps/city/src/data-source';
import { CustomerImportRow, CustomerImportTarget } from './customer-import.target';
import { PersonalDataCipher, residentIdCheckChar } from './personal-data.util';

let seq = 0;
/** A valid resident ID unique in this suite. */
function residentId(district = '440106'): string {
  seq += 1;
  const first17 = `${district}1990${String(1 + (Math.floor(seq / 900) % 12)).padStart(2, '0')}15${String(100 + (seq % 900)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

const raw = (overrides: Record<string, string> = {}): Record<string, string> => ({
  externalId: `EXT-${(seq += 1)}`,
  name: '張偉',
  customerType: 'public_residential',
  gender: '',
  birthDate: '',
  districtCode: '440106',
  address: '',
  phone: `1380013${String(seq).padStart(4, '0')}`,
  idType: 'resident_id',
  idNumber: residentId(),
  status: '',
  ...overrides,
});

describe('CustomerImportTarget (PostgreSQL)', () => {
  let ds: DataSource;
  let target: CustomerImportTarget;
  let cipher: PersonalDataCipher;
  let customerColumns: Set<string>;
  let foreignKeys: Set<string>;
  const ctx: ImportContext = { importId: '6f1c1a52-5d2e-4bc8-9b9f-0c1f2a3b4c5d', actor: 'operations', requestId: 'req-import-7' };

  const parsed = (r: Record<string, string>): CustomerImportRow => {
    const result = target.parse(r);
    if (!('row' in result)) throw new Error(`expected a valid row, got ${result.error}`);
    return result.row;
  };
  const write = (rows: CustomerImportRow[]) => ds.transaction((m) => target.write(m, rows, ctx));
  const byExternalId = async (externalId: string) => (await ds.query(`SELECT * FROM customer WHERE external_id = $1 ORDER BY created_at`, [externalId])) as Record<string, unknown>[];

  beforeAll(async () => {
    ds = createCityDataSource(await createTestDatabase('custimport'));
    await ds.initialize();
    await ds.runMigrations();
    await seedDistricts(ds, [
      ['440103', '荔湾区'],
      ['440106', '天河区'],
    ]);
    const key = randomBytes(32);
    cipher = new PersonalDataCipher(key);
    target = new CustomerImportTarget(new AuditService(ds.getRepository(AuditLog)), { piiKey: key });
    customerColumns = new Set(((await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'customer'`)) as { column_name: string }[]).map((r) => r.column_name));
    foreignKeys = new Set(((await ds.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'customer'::regclass AND contype = 'f'`)) as { conname: string }[]).map((r) => r.conname));
  });
  afterAll(() => ds?.destroy());

  it('describes its columns; the API-required ones are required in the header', () => {
    expect(target.kind).toBe('customers');
    expect(target.columns.filter((c) => c.required).map((c) => c.name)).toEqual(['externalId', 'name', 'customerType', 'districtCode', 'phone', 'idType', 'idNumber']);
    expect(target.columns.filter((c) => c.mask).map((c) => c.name)).toEqual(['phone', 'idNumber', 'contactPhone']);
    expect(target.columns.find((c) => c.name === 'idNumber')!.mask!('44010619900115123X')).toBe('440106********123X');
  });

  describe('parse', () => {
    it('normalises a row and protects the ID number as CustomerService does', () => {
      const id = residentId('440103').toLowerCase();
      const row = parsed(raw({ externalId: ' B-1 ', name: ' 王芳 ', customerType: 'KEY_INDIVIDUAL', gender: 'Female', birthDate: '1988-05-12', districtCode: '440103', idNumber: ` ${id} `, status: 'suspended', occupation: '教师', subClass: '' }));
      const normalized = id.toUpperCase();
      expect(row).toMatchObject({ externalId: 'B-1', name: '王芳', customerType: 'key_individual', gender: 'female', birthDate: '1988-05-12', districtCode: '440103', status: 'suspended', occupation: '教师', subClass: null, address: null });
      expect(row.idNumberHash).toBe(cipher.hash('resident_id', normalized));
      expect(cipher.decrypt(row.idNumberEncrypted)).toBe(normalized);
      expect(row.idNumberMasked).toBe(`${normalized.slice(0, 6)}********${normalized.slice(-4)}`);
      expect(row.idPrefixKeys).toEqual(cipher.prefixKeys(normalized));
      expect(JSON.stringify(row)).not.toContain(normalized.slice(6, 14));
      expect(parsed(raw({ status: '' })).status).toBe('active');
    });

    it.each([
      [{ externalId: '' }, 'externalId: required'],
      [{ externalId: 'has space' }, 'externalId: must be 1-64 letters'],
      [{ name: 'x'.repeat(101) }, 'name: at most 100 characters'],
      [{ customerType: 'alien' }, 'customerType: must be one of public_residential'],
      [{ gender: 'x' }, 'gender: must be one of male, female'],
      [{ birthDate: '1990-02-30' }, 'birthDate: must be a calendar date'],
      [{ birthDate: '12/05/1988' }, 'birthDate: must be a calendar date'],
      [{ districtCode: '4401' }, 'districtCode: must be a 6-digit district code'],
      [{ phone: '12345' }, 'phone: must be a mainland mobile or fixed-line number'],
      [{ idType: 'visa' }, 'idType: must be one of resident_id'],
      [{ idNumber: '440106199001151231' }, 'idNumber: not a valid 18-character resident ID'],
      [{ idType: 'business_license', idNumber: 'ABC' }, 'idNumber: not a valid 18-character unified social credit code'],
      [{ idType: 'passport', idNumber: 'E1' }, 'idNumber: must be 5-20 letters or digits'],
      [{ status: 'no such status!' }, 'status: must be a status code'],
      [{ customerType: 'key_enterprise', subClass: 'villa' }, 'subClass: only for public residential customers'],
      [{ contactPhone: '999' }, 'contactPhone: must be a mainland mobile'],
      [{ education: 'kindergarten' }, 'education: must be one of primary'],
      [{ acquisitionChannel: 'pigeon' }, 'acquisitionChannel: must be one of business_hall'],
    ])('rejects %j with a reason', (overrides, reason) => {
      const result = target.parse(raw(overrides));
      expect(result).toEqual({ error: expect.stringContaining(reason) });
    });

    it('names every problem of a row', () => {
      const result = target.parse(raw({ name: '', phone: 'x', districtCode: '' }));
      expect('error' in result && result.error.split('; ')).toEqual(['name: required', 'districtCode: required', 'phone: must be a mainland mobile or fixed-line number']);
    });
  });

  describe('write', () => {
    it('inserts new customers and skips them when written again (idempotent by externalId)', async () => {
      const rows = [parsed(raw({ name: 'Tab\there', address: 'back\\slash\nnew line' })), parsed(raw({ gender: 'male', birthDate: '1970-01-01' }))];
      expect(await write(rows)).toEqual({ inserted: 2, skipped: 0, rejected: [] });
      const [stored] = await byExternalId(rows[0].externalId);
      expect(stored).toMatchObject({ name: 'Tab\there', address: 'back\\slash\nnew line', id_number_hash: rows[0].idNumberHash, id_number_masked: rows[0].idNumberMasked, status: 'active', version: 1 });
      expect((await byExternalId(rows[1].externalId))[0]).toMatchObject({ gender: 'male', birth_date: '1970-01-01' });
      expect(await write(rows)).toEqual({ inserted: 0, skipped: 2, rejected: [] });
      expect(await byExternalId(rows[0].externalId)).toHaveLength(1);
    });

    it('rejects unknown districts and taken ID documents, skips repeated and closed externalIds, in one batch', async () => {
      const closed = parsed(raw());
      await write([closed]);
      await ds.query(`UPDATE customer SET deleted_at = now() WHERE external_id = $1`, [closed.externalId]);
      const owner = parsed(raw());
      await write([owner]);

      const fresh = parsed(raw());
      const rows = [
        parsed(raw({ districtCode: '449999' })), // 0: unknown district
        parsed(raw({ externalId: closed.externalId })), // 1: belongs to a closed customer
        fresh, // 2: inserted
        { ...parsed(raw()), externalId: fresh.externalId }, // 3: same externalId as 2
        parsed(raw({ idNumber: cipher.decrypt(owner.idNumberEncrypted) })), // 4: ID document of `owner`
        parsed(raw({ externalId: owner.externalId })), // 5: exists
      ];
      const result = await write(rows);
      expect(result).toEqual({
        inserted: 1,
        skipped: 3,
        rejected: expect.arrayContaining([
          { index: 0, reason: 'districtCode 449999 is not a district of this city' },
          { index: 4, reason: 'idNumber: another customer already has this resident_id ID document' },
        ]),
      });
      expect(result.rejected).toHaveLength(2);
      expect(await byExternalId(closed.externalId)).toHaveLength(1);
      expect(await byExternalId(fresh.externalId)).toHaveLength(1);
      expect((await byExternalId(fresh.externalId))[0].id_number_hash).toBe(fresh.idNumberHash);
    });

    it('records the creation in the audit log and, when the schema has it, the status history', async () => {
      const rows = [parsed(raw({ status: 'suspended' }))];
      await write(rows);
      const [customer] = await byExternalId(rows[0].externalId);
      const audit = await ds.getRepository(AuditLog).findBy({ action: 'import', entityType: 'customer', entityId: ctx.importId });
      expect(audit.map((a) => a.newValues)).toContainEqual(expect.objectContaining({ importId: ctx.importId, inserted: 1, externalIds: [rows[0].externalId] }));
      expect(audit[0]).toMatchObject({ actorUsername: 'operations', requestId: 'req-import-7' });
      if ((await ds.query(`SELECT to_regclass('customer_status_change') IS NOT NULL AS t`))[0].t) {
        const history = await ds.query(`SELECT from_status, to_status, reason, changed_by FROM customer_status_change WHERE customer_id = $1`, [customer.id]);
        expect(history).toEqual([{ from_status: null, to_status: 'suspended', reason: 'imported', changed_by: 'operations' }]);
      }
    });

    it('writes the profile columns and their references when the table has them', async () => {
      const row = parsed(raw({ occupation: '教师', education: 'bachelor', subClass: 'villa', contactPhone: '020-38881234', acquisitionChannel: 'Online' }));
      expect(row.acquisitionChannel).toBe('online');
      await write([row]);
      const [stored] = await byExternalId(row.externalId);
      for (const [column, value] of [['occupation', '教师'], ['education', 'bachelor'], ['sub_class', 'villa'], ['contact_phone', '020-38881234'], ['acquisition_channel', 'online']] as const) {
        if (customerColumns.has(column)) expect(stored[column]).toBe(value);
      }
      if (customerColumns.has('id_prefix_keys')) expect(stored.id_prefix_keys).toEqual(row.idPrefixKeys);
      if (foreignKeys.has('fk_customer_status')) {
        const result = await write([parsed(raw({ status: 'nosuch' }))]);
        expect(result.rejected).toEqual([{ index: 0, reason: 'status nosuch is not a configured customer status' }]);
      }
      if (foreignKeys.has('fk_customer_level')) {
        const result = await write([parsed(raw({ levelCode: 'NOLEVEL' }))]);
        expect(result.rejected).toEqual([{ index: 0, reason: 'levelCode NOLEVEL is not a configured customer level' }]);
      }
    });

    it('needs the manager of a transaction', async () => {
      await expect(target.write(ds.manager, [parsed(raw())], ctx)).rejects.toThrow(/transaction/);
    });
  });
});
