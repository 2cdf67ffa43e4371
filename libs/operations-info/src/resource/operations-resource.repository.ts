import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { streamRawRows } from '@crm/data-exchange';
import { FilterContext, ResourceDefinition, ResourceFilter, ResourceListQuery, Versioned } from './operations-resource.types';

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Rows of an export are read by key from a cursor, then loaded (with their joins) this many at a time. */
const EXPORT_BATCH = 500;

/** All I/O of one operations resource, driven by its ResourceDefinition. */
export class OperationsResourceRepository<E extends Versioned, R, Q extends ResourceListQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly def: ResourceDefinition<E, R, Q>,
  ) {}

  keyOf(row: E): string {
    return String(row[this.def.key]);
  }

  /** The row with its joined relations. */
  findByKey(key: string, manager: EntityManager = this.dataSource.manager): Promise<E | null> {
    return this.select(manager, true).where(`${this.def.alias}.${this.def.key} = :key`, { key }).getOne();
  }

  /** The bare row, locked until the transaction ends (the basis of an update or delete). */
  lockByKey(manager: EntityManager, key: string): Promise<E | null> {
    return manager
      .getRepository(this.def.target)
      .createQueryBuilder(this.def.alias)
      .where(`${this.def.alias}.${this.def.key} = :key`, { key })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Inserts (never updates: a taken key is a 409) and answers the key. */
  async insert(manager: EntityManager, row: E): Promise<string> {
    const result = await manager.insert(this.def.target, row);
    return String(result.identifiers[0]?.[this.def.key] ?? row[this.def.key]);
  }

  save(manager: EntityManager, row: E): Promise<E> {
    return manager.save(this.def.target, row);
  }

  async delete(manager: EntityManager, key: string): Promise<void> {
    await manager.createQueryBuilder().delete().from(this.def.target).where(`${this.keyColumn()} = :key`, { key }).execute();
  }

  list(q: Q, ctx: FilterContext): Promise<[E[], number]> {
    return this.filtered(q, ctx, true)
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getManyAndCount();
  }

  /**
   * Every row matching the filters, in list order: the keys come from a server-side cursor, the
   * rows (with their joins) are loaded a batch at a time, so an export of any size stays small in memory.
   */
  async *stream(q: ResourceFilter<Q>, ctx: FilterContext): AsyncGenerator<E> {
    const { alias } = this.def;
    const keys = this.filtered(q, ctx, false).select(`${alias}.${this.keyColumn()}`, 'k');
    let batch: string[] = [];
    for await (const raw of streamRawRows<E, { k: string }>(keys)) {
      batch.push(String(raw.k));
      if (batch.length === EXPORT_BATCH) {
        yield* await this.load(batch);
        batch = [];
      }
    }
    if (batch.length) yield* await this.load(batch);
  }

  private async load(keys: string[]): Promise<E[]> {
    const rows = await this.select(this.dataSource.manager, true).where(`${this.def.alias}.${this.def.key} IN (:...keys)`, { keys }).getMany();
    const byKey = new Map(rows.map((r) => [this.keyOf(r), r]));
    return keys.map((k) => byKey.get(k)).filter((r): r is E => r !== undefined);
  }

  private keyColumn(): string {
    return this.dataSource.getMetadata(this.def.target).findColumnWithPropertyName(this.def.key)!.databaseName;
  }

  private select(manager: EntityManager, withJoins: boolean): SelectQueryBuilder<E> {
    const qb = manager.getRepository(this.def.target).createQueryBuilder(this.def.alias);
    for (const join of this.def.joins ?? []) {
      const path = join.relation.includes('.') ? join.relation : `${this.def.alias}.${join.relation}`;
      if (withJoins) qb.leftJoinAndSelect(path, join.alias);
      else qb.leftJoin(path, join.alias);
    }
    return qb;
  }

  private filtered(q: ResourceFilter<Q>, ctx: FilterContext, withJoins: boolean): SelectQueryBuilder<E> {
    const { alias } = this.def;
    const qb = this.select(this.dataSource.manager, withJoins);
    if (q.q) {
      const pattern = `%${escapeLike(q.q)}%`;
      qb.andWhere(new Brackets((w) => this.def.searchColumns.forEach((c) => w.orWhere(`${c} ILIKE :pattern`, { pattern }))));
    }
    this.def.filter?.(qb, q, ctx);
    const descending = q.sort.startsWith('-');
    const column = this.def.sorts[q.sort.replace(/^-/, '')];
    if (column) qb.orderBy(column, descending ? 'DESC' : 'ASC');
    return qb.addOrderBy(`${alias}.${this.def.key}`, 'ASC');
  }
}
