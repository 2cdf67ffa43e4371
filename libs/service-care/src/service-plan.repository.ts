import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { PlanState } from '@crm/planning';
import { ServicePlanFilterDto } from './dto/service-plan.dto';

export interface ServicePlanRow {
  id: string; title: string; objective: string; scope_districts: string[]; scope_segments: string[]; scope_note: string | null; period_from: string; period_to: string;
  owner_staff_id: string | null; content: string | null; state: PlanState; created_by: string; created_at: Date; updated_at: Date; version: number;
}

export interface PlanWrite {
  title: string; objective: string; scopeDistricts: string[]; scopeSegments: string[]; scopeNote: string | null; periodFrom: string; periodTo: string; ownerStaffId: string | null; content: string | null;
}

const SORT: Record<string, string> = { createdAt: 'p.created_at', periodFrom: 'p.period_from', title: 'p.title' };

/** All I/O of service plans, their (transitions, stage results and evaluations go through @crm/planning's PlanWorkflow). */
@Injectable()
export class ServicePlanRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async unknownDistricts(codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows: { code: string }[] = await this.dataSource.query(`SELECT code FROM district WHERE code = ANY($1::text[])`, [codes]);
    const known = new Set(rows.map((r) => r.code));
    return codes.filter((c) => !known.has(c));
  }

  async insert(manager: EntityManager, p: PlanWrite, by: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO service_plan (title, objective, scope_districts, scope_segments, scope_note, period_from, period_to, owner_staff_id, content, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [p.title, p.objective, p.scopeDistricts, p.scopeSegments, p.scopeNote, p.periodFrom, p.periodTo, p.ownerStaffId, p.content, by],
    );
    return id as string;
  }

  async update(manager: EntityManager, id: string, p: PlanWrite): Promise<void> {
    await manager.query(
      `UPDATE service_plan SET title = $2, objective = $3, scope_districts = $4, scope_segments = $5, scope_note = $6, period_from = $7, period_to = $8,
              owner_staff_id = $9, content = $10, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, p.title, p.objective, p.scopeDistricts, p.scopeSegments, p.scopeNote, p.periodFrom, p.periodTo, p.ownerStaffId, p.content],
    );
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM service_plan WHERE id = $1`, [id]);
  }

  async lock(manager: EntityManager, id: string): Promise<ServicePlanRow | undefined> {
    const found = await manager.query(`SELECT id FROM service_plan WHERE id = $1 FOR UPDATE`, [id]);
    if (!found.length) return undefined;
    const rows = await this.query({ sort: '-createdAt' }, manager).andWhere('p.id = :id', { id }).getRawMany();
    return rows[0] as ServicePlanRow | undefined;
  }

  async byId(id: string): Promise<ServicePlanRow | undefined> {
    const rows = await this.query({ sort: '-createdAt' }).andWhere('p.id = :id', { id }).getRawMany();
    return rows[0] as ServicePlanRow | undefined;
  }

  async list(f: ServicePlanFilterDto, page: number, pageSize: number): Promise<[ServicePlanRow[], number]> {
    const qb = this.query(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as ServicePlanRow[], n as number];
  }

  query(f: ServicePlanFilterDto, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('service_plan', 'p')
      .select(['p.id AS id', 'p.title AS title', 'p.objective AS objective', 'p.scope_districts AS scope_districts', 'p.scope_segments AS scope_segments', 'p.scope_note AS scope_note',
        'p.period_from::text AS period_from', 'p.period_to::text AS period_to', 'p.owner_staff_id AS owner_staff_id', 'p.content AS content', 'p.state AS state',
        'p.created_by AS created_by', 'p.created_at AS created_at', 'p.updated_at AS updated_at', 'p.version AS version']);
    if (f.state) qb.andWhere('p.state = :state', { state: f.state });
    if (f.ownerStaffId) qb.andWhere('p.owner_staff_id = :owner', { owner: f.ownerStaffId });
    if (f.activeOn) qb.andWhere(':activeOn::date BETWEEN p.period_from AND p.period_to', { activeOn: f.activeOn });
    if (f.q?.trim()) qb.andWhere(`p.title ILIKE :q ESCAPE '\\'`, { q: `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('p.id', 'ASC');
  }
}
