import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { OutageFilterDto } from './dto/outage.dto';

export interface OutageRow {
  id: string; district_code: string; area: string | null; description: string; started_at: Date; ended_at: Date | null;
  affected_customers: number; created_by: string; version: number;
}

const SORT: Record<string, string> = { startedAt: 'o.started_at' };

/** All I/O of service outages. */
@Injectable()
export class OutageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** subscription id → customer id, for the ids that exist. */
  async subscriptionCustomers(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; customer_id: string }[] = await manager.query(`SELECT id, customer_id FROM subscription WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.customer_id]));
  }

  async liveCustomers(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await manager.query(`SELECT id FROM customer WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  async insert(manager: EntityManager, o: { districtCode: string; area: string | null; description: string; startedAt: string; endedAt: string | null; createdBy: string }, customerIds: string[]): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO service_outage (district_code, area, description, started_at, ended_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [o.districtCode, o.area, o.description, o.startedAt, o.endedAt, o.createdBy],
    );
    if (customerIds.length) {
      await manager.query(`INSERT INTO service_outage_customer (outage_id, customer_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [id, customerIds]);
    }
    return id as string;
  }

  async lock(manager: EntityManager, id: string): Promise<{ id: string; started_at: Date; ended_at: Date | null; area: string | null; description: string; version: number } | undefined> {
    const rows = await manager.query(`SELECT id, started_at, ended_at, area, description, version FROM service_outage WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async update(manager: EntityManager, id: string, set: { area: string | null; description: string; endedAt: string | null }): Promise<void> {
    await manager.query(`UPDATE service_outage SET area = $2, description = $3, ended_at = $4, updated_at = now(), version = version + 1 WHERE id = $1`, [id, set.area, set.description, set.endedAt]);
  }

  async customerIds(id: string): Promise<string[]> {
    const rows: { customer_id: string }[] = await this.dataSource.query(`SELECT customer_id FROM service_outage_customer WHERE outage_id = $1 ORDER BY customer_id`, [id]);
    return rows.map((r) => r.customer_id);
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<OutageRow | undefined> {
    const rows = await this.query({ sort: '-startedAt' }, undefined, manager).andWhere('o.id = :id', { id }).getRawMany();
    return rows[0] as OutageRow | undefined;
  }

  async list(f: OutageFilterDto, tz: string, page: number, pageSize: number): Promise<[OutageRow[], number]> {
    const qb = this.query(f, tz);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as OutageRow[], n as number];
  }

  query(f: OutageFilterDto, tz = 'UTC', manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('service_outage', 'o')
      .select(['o.id AS id', 'o.district_code AS district_code', 'o.area AS area', 'o.description AS description', 'o.started_at AS started_at', 'o.ended_at AS ended_at',
        '(SELECT count(*)::int FROM service_outage_customer oc WHERE oc.outage_id = o.id) AS affected_customers', 'o.created_by AS created_by', 'o.version AS version']);
    if (f.districtCode) qb.andWhere('o.district_code = :district', { district: f.districtCode });
    if (f.ongoing === 'true') qb.andWhere('o.ended_at IS NULL');
    if (f.ongoing === 'false') qb.andWhere('o.ended_at IS NOT NULL');
    if (f.from) qb.andWhere(`o.started_at >= (:from::date)::timestamp AT TIME ZONE :tz`, { from: f.from, tz });
    if (f.to) qb.andWhere(`o.started_at < (:to::date + 1)::timestamp AT TIME ZONE :tz`, { to: f.to, tz });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('o.id', 'ASC');
  }
}
