import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { DomainException, ErrorCode } from '@crm/errors';

export type Row = Record<string, unknown>;
export type Qb = SelectQueryBuilder<object>;

/** How one sales resource is read (joins, columns answered, filters, sorts) and how its write errors read. */
export interface RecordSpec {
  table: string;
  alias: string;
  label: string;
  /** Primary key column (default id, a uuid). */
  key?: string;
  /** Joins and the select list (camelCase aliases, money as float8, dates as text). */
  base: (qb: Qb) => Qb;
  filters: Record<string, (qb: Qb, value: unknown) => void>;
  sorts: Record<string, string>;
  /** Foreign-key constraint → API field (23503 → 400 naming the field). */
  references: Record<string, string>;
  /** Unique index → API field (23505 → 409 naming the field). */
  uniques: Record<string, string>;
}

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `a.col AS "field"` for each field; `money` fields as float8 (exact below 2^53 fen), `dates` as text. */
export function columns(alias: string, fields: string[], opts: { money?: string[]; dates?: string[] } = {}): string[] {
  return fields.map((f) => {
    const col = `${alias}.${snake(f)}`;
    if (opts.money?.includes(f)) return `${col}::float8 AS "${f}"`;
    if (opts.dates?.includes(f)) return `${col}::text AS "${f}"`;
    return `${col} AS "${f}"`;
  });
}

/** Reference to nothing (23503) → 400 naming the field; duplicate (23505) → 409 naming the field; anything else unchanged. */
export function translateWriteError(err: unknown, spec: Pick<RecordSpec, 'references' | 'uniques' | 'label'>): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const pg = err.driverError as { code?: string; constraint?: string };
  if (pg.code === '23503') {
    const field = spec.references[pg.constraint ?? ''];
    if (!field) return DomainException.conflict(`${spec.label} is still referred to by other records`, [{ field: 'id', problem: `referred to (${pg.constraint})` }]);
    return new DomainException(ErrorCode.ValidationFailed, `${field} refers to nothing that exists`, [{ field, problem: 'unknown reference' }]);
  }
  if (pg.code === '23505') {
    const field = spec.uniques[pg.constraint ?? ''] ?? 'id';
    return DomainException.conflict(`${spec.label} with this ${field} already exists`, [{ field, problem: 'already used' }]);
  }
  if (pg.code === '22003') return new DomainException(ErrorCode.ValidationFailed, 'a number is out of range', [{ field: 'body', problem: 'number out of range' }]);
  return err;
}

export { staleVersion } from '@crm/errors';

/** All generic I/O of the sales tables: filtered, sorted, paginated reads; locked reads; inserts, updates and deletes by column. */
@Injectable()
export class SalesRecordRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  query(spec: RecordSpec, filters: Record<string, unknown>, sort: string | undefined, manager: EntityManager = this.dataSource.manager): Qb {
    const qb = spec.base(manager.createQueryBuilder().from(spec.table, spec.alias));
    for (const [name, apply] of Object.entries(spec.filters)) {
      const value = filters[name];
      if (value !== undefined && value !== null && value !== '') apply(qb, value);
    }
    const key = `${spec.alias}.${spec.key ?? 'id'}`;
    if (sort) {
      const desc = sort.startsWith('-');
      const column = spec.sorts[sort.replace(/^-/, '')];
      if (column) qb.orderBy(column, desc ? 'DESC' : 'ASC', desc ? 'NULLS LAST' : 'NULLS FIRST');
      qb.addOrderBy(key, 'ASC');
    } else qb.orderBy(key, 'ASC');
    return qb;
  }

  async list(spec: RecordSpec, q: Record<string, unknown> & { page: number; pageSize: number; sort?: string }): Promise<[Row[], number]> {
    const qb = this.query(spec, q, q.sort);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((q.page - 1) * q.pageSize).limit(q.pageSize).getRawMany();
    return [rows as Row[], n as number];
  }

  async byId(spec: RecordSpec, id: string, manager?: EntityManager): Promise<Row | undefined> {
    const rows = await this.query(spec, {}, undefined, manager).andWhere(`${spec.alias}.${spec.key ?? 'id'} = :key`, { key: id }).getRawMany();
    return rows[0] as Row | undefined;
  }

  /** The table row (snake_case columns) locked for update. */
  async lock(manager: EntityManager, table: string, id: string, key = 'id'): Promise<Row | undefined> {
    const rows = await manager.query(`SELECT * FROM ${table} WHERE ${key} = $1 FOR UPDATE`, [id]);
    return rows[0] as Row | undefined;
  }

  /** Inserts camelCase values as snake_case columns; answers the key. */
  async insert(manager: EntityManager, spec: Pick<RecordSpec, 'table' | 'key' | 'references' | 'uniques' | 'label'>, values: Row): Promise<string> {
    const entries = Object.entries(values).filter(([, v]) => v !== undefined);
    const key = spec.key ?? 'id';
    try {
      const rows = await manager.query(
        `INSERT INTO ${spec.table} (${entries.map(([k]) => snake(k)).join(', ')}) VALUES (${entries.map((_e, i) => `$${i + 1}`).join(', ')}) RETURNING ${key} AS key`,
        entries.map(([, v]) => v),
      );
      return rows[0].key as string;
    } catch (e) {
      throw translateWriteError(e, spec);
    }
  }

  /** Sets camelCase values, bumps the version (and updated_at when the table has it). */
  async update(manager: EntityManager, spec: Pick<RecordSpec, 'table' | 'key' | 'references' | 'uniques' | 'label'>, id: string, values: Row, touch = true): Promise<void> {
    const entries = Object.entries(values).filter(([, v]) => v !== undefined);
    const sets = [...entries.map(([k], i) => `${snake(k)} = $${i + 2}`), 'version = version + 1', ...(touch ? ['updated_at = now()'] : [])];
    try {
      await manager.query(`UPDATE ${spec.table} SET ${sets.join(', ')} WHERE ${spec.key ?? 'id'} = $1`, [id, ...entries.map(([, v]) => v)]);
    } catch (e) {
      throw translateWriteError(e, spec);
    }
  }

  async delete(manager: EntityManager, spec: Pick<RecordSpec, 'table' | 'key' | 'references' | 'uniques' | 'label'>, id: string): Promise<void> {
    try {
      await manager.query(`DELETE FROM ${spec.table} WHERE ${spec.key ?? 'id'} = $1`, [id]);
    } catch (e) {
      throw translateWriteError(e, spec);
    }
  }

  /** Whether a live (not closed) customer exists. */
  async customerExists(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM customer WHERE id = $1 AND deleted_at IS NULL`, [id])).length > 0;
  }

  async unknownProducts(manager: EntityManager, codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows: { code: string }[] = await manager.query(`SELECT code FROM product WHERE code = ANY($1::text[])`, [codes]);
    const known = new Set(rows.map((r) => r.code));
    return codes.filter((c) => !known.has(c));
  }
}
