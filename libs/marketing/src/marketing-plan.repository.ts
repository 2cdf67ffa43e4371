import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { PlanState } from '@crm/planning';
import { MarketingPlanFilterDto } from './dto/marketing-plan.dto';
import { likeEscape } from './market-research.repository';

export interface MarketingPlanRow {
  id: string; title: string; objective: string; period_from: string; period_to: string; owner_staff_id: string | null; budget_fen: string | null; control_group_percent: number;
  content: string | null; state: PlanState; created_by: string; created_at: Date; updated_at: Date; version: number;
}

export interface PlanWrite {
  title: string; objective: string; periodFrom: string; periodTo: string; ownerStaffId: string | null; budgetFen: number | null; controlGroupPercent: number; content: string | null;
}

const SORT: Record<string, string> = { createdAt: 'p.created_at', periodFrom: 'p.period_from', title: 'p.title' };

/** All I/O of marketing plans, their (transitions, stage results and evaluations go through @crm/planning's PlanWorkflow). */
@Injectable()
export class MarketingPlanRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, p: PlanWrite, by: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO marketing_plan (title, objective, period_from, period_to, owner_staff_id, budget_fen, control_group_percent, content, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [p.title, p.objective, p.periodFrom, p.periodTo, p.ownerStaffId, p.budgetFen, p.controlGroupPercent, p.content, by],
    );
    return id as string;
  }

  async update(manager: EntityManager, id: string, p: PlanWrite): Promise<void> {
    await manager.query(
      `UPDATE marketing_plan SET title = $2, objective = $3, period_from = $4, period_to = $5, owner_staff_id = $6, budget_fen = $7, control_group_percent = $8, content = $9,
              updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, p.title, p.objective, p.periodFrom, p.periodTo, p.ownerStaffId, p.budgetFen, p.controlGroupPercent, p.content],
    );
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM marketing_plan WHERE id = $1`, [id]);
  }

  /** Campaign ids of the plan by status. */
  async campaigns(planId: string, manager: EntityManager = this.dataSource.manager): Promise<{ id: string; status: string }[]> {
    return manager.query(`SELECT id, status FROM campaign WHERE plan_id = $1 ORDER BY created_at, id`, [planId]);
  }

  async lock(manager: EntityManager, id: string): Promise<MarketingPlanRow | undefined> {
    const found = await manager.query(`SELECT id FROM marketing_plan WHERE id = $1 FOR UPDATE`, [id]);
    if (!found.length) return undefined;
    const rows = await this.query({ sort: '-createdAt' }, manager).andWhere('p.id = :id', { id }).getRawMany();
    return rows[0] as MarketingPlanRow | undefined;
  }

  async byId(id: string): Promise<MarketingPlanRow | undefined> {
    const rows = await this.query({ sort: '-createdAt' }).andWhere('p.id = :id', { id }).getRawMany();
    return rows[0] as MarketingPlanRow | undefined;
  }

  async list(f: MarketingPlanFilterDto, page: number, pageSize: number): Promise<[MarketingPlanRow[], number]> {
    const qb = this.query(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as MarketingPlanRow[], n as number];
  }

  query(f: MarketingPlanFilterDto, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<object> {
    const qb = manager
      .createQueryBuilder()
      .from('marketing_plan', 'p')
      .select(['p.id AS id', 'p.title AS title', 'p.objective AS objective', 'p.period_from::text AS period_from', 'p.period_to::text AS period_to', 'p.owner_staff_id AS owner_staff_id',
        'p.budget_fen::text AS budget_fen', 'p.control_group_percent AS control_group_percent', 'p.content AS content', 'p.state AS state',
        'p.created_by AS created_by', 'p.created_at AS created_at', 'p.updated_at AS updated_at', 'p.version AS version']);
    if (f.state) qb.andWhere('p.state = :state', { state: f.state });
    if (f.ownerStaffId) qb.andWhere('p.owner_staff_id = :owner', { owner: f.ownerStaffId });
    if (f.activeOn) qb.andWhere(':activeOn::date BETWEEN p.period_from AND p.period_to', { activeOn: f.activeOn });
    if (f.q?.trim()) qb.andWhere(`p.title ILIKE :q ESCAPE '\\'`, { q: likeEscape(f.q.trim()) });
    return qb.orderBy(SORT[f.sort.replace('-', '')], f.sort.startsWith('-') ? 'DESC' : 'ASC').addOrderBy('p.id', 'ASC');
  }
}
