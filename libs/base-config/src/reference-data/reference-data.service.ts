import { DataSource, EntityManager } from 'typeorm';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException } from '@crm/errors';
import { Page, pageOf } from '@crm/platform';
import { translateDeleteError, translateWriteError } from '@crm/database';
import { ReferenceDataRepository } from './reference-data.repository';
import { ExportSpec, ReferenceFilter, ReferenceListQuery, ReferenceOperations, ResourceDefinition, Versioned, VersionedChange } from './reference-data.types';

/** Copies the given (defined) fields of a DTO onto a row; `version` is never copied. */
function assign<E extends Versioned>(row: E, changes: object): void {
  for (const [field, value] of Object.entries(changes)) {
    if (field !== 'version' && value !== undefined) (row as Record<string, unknown>)[field] = value;
  }
}

/**
 * Create / list / export / read / modify / delete for a reference resource (基礎配置): every
 * write in one transaction with its audit entry, optimistic locking on `version`, and database
 * refusals turned into 4xx answers. A resource subclasses it with its ResourceDefinition.
 */
export abstract class ReferenceDataService<E extends Versioned, R, C extends object, U extends VersionedChange, Q extends ReferenceListQuery>
  implements ReferenceOperations<R, C, U, Q>
{
  protected readonly rows: ReferenceDataRepository<E, R, Q>;

  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly audit: AuditService,
    protected readonly def: ResourceDefinition<E, R, Q>,
  ) {
    this.rows = new ReferenceDataRepository(dataSource, def);
  }

  get exportSpec(): ExportSpec<R> {
    return this.def.export;
  }

  async create(dto: C, actor: RequestActor): Promise<R> {
    const row = this.dataSource.manager.create(this.def.target);
    assign(row, dto);
    const requested = row[this.def.key] === undefined ? '' : String(row[this.def.key]);
    const key = await this.write(requested, async (manager) => {
      await this.def.validate?.(manager, row);
      const created = await this.rows.insert(manager, row);
      const stored = (await this.rows.lockByKey(manager, created))!;
      await this.audit.record(manager, actor, { action: 'create', entityType: this.def.entityType, entityId: created, newValues: this.auditValues(stored) });
      return created;
    });
    return this.read(key, actor);
  }

  async list(q: Q, actor: RequestActor): Promise<Page<R>> {
    const [rows, total] = await this.rows.list(q);
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
  async exportRows(q: ReferenceFilter<Q>, actor: RequestActor): Promise<AsyncIterable<R>> {
    const personalData = !!this.def.personalData && actor.personalData;
    await this.audit.record(undefined, actor, { action: 'export', entityType: this.def.entityType, newValues: { filters: { ...q }, personalData } });
    const { rows, def } = this;
    return (async function* () {
      for await (const row of rows.stream(q)) yield def.toResponse(row, actor);
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
      await this.def.validate?.(manager, row);
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
        this.def.assertDeletable?.(row);
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

  private async locked(manager: EntityManager, key: string): Promise<E> {
    const row = await this.rows.lockByKey(manager, key);
    if (!row) throw DomainException.notFound(this.def.label, key);
    return row;
  }

  private auditValues(row: E): Record<string, unknown> {
    if (this.def.auditValues) return this.def.auditValues(row);
    const metadata = this.dataSource.getMetadata(this.def.target);
    return Object.fromEntries(metadata.columns.map((c) => [c.propertyName, row[c.propertyName] ?? null]));
  }

  private async write<T>(key: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (err) {
      throw translateWriteError(err, { label: this.def.label, key, references: this.def.references, uniques: this.def.uniques });
    }
  }
}
