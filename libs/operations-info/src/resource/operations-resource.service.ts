import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException } from '@crm/errors';
import { Page, pageOf } from '@crm/platform';
import { translateDeleteError, translateWriteError } from '@crm/database';
import { OperationsResourceRepository } from './operations-resource.repository';
import { ExportSpec, FilterContext, ResourceDefinition, ResourceFilter, ResourceListQuery, ResourceOperations, Versioned, VersionedChange } from './operations-resource.types';

/** Copies the given (defined) fields of a DTO onto a row; `version` is never copied. */
function assign<E extends Versioned>(row: E, changes: object): void {
  for (const [field, value] of Object.entries(changes)) {
    if (field !== 'version' && value !== undefined) (row as Record<string, unknown>)[field] = value;
  }
}

const jsonSafe = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v ?? null);

/**
 * Create (one or many) / list / export / read / modify / delete for an operations resource (經營信息):
 * every write in one transaction with its audit entry, optimistic locking on `version`, and
 * database refusals turned into 4xx answers. A resource subclasses it with its ResourceDefinition.
 */
export abstract class OperationsResourceService<E extends Versioned, R, C extends object, U extends VersionedChange, Q extends ResourceListQuery>
  implements ResourceOperations<R, C, U, Q>
{
  protected readonly rows: OperationsResourceRepository<E, R, Q>;

  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly audit: AuditService,
    protected readonly def: ResourceDefinition<E, R, Q>,
    protected readonly ctx: FilterContext,
  ) {
    this.rows = new OperationsResourceRepository(dataSource, def);
  }

  get exportSpec(): ExportSpec<R> {
    return this.def.export;
  }

  async create(dto: C, actor: RequestActor): Promise<R> {
    const [key] = await this.write('', (manager) => this.insertAll(manager, [dto], actor));
    return this.read(key, actor);
  }

  /** 批量導入: all rows or none, each audited; a refused row is named by its index (`items.3.field`). */
  async createMany(dtos: C[], actor: RequestActor): Promise<R[]> {
    const keys = await this.write('', (manager) => this.insertAll(manager, dtos, actor));
    const answers: R[] = [];
    for (const key of keys) answers.push(await this.read(key, actor));
    return answers;
  }

  async list(q: Q, actor: RequestActor): Promise<Page<R>> {
    const [rows, total] = await this.rows.list(q, this.ctx);
    if (this.def.personalData && actor.personalData && rows.length) {
      await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: this.def.entityType, newValues: { ids: rows.map((r) => this.rows.keyOf(r)) } });
    }
    return pageOf(
      rows.map((r) => this.def.toResponse(r, actor)),
      total,
      q,
    );
  }

  /** The rows of an export, answered as the list answers them (masked alike). Records the export first. */
  async exportRows(q: ResourceFilter<Q>, actor: RequestActor): Promise<AsyncIterable<R>> {
    const personalData = !!this.def.personalData && actor.personalData;
    await this.audit.record(undefined, actor, { action: 'export', entityType: this.def.entityType, newValues: { filters: { ...q }, personalData } });
    const { rows, def, ctx } = this;
    return (async function* () {
      for await (const row of rows.stream(q, ctx)) yield def.toResponse(row, actor);
    })();
  }

  async get(key: string, actor: RequestActor): Promise<R> {
    const answer = await this.read(key, actor);
    if (this.def.personalData && actor.personalData) {
      await this.audit.record(undefined, actor, { action: 'read-personal-data', entityType: this.def.entityType, entityId: key });
    }
    return answer;
  }

  async update(key: string, dto: U, actor: RequestActor): Promise<R> {
    await this.write(key, async (manager) => {
      const row = await this.locked(manager, key);
      if (row.version !== dto.version) {
        throw DomainException.conflict(`${this.def.label} ${key} was changed by someone else: version ${dto.version} is stale, the current version is ${row.version}`, [
          { field: 'version', problem: `stale (current ${row.version})` },
        ]);
      }
      const before = this.auditValues(row);
      assign(row, dto);
      await this.def.validate?.(manager, row, true);
      const saved = await this.rows.save(manager, row);
      const { oldValues, newValues } = changedFields(before, this.auditValues(saved));
      if (Object.keys(newValues).length) {
        await this.audit.record(manager, actor, { action: 'update', entityType: this.def.entityType, entityId: key, oldValues, newValues });
      }
    });
    return this.read(key, actor);
  }

  async remove(key: string, actor: RequestActor): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const row = await this.locked(manager, key);
        await this.rows.delete(manager, key);
        await this.audit.record(manager, actor, { action: 'delete', entityType: this.def.entityType, entityId: key, oldValues: this.auditValues(row) });
      });
    } catch (err) {
      throw translateDeleteError(err, { label: this.def.label, key });
    }
  }

  /** The answer for one row, without auditing (callers decide). */
  protected async read(key: string, viewer: RequestActor): Promise<R> {
    const row = await this.rows.findByKey(key);
    if (!row) throw DomainException.notFound(this.def.label, key);
    return this.def.toResponse(row, viewer);
  }

  private async insertAll(manager: EntityManager, dtos: C[], actor: RequestActor): Promise<string[]> {
    const keys: string[] = [];
    for (const [index, dto] of dtos.entries()) {
      try {
        const row = manager.create(this.def.target);
        assign(row, dto);
        if (this.def.createdByField) (row as Record<string, unknown>)[this.def.createdByField] = actor.username;
        await this.def.validate?.(manager, row, false);
        const created = await this.rows.insert(manager, row);
        const stored = (await this.rows.lockByKey(manager, created))!;
        await this.audit.record(manager, actor, { action: 'create', entityType: this.def.entityType, entityId: created, newValues: this.auditValues(stored) });
        keys.push(created);
      } catch (err) {
        throw dtos.length > 1 ? prefixFields(this.translate(err, ''), `items.${index}`) : err;
      }
    }
    return keys;
  }

  private async locked(manager: EntityManager, key: string): Promise<E> {
    const row = await this.rows.lockByKey(manager, key);
    if (!row) throw DomainException.notFound(this.def.label, key);
    return row;
  }

  private auditValues(row: E): Record<string, unknown> {
    if (this.def.auditValues) return this.def.auditValues(row);
    const metadata = this.dataSource.getMetadata(this.def.target);
    return Object.fromEntries(metadata.columns.map((c) => [c.propertyName, jsonSafe(row[c.propertyName])]));
  }

  private translate(err: unknown, key: string): unknown {
    return translateWriteError(err, { label: this.def.label, key, references: this.def.references, uniques: this.def.uniques });
  }

  private async write<T>(key: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (err) {
      throw this.translate(err, key);
    }
  }
}

/** Names the row of a bulk import in a refusal's fields (`items.3.productCode`). */
function prefixFields(err: unknown, prefix: string): unknown {
  if (!(err instanceof DomainException)) return err;
  const details = (err.details ?? []).map((d) => ({ ...d, field: d.field ? `${prefix}.${d.field}` : prefix }));
  return new DomainException(err.code, `${prefix}: ${err.message}`, details.length ? details : [{ field: prefix, problem: err.message }]);
}
