import { Inject, Injectable } from '@nestjs/common';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import type { PoolClient } from 'pg';
import { AuditService } from '@crm/audit';
import { RequestActor, systemActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { ImportColumn, ImportContext, ImportTarget, ParsedRow, ProvidesImportTarget, WriteResult } from '@crm/data-exchange';
import { AcquisitionChannel, CustomerStatus, CustomerType, Education, Gender, IdType, ResidentialSubClass } from './customer.constants';
import { isValidIdNumber, PHONE_PATTERN } from './dto/create-customer.dto';
import { Customer } from './entities/customer.entity';
import { ID_PREFIX_MIN, maskIdNumber, maskPhone, normalizeIdNumber, PersonalDataCipher } from './personal-data.util';


/** One valid row of a customers file, normalised, with the ID number already protected. */
export interface CustomerImportRow {
  externalId: string;
  name: string;
  customerType: CustomerType;
  gender: Gender | null;
  birthDate: string | null;
  districtCode: string;
  address: string | null;
  phone: string;
  idType: IdType;
  idNumberHash: string;
  idNumberEncrypted: string;
  idNumberMasked: string;
  idPrefixKeys: string[];
  status: string;
  occupation: string | null;
  industryCode: string | null;
  education: Education | null;
  subClass: ResidentialSubClass | null;
  contactPhone: string | null;
  levelCode: string | null;
  hallCode: string | null;
  acquisitionChannel: AcquisitionChannel | null;
}

const enumValues = (e: object): string[] => Object.values(e) as string[];
const CUSTOMER_TYPES = enumValues(CustomerType);
const GENDERS = enumValues(Gender);
const ID_TYPES = enumValues(IdType);
const EDUCATIONS = enumValues(Education);
const SUB_CLASSES = enumValues(ResidentialSubClass);
const CHANNELS = enumValues(AcquisitionChannel);
const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
const INDUSTRY_PATTERN = /^[A-Z0-9]{1,8}$/;

const COLUMNS: readonly ImportColumn[] = [
  { name: 'externalId', required: true, description: 'Id in the source system (BOSS); a row whose externalId exists already (or belongs to a closed customer) is skipped' },
  { name: 'name', required: true, description: 'Customer name, 1-100 characters' },
  { name: 'customerType', required: true, description: CUSTOMER_TYPES.join(', ') },
  { name: 'gender', required: false, description: GENDERS.join(', ') },
  { name: 'birthDate', required: false, description: 'YYYY-MM-DD' },
  { name: 'districtCode', required: true, description: '6-digit district (區縣) code of this city' },
  { name: 'address', required: false, description: 'Up to 200 characters' },
  { name: 'phone', required: true, description: 'Mobile (11 digits) or fixed line (area code + number)', mask: maskPhone },
  { name: 'idType', required: true, description: ID_TYPES.join(', ') },
  { name: 'idNumber', required: true, description: 'Checked like the API (resident ID: birth date and check digit); stored hashed, encrypted and masked', mask: maskIdNumber },
  { name: 'status', required: false, description: 'Code of a configured customer status; default active' },
  { name: 'occupation', required: false, description: 'Up to 50 characters' },
  { name: 'industryCode', required: false, description: 'Configured industry code (GB/T 4754)' },
  { name: 'education', required: false, description: EDUCATIONS.join(', ') },
  { name: 'subClass', required: false, description: `${SUB_CLASSES.join(', ')} (public residential customers only)` },
  { name: 'contactPhone', required: false, description: 'Mobile or fixed line', mask: maskPhone },
  { name: 'levelCode', required: false, description: 'Configured customer level code' },
  { name: 'hallCode', required: false, description: 'Configured business hall code' },
  { name: 'acquisitionChannel', required: false, description: `Acquisition channel (發展渠道): ${CHANNELS.join(', ')}` },
];

/** A staging column: its SQL type and how a row gives its value (null → NULL). */
interface StageColumn {
  column: string;
  type: string;
  value: (r: CustomerImportRow) => string | null;
}

const BASE_COLUMNS: StageColumn[] = [
  { column: 'external_id', type: 'text', value: (r) => r.externalId },
  { column: 'name', type: 'text', value: (r) => r.name },
  { column: 'customer_type', type: 'text', value: (r) => r.customerType },
  { column: 'gender', type: 'text', value: (r) => r.gender },
  { column: 'birth_date', type: 'date', value: (r) => r.birthDate },
  { column: 'district_code', type: 'text', value: (r) => r.districtCode },
  { column: 'address', type: 'text', value: (r) => r.address },
  { column: 'phone', type: 'text', value: (r) => r.phone },
  { column: 'id_type', type: 'text', value: (r) => r.idType },
  { column: 'id_number_hash', type: 'text', value: (r) => r.idNumberHash },
  { column: 'id_number_encrypted', type: 'text', value: (r) => r.idNumberEncrypted },
  { column: 'id_number_masked', type: 'text', value: (r) => r.idNumberMasked },
  { column: 'status', type: 'text', value: (r) => r.status },
];

/** Written when the customer table has them (the profile columns came with a later migration). */
const OPTIONAL_COLUMNS: StageColumn[] = [
  { column: 'occupation', type: 'text', value: (r) => r.occupation },
  { column: 'industry_code', type: 'text', value: (r) => r.industryCode },
  { column: 'education', type: 'text', value: (r) => r.education },
  { column: 'sub_class', type: 'text', value: (r) => r.subClass },
  { column: 'contact_phone', type: 'text', value: (r) => r.contactPhone },
  { column: 'level_code', type: 'text', value: (r) => r.levelCode },
  { column: 'hall_code', type: 'text', value: (r) => r.hallCode },
  { column: 'acquisition_channel', type: 'text', value: (r) => r.acquisitionChannel },
  { column: 'id_prefix_keys', type: 'bigint[]', value: (r) => `{${r.idPrefixKeys.join(',')}}` },
];

/** Reasons for references to configuration that does not exist, by foreign key (as the API words them). */
const REFERENCE_PROBLEMS: Record<string, string> = {
  district_code: 'is not a district of this city',
  status: 'is not a configured customer status',
  industry_code: 'is not a configured industry',
  level_code: 'is not a configured customer level',
  hall_code: 'is not a configured business hall',
};

interface ForeignKey {
  column: string;
  refTable: string;
  refColumn: string;
}

/** What the database offers, read once: which optional columns and references to handle. */
interface CustomerSchema {
  columns: StageColumn[];
  foreignKeys: ForeignKey[];
  statusHistory: boolean;
}

const STAGE = 'import_customer_stage';

/**
 * ID-number prefixes up to this length (district + birth date) repeat across a file: their search
 * keys are computed once and kept (bounded); longer prefixes are nearly unique and not kept.
 */
const CACHED_PREFIX_MAX = 14;
const PREFIX_CACHE_SIZE = 200_000;
const camel = (column: string): string => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** The API's @IsCalendarDate rule: `YYYY-MM-DD` that exists in the calendar, years 1900–2199. */
function isCalendarDate(value: string): boolean {
  if (!/^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Bulk import of customers (客戶資料導入), kind `customers`. Rows are checked with the API's rules
 * (resident ID checksum, phone pattern, enums) and ID numbers protected like CustomerService does
 * (keyed hash, AES-GCM ciphertext, masked form, prefix search keys). A batch is COPYed into a
 * temporary staging table, checked against configuration (districts, statuses, …) and existing
 * customers in SQL, and inserted with one INSERT … SELECT … ON CONFLICT DO NOTHING: idempotent by
 * externalId, rows of closed customers skipped, unknown references rejected with a reason.
 */
@Injectable()
@ProvidesImportTarget()
export class CustomerImportTarget implements ImportTarget<CustomerImportRow> {
  readonly kind = 'customers' as const;
  readonly columns = COLUMNS;
  private readonly cipher: PersonalDataCipher;
  private readonly prefixCache = new Map<string, string>();
  private schema?: Promise<CustomerSchema>;

  constructor(
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) config: Pick<NodeConfig, 'piiKey'>,
  ) {
    if (!config.piiKey) throw new Error('The customer import runs on city nodes only (CRM_PII_KEY missing)');
    this.cipher = new PersonalDataCipher(config.piiKey);
  }

  parse(raw: Readonly<Record<string, string>>): ParsedRow<CustomerImportRow> {
    const problems: string[] = [];
    const text = (name: string): string | null => {
      const v = raw[name]?.trim();
      return v ? v : null;
    };
    const required = (name: string): string => {
      const v = text(name);
      if (v === null) problems.push(`${name}: required`);
      return v ?? '';
    };
    const check = <T extends string>(name: string, v: string | null, ok: (v: string) => boolean, what: string): T | null => {
      if (v !== null && !ok(v)) problems.push(`${name}: ${what}`);
      return v as T | null;
    };
    const oneOf = <T extends string>(name: string, v: string | null, values: string[]): T | null =>
      check<T>(name, v === null ? null : v.toLowerCase(), (x) => values.includes(x), `must be one of ${values.join(', ')}`);
    const maxLength = (name: string, v: string | null, max: number): string | null => check(name, v, (x) => x.length <= max, `at most ${max} characters`);

    const externalId = check<string>('externalId', required('externalId') || null, (v) => EXTERNAL_ID_PATTERN.test(v), 'must be 1-64 letters, digits or . _ : -') ?? '';
    const name = maxLength('name', required('name') || null, 100) ?? '';
    const customerType = oneOf<CustomerType>('customerType', required('customerType') || null, CUSTOMER_TYPES);
    const gender = oneOf<Gender>('gender', text('gender'), GENDERS);
    const birthDate = check<string>('birthDate', text('birthDate'), isCalendarDate, 'must be a calendar date YYYY-MM-DD');
    const districtCode = check<string>('districtCode', required('districtCode') || null, (v) => /^\d{6}$/.test(v), 'must be a 6-digit district code') ?? '';
    const address = maxLength('address', text('address'), 200);
    const phone = check<string>('phone', required('phone') || null, (v) => PHONE_PATTERN.test(v), 'must be a mainland mobile or fixed-line number') ?? '';
    const idType = oneOf<IdType>('idType', required('idType') || null, ID_TYPES);
    const idNumberText = required('idNumber');
    if (idNumberText && idType && ID_TYPES.includes(idType) && !isValidIdNumber(idType, idNumberText)) {
      problems.push(
        idType === IdType.ResidentId
          ? 'idNumber: not a valid 18-character resident ID (GB 11643: birth date and check digit)'
          : idType === IdType.BusinessLicense
            ? 'idNumber: not a valid 18-character unified social credit code'
            : 'idNumber: must be 5-20 letters or digits',
      );
    }
    const status = check<string>('status', text('status'), (v) => CODE_PATTERN.test(v), 'must be a status code') ?? CustomerStatus.Active;
    const occupation = maxLength('occupation', text('occupation'), 50);
    const industryCode = check<string>('industryCode', text('industryCode'), (v) => INDUSTRY_PATTERN.test(v), 'must be an industry code');
    const education = oneOf<Education>('education', text('education'), EDUCATIONS);
    const subClass = oneOf<ResidentialSubClass>('subClass', text('subClass'), SUB_CLASSES);
    if (subClass && customerType && customerType !== CustomerType.PublicResidential && CUSTOMER_TYPES.includes(customerType)) {
      problems.push('subClass: only for public residential customers');
    }
    const contactPhone = check<string>('contactPhone', text('contactPhone'), (v) => PHONE_PATTERN.test(v), 'must be a mainland mobile or fixed-line number');
    const levelCode = check<string>('levelCode', text('levelCode'), (v) => CODE_PATTERN.test(v), 'must be a level code');
    const hallCode = check<string>('hallCode', text('hallCode'), (v) => CODE_PATTERN.test(v), 'must be a business hall code');
    const acquisitionChannel = oneOf<AcquisitionChannel>('acquisitionChannel', text('acquisitionChannel'), CHANNELS);
    if (problems.length) return { error: problems.join('; ') };

    const id = normalizeIdNumber(idNumberText);
    return {
      row: {
        externalId,
        name,
        customerType: customerType!,
        gender,
        birthDate,
        districtCode,
        address,
        phone,
        idType: idType!,
        idNumberHash: this.cipher.hash(idType!, id),
        idNumberEncrypted: this.cipher.encrypt(id),
        idNumberMasked: maskIdNumber(id),
        idPrefixKeys: this.prefixKeys(id),
        status,
        occupation,
        industryCode,
        education,
        subClass,
        contactPhone,
        levelCode,
        hallCode,
        acquisitionChannel,
      },
    };
  }

  async write(manager: EntityManager, rows: CustomerImportRow[], ctx: ImportContext): Promise<WriteResult> {
    if (!rows.length) return { inserted: 0, skipped: 0, rejected: [] };
    const schema = await this.schemaOf(manager);
    const client = (await manager.queryRunner?.connect()) as PoolClient | undefined;
    if (!client || !manager.queryRunner?.isTransactionActive) throw new Error('CustomerImportTarget.write needs the manager of a transaction');

    // 1. the batch into a staging table, with COPY
    const columns = schema.columns;
    await manager.query(`CREATE TEMP TABLE ${STAGE} (idx integer NOT NULL, ${columns.map((c) => `${c.column} ${c.type}`).join(', ')}) ON COMMIT DROP`);
    const lines: string[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      let line = String(i);
      for (const c of columns) line += `\t${copyText(c.value(rows[i]))}`;
      lines[i] = line;
    }
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(`COPY ${STAGE} (idx, ${columns.map((c) => c.column).join(', ')}) FROM STDIN`));
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(`${lines.join('\n')}\n`);
    });

    // 2. rows already present (active or closed customer) are skipped; unknown references rejected
    const refChecks = schema.foreignKeys.map(
      (fk) => `CASE WHEN s.${fk.column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ident(fk.refTable)} r WHERE r.${ident(fk.refColumn)} = s.${fk.column}) THEN '${fk.column}' END`,
    );
    const problems: { idx: number; present: boolean; bad: string[] }[] = await manager.query(
      `SELECT idx, present, bad FROM (
         SELECT s.idx,
                EXISTS (SELECT 1 FROM customer c WHERE c.external_id = s.external_id AND c.deleted_at IS NULL)
                  OR EXISTS (SELECT 1 FROM customer c WHERE c.external_id = s.external_id AND c.external_id IS NOT NULL AND c.deleted_at IS NOT NULL) AS present,
                array_remove(ARRAY[${refChecks.length ? refChecks.join(', ') : 'NULL'}]::text[], NULL) AS bad
         FROM ${STAGE} s) x
       WHERE present OR cardinality(bad) > 0`,
    );
    const rejected: WriteResult['rejected'] = [];
    let skipped = 0;
    for (const p of problems) {
      if (p.present) skipped += 1;
      else {
        const r = rows[p.idx] as unknown as Record<string, string>;
        rejected.push({ index: p.idx, reason: p.bad.map((column) => `${camel(column)} ${r[camel(column)]} ${REFERENCE_PROBLEMS[column] ?? 'refers to configuration that does not exist'}`).join('; ') });
      }
    }
    if (problems.length) await manager.query(`DELETE FROM ${STAGE} WHERE idx = ANY($1)`, [problems.map((p) => p.idx)]);

    // 3. one INSERT … SELECT; conflicts (same externalId earlier in the batch, or a taken ID document) insert nothing
    const list = columns.map((c) => c.column).join(', ');
    const history = schema.statusHistory
      ? `, history AS (INSERT INTO customer_status_change (customer_id, from_status, to_status, reason, changed_by) SELECT id, NULL, status, 'imported', $1 FROM ins)`
      : '';
    const inserted: { external_id: string }[] = await manager.query(
      `WITH ins AS (INSERT INTO customer (${list}) SELECT ${list} FROM ${STAGE} ORDER BY idx ON CONFLICT DO NOTHING RETURNING id, external_id, status)${history}
       SELECT external_id FROM ins`,
      schema.statusHistory ? [ctx.actor] : [],
    );
    const attempted = rows.length - problems.length;
    const left: { idx: number; present: boolean }[] =
      inserted.length < attempted
        ? await manager.query(
            `SELECT s.idx, EXISTS (SELECT 1 FROM customer c WHERE c.external_id = s.external_id AND c.deleted_at IS NULL) AS present
             FROM ${STAGE} s WHERE NOT (s.external_id = ANY($1))`,
            [inserted.map((r) => r.external_id)],
          )
        : [];
    // rows repeating an externalId that this batch inserted
    skipped += attempted - inserted.length - left.length;
    for (const l of left) {
      if (l.present) skipped += 1;
      else rejected.push({ index: l.idx, reason: `idNumber: another customer already has this ${rows[l.idx].idType} ID document` });
    }

    if (inserted.length) {
      await this.audit.record(manager, this.actorOf(ctx), {
        action: 'import',
        entityType: 'customer',
        entityId: ctx.importId,
        newValues: { importId: ctx.importId, inserted: inserted.length, skipped, rejected: rejected.length, externalIds: inserted.map((r) => r.external_id) },
      });
    }
    return { inserted: inserted.length, skipped, rejected };
  }

  /** `cipher.prefixKeys(id)`, with the keys of short (shared) prefixes remembered. */
  private prefixKeys(id: string): string[] {
    const keys: string[] = [];
    for (let len = ID_PREFIX_MIN; len < id.length; len++) {
      const prefix = id.slice(0, len);
      let key = len <= CACHED_PREFIX_MAX ? this.prefixCache.get(prefix) : undefined;
      if (key === undefined) {
        key = this.cipher.prefixKey(prefix);
        if (len <= CACHED_PREFIX_MAX) {
          if (this.prefixCache.size >= PREFIX_CACHE_SIZE) this.prefixCache.clear();
          this.prefixCache.set(prefix, key);
        }
      }
      keys.push(key);
    }
    return keys;
  }

  /** The user who started the import, as the job knows them. */
  private actorOf(ctx: ImportContext): RequestActor {
    return { ...systemActor(ctx.requestId), username: ctx.actor, role: 'import' };
  }

  private schemaOf(manager: EntityManager): Promise<CustomerSchema> {
    this.schema ??= readSchema(manager).catch((err: unknown) => {
      this.schema = undefined;
      throw err;
    });
    return this.schema;
  }
}

async function readSchema(manager: EntityManager): Promise<CustomerSchema> {
  const present = new Set(
    ((await manager.query(`SELECT attname FROM pg_attribute WHERE attrelid = 'customer'::regclass AND attnum > 0 AND NOT attisdropped`)) as { attname: string }[]).map((r) => r.attname),
  );
  const columns = [...BASE_COLUMNS, ...OPTIONAL_COLUMNS.filter((c) => present.has(c.column))];
  const written = new Set(columns.map((c) => c.column));
  const foreignKeys = ((await manager.query(
    `SELECT a.attname AS column, rt.relname AS ref_table, ra.attname AS ref_column
     FROM pg_constraint c
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     JOIN pg_class rt ON rt.oid = c.confrelid
     JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
     WHERE c.conrelid = 'customer'::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1
     ORDER BY a.attnum`,
  )) as { column: string; ref_table: string; ref_column: string }[])
    .filter((fk) => written.has(fk.column))
    .map((fk) => ({ column: fk.column, refTable: fk.ref_table, refColumn: fk.ref_column }));
  const [{ history }] = (await manager.query(`SELECT to_regclass('customer_status_change') IS NOT NULL AS history`)) as { history: boolean }[];
  return { columns, foreignKeys, statusHistory: history };
}
