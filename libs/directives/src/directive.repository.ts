import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Directive, DirectiveReceipt } from './entities';

export type NewDirective = Omit<Directive, 'id'>;

/** Every read and write of directives and their receipts. */
@Injectable()
export class DirectiveRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The next version of `key` issued by `origin`; serialised per key for the transaction. */
  async nextVersion(manager: EntityManager, origin: string, key: string): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('directive:' || $1 || ':' || $2))`, [origin, key]);
    const [{ v }] = await manager.query(`SELECT coalesce(max(version), 0) + 1 AS v FROM directive WHERE origin_node = $1 AND key = $2`, [origin, key]);
    return Number(v);
  }

  /** Inserts the directive unless that version is already here; answers the row and whether it is new. */
  async insert(manager: EntityManager, d: NewDirective): Promise<{ row: Directive; created: boolean }> {
    const res = await manager.createQueryBuilder().insert().into(Directive).values(d as QueryDeepPartialEntity<Directive>).orIgnore().returning(['id']).execute();
    const row = await manager.findOneByOrFail(Directive, { originNode: d.originNode, key: d.key, version: d.version });
    return { row, created: res.raw.length > 0 };
  }

  async highestVersion(manager: EntityManager, origin: string, key: string): Promise<number> {
    const [{ v }] = await manager.query(`SELECT coalesce(max(version), 0) AS v FROM directive WHERE origin_node = $1 AND key = $2`, [origin, key]);
    return Number(v);
  }

  /** Records that `node` applied a version; a repeated report keeps the first time. */
  async recordReceipt(manager: EntityManager, r: Pick<DirectiveReceipt, 'originNode' | 'key' | 'version' | 'nodeCode' | 'appliedAt'>): Promise<boolean> {
    const res = await manager.createQueryBuilder().insert().into(DirectiveReceipt).values(r).orIgnore().returning(['node_code']).execute();
    return res.raw.length > 0;
  }

  findById(id: string): Promise<Directive | null> {
    return this.dataSource.getRepository(Directive).findOneBy({ id });
  }

  async page(q: { kind?: string; key?: string; origin?: string }, page: number, pageSize: number): Promise<[(Directive & { current: boolean })[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.kind) where.push(`d.kind = $${params.push(q.kind)}`);
    if (q.key) where.push(`d.key = $${params.push(q.key)}`);
    if (q.origin) where.push(`d.origin_node = $${params.push(q.origin)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM directive d ${filter}`, params);
    const rows = await this.dataSource.query(
      `SELECT d.id, d.origin_node, d.key, d.version, d.kind, d.title, d.content, to_char(d.effective_from, 'YYYY-MM-DD') AS effective_from, d.scope,
              d.issued_at, d.issued_by, d.received_at, d.received_from,
              d.version = (SELECT max(x.version) FROM directive x WHERE x.origin_node = d.origin_node AND x.key = d.key) AS current
       FROM directive d ${filter}
       ORDER BY d.issued_at DESC, d.version DESC
       LIMIT $${params.push(pageSize)} OFFSET $${params.push((page - 1) * pageSize)}`,
      params,
    );
    return [rows.map(fromRow), n];
  }

  /** The highest version of every key (optionally one key or kind) whose effective day has come. */
  async inForce(day: string, q: { key?: string; kind?: string } = {}): Promise<Directive[]> {
    const rows = await this.dataSource.query(
      `SELECT DISTINCT ON (d.origin_node, d.key) d.id, d.origin_node, d.key, d.version, d.kind, d.title, d.content,
              to_char(d.effective_from, 'YYYY-MM-DD') AS effective_from, d.scope, d.issued_at, d.issued_by, d.received_at, d.received_from
       FROM directive d
       WHERE d.effective_from <= $1::date AND ($2::varchar IS NULL OR d.key = $2) AND ($3::varchar IS NULL OR d.kind = $3)
       ORDER BY d.origin_node, d.key, d.version DESC`,
      [day, q.key ?? null, q.kind ?? null],
    );
    return rows.map(fromRow);
  }

  /** Per node, the highest version of (origin, key) it reported applying. */
  async latestReceipts(origin: string, key: string): Promise<Map<string, { version: number; appliedAt: Date }>> {
    const rows: { node_code: string; version: number; applied_at: Date }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (node_code) node_code, version, applied_at FROM directive_receipt WHERE origin_node = $1 AND key = $2 ORDER BY node_code, version DESC`,
      [origin, key],
    );
    return new Map(rows.map((r) => [r.node_code, { version: r.version, appliedAt: r.applied_at }]));
  }
}

function fromRow(r: Record<string, unknown>): Directive & { current: boolean } {
  return {
    id: r.id as string,
    originNode: r.origin_node as string,
    key: r.key as string,
    version: Number(r.version),
    kind: r.kind as string,
    title: r.title as string,
    content: r.content as Record<string, unknown>,
    effectiveFrom: r.effective_from as string,
    scope: (r.scope as string[] | null) ?? null,
    issuedAt: r.issued_at as Date,
    issuedBy: r.issued_by as string,
    receivedAt: (r.received_at as Date | null) ?? null,
    receivedFrom: (r.received_from as string | null) ?? null,
    current: r.current === undefined ? true : Boolean(r.current),
  };
}
