import { Brackets, DataSource, EntityManager, EntityMetadata, SelectQueryBuilder } from 'typeorm';
import { streamRawRows } from '@crm/data-exchange';
import { ReferenceFilter, ReferenceListQuery, ResourceDefinition, Versioned } from './reference-data.types';

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** One entity from the raw columns TypeORM selects for `alias` (`<alias>_<column>`); undefined when all are NULL (no joined row). */
function hydrate<T>(metadata: EntityMetadata, alias: string, raw: Record<string, unknown>): T | undefined {
  const row = metadata.create() as Record<string, unknown>;
  let found = false;
  for (const column of metadata.columns) {
    const value = raw[`${alias}_${column.databaseName}`] ?? null;
    if (value !== null) found = true;
    const transformer = Array.isArray(column.transformer) ? undefined : column.transformer;
    row[column.propertyName] = transformer && value !== null ? transformer.from(value) : value;
  }
  return found ? (row as T) : undefined;
}

/** All I/O of one reference resource, driven by its ResourceDefinition. */
export class ReferenceDataRepository<E extends Versioned, R, Q extends ReferenceListQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly def: ResourceDefinition<E, R, Q>,
  ) {}

  keyOf(row: E): string {
    return String(row[this.def.key]);
  }

  /** The row with its joined relations. */
  findByKey(key: string, manager: EntityManager = this.dataSource.manager): Promise<E | null> {
    return this.select(manager).where(`${this.def.alias}.${this.def.key} = :key`, { key }).getOne();
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
    await manager.createQueryBuilder().delete().from(this.def.target).where(`${this.def.key} = :key`, { key }).execute();
  }

  list(q: Q): Promise<[E[], number]> {
    return this.filtered(q)
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getManyAndCount();
  }

  /** Every row matching the filters, from a server-side cursor (exports of any size). */
  async *stream(q: ReferenceFilter<Q>): AsyncGenerator<E> {
    const qb = this.filtered(q);
    const metadata = this.dataSource.getMetadata(this.def.target);
    for await (const raw of streamRawRows(qb)) {
      const row = hydrate<E>(metadata, this.def.alias, raw)!;
      for (const join of this.def.joins ?? []) {
        const relation = metadata.findRelationWithPropertyPath(join.relation)!;
        (row as Record<string, unknown>)[join.relation] = hydrate(relation.inverseEntityMetadata, join.alias, raw) ?? null;
      }
      yield row;
    }
  }

  private select(manager: EntityManager): SelectQueryBuilder<E> {
    const qb = manager.getRepository(this.def.target).createQueryBuilder(this.def.alias);
    for (const join of this.def.joins ?? []) qb.leftJoinAndSelect(`${this.def.alias}.${join.relation}`, join.alias);
    return qb;
  }

  private filtered(q: ReferenceFilter<Q>): SelectQueryBuilder<E> {
    const { alias } = this.def;
    const qb = this.select(this.dataSource.manager);
    if (q.q) {
      const prefix = `${escapeLike(q.q)}%`;
      qb.andWhere(new Brackets((w) => this.def.searchColumns.forEach((c) => w.orWhere(`${alias}.${c} LIKE :prefix`, { prefix }))));
    }
    this.def.filter?.(qb, q);
    const descending = q.sort.startsWith('-');
    const path = this.def.sorts[q.sort.replace(/^-/, '')];
    if (path) qb.orderBy(`${alias}.${path}`, descending ? 'DESC' : 'ASC');
    return qb.addOrderBy(`${alias}.${this.def.key}`, 'ASC');
  }
}
