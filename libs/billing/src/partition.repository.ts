import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Arbitrary key of the advisory lock under which partitions are created (one creator at a time). */
const PARTITION_LOCK_KEY = 726_102;

/** Identifiers come from PARTITIONED_TABLES and computed months only; still, refuse anything else. */
const IDENT = /^[a-z][a-z0-9_]{0,62}$/;
const ident = (name: string): string => {
  if (!IDENT.test(name)) throw new Error(`Not a plain identifier: ${name}`);
  return name;
};

/** Partition bounds are computed (`2026-01-01` or `2026-01-01 00:00:00+08:00`); refuse anything else. */
const bound = (value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$/.test(value)) throw new Error(`Not a partition bound: ${value}`);
  return value;
};

/** DDL of monthly partitions (PostgreSQL declarative partitioning). */
@Injectable()
export class PartitionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [PARTITION_LOCK_KEY]);
  }

  async exists(manager: EntityManager, name: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public.${ident(name)}`]);
    return row.present as boolean;
  }

  /** Partitions of `table` with their bounds, as PostgreSQL prints them. */
  async partitions(table: string): Promise<{ name: string; bound: string }[]> {
    return this.dataSource.query(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = $1 ORDER BY c.relname`,
      [table],
    );
  }

  /** The range [from, to) of an existing timestamptz range partition, or null when there is none. */
  async rangeOf(manager: EntityManager, name: string): Promise<{ from: Date; to: Date } | null> {
    const [row] = await manager.query(`SELECT pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_class c WHERE c.oid = to_regclass($1)`, [`public.${ident(name)}`]);
    const m = /^FOR VALUES FROM \('([^']+)'\) TO \('([^']+)'\)$/.exec(row?.bound ?? '');
    if (!m) return null;
    const [r] = await manager.query(`SELECT $1::timestamptz AS "from", $2::timestamptz AS "to"`, [m[1], m[2]]);
    return { from: r.from as Date, to: r.to as Date };
  }

  /** Rows the DEFAULT partition holds in [from, to). */
  async countInDefault(manager: EntityManager, table: string, column: string, from: string, to: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM ${ident(`${table}_default`)} WHERE ${ident(column)} >= $1 AND ${ident(column)} < $2`, [from, to]);
    return row.n as number;
  }

  async create(manager: EntityManager, table: string, name: string, from: string, to: string): Promise<void> {
    await manager.query(`CREATE TABLE ${ident(name)} PARTITION OF ${ident(table)} FOR VALUES FROM ('${bound(from)}') TO ('${bound(to)}')`);
  }

  /**
   * Creates the partition from rows the DEFAULT partition already holds for its range: a new table
   * takes them, they leave the default, and the table is attached; the default is locked meanwhile,
   * so nothing can slip in between. Only for tables no foreign key references.
   */
  async createMovingDefaultRows(manager: EntityManager, table: string, column: string, name: string, from: string, to: string): Promise<void> {
    const def = ident(`${table}_default`);
    await manager.query(`LOCK TABLE ${def} IN ACCESS EXCLUSIVE MODE`);
    await manager.query(`CREATE TABLE ${ident(name)} (LIKE ${ident(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await manager.query(
      `WITH gone AS (DELETE FROM ${def} WHERE ${ident(column)} >= $1 AND ${ident(column)} < $2 RETURNING *) INSERT INTO ${ident(name)} SELECT * FROM gone`,
      [from, to],
    );
    await manager.query(`ALTER TABLE ${ident(table)} ATTACH PARTITION ${ident(name)} FOR VALUES FROM ('${bound(from)}') TO ('${bound(to)}')`);
  }
}
