import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException } from '@crm/errors';
import { RecordSpec, Row, SalesRecordRepository, staleVersion } from './sales-record.repository';

const camel = (s: string): string => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Comparable audit value: numbers as numbers, instants as ISO strings. */
function norm(v: unknown, like: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof like === 'number' && typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))) return Number(v);
  return v ?? null;
}

export interface Page<T = Row> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The base functions every sales resource shares (create, list, get, versioned change, delete),
 * each write with its audit entry in the same transaction. Resource services add their rules
 * through the `check` / `build` callbacks, which run inside the transaction.
 */
@Injectable()
export class SalesCrudService {
  constructor(
    readonly repo: SalesRecordRepository,
    private readonly audit: AuditService,
  ) {}

  async page(spec: RecordSpec, q: Record<string, unknown> & { page: number; pageSize: number; sort?: string }, map: (r: Row) => Row = (r) => r): Promise<Page> {
    const [rows, total] = await this.repo.list(spec, q);
    return { items: rows.map(map), total, page: q.page, pageSize: q.pageSize };
  }

  async get(spec: RecordSpec, id: string, manager?: EntityManager): Promise<Row> {
    const row = await this.repo.byId(spec, id, manager);
    if (!row) throw DomainException.notFound(spec.label, id);
    return row;
  }

  async create(spec: RecordSpec, entityType: string, values: Row, actor: RequestActor, check?: (manager: EntityManager) => Promise<void>, after?: (manager: EntityManager, id: string) => Promise<void>): Promise<string> {
    return this.repo.transaction(async (manager) => {
      if (check) await check(manager);
      const id = await this.repo.insert(manager, spec, values);
      if (after) await after(manager, id);
      await this.audit.record(manager, actor, { action: 'create', entityType, entityId: id, newValues: auditable(values) });
      return id;
    });
  }

  /**
   * Locks the row, checks the version (409), lets `build` validate and answer the changed
   * columns (camelCase), writes them and audits old and new values.
   */
  async update(spec: RecordSpec, entityType: string, id: string, version: number, actor: RequestActor, build: (current: Row, manager: EntityManager) => Promise<Row>, touch = true): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const current = await this.lockCamel(manager, spec, id);
      if (current.version !== version) throw staleVersion(spec.label.toLowerCase(), current.version as number, version);
      const changes = Object.fromEntries(Object.entries(await build(current, manager)).filter(([, v]) => v !== undefined));
      const before: Row = {};
      for (const k of Object.keys(changes)) before[k] = norm(current[k], changes[k]);
      const { oldValues, newValues } = changedFields(before, auditable(changes));
      await this.repo.update(manager, spec, id, changes, touch);
      await this.audit.record(manager, actor, { action: 'update', entityType, entityId: id, oldValues, newValues });
    });
  }

  async remove(spec: RecordSpec, entityType: string, id: string, actor: RequestActor, guard?: (current: Row, manager: EntityManager) => Promise<void>): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const current = await this.lockCamel(manager, spec, id);
      if (guard) await guard(current, manager);
      await this.repo.delete(manager, spec, id);
      const oldValues: Row = {};
      for (const [k, v] of Object.entries(current)) if (!['createdAt', 'updatedAt'].includes(k)) oldValues[k] = norm(v, undefined);
      await this.audit.record(manager, actor, { action: 'delete', entityType, entityId: id, oldValues });
    });
  }

  /** The row locked, keys camelCase; 404 when absent. */
  async lockCamel(manager: EntityManager, spec: RecordSpec, id: string): Promise<Row> {
    const raw = await this.repo.lock(manager, spec.table, id, spec.key);
    if (!raw) throw DomainException.notFound(spec.label, id);
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [camel(k), v]));
  }

  record(manager: EntityManager | undefined, actor: RequestActor, entry: Parameters<AuditService['record']>[2]): Promise<void> {
    return this.audit.record(manager, actor, entry);
  }
}

/** Values as the audit log keeps them: JSON text (jsonb parameters) parsed back. */
function auditable(values: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' && (v.startsWith('[') || v.startsWith('{')) ? safeParse(v) : v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

function safeParse(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
