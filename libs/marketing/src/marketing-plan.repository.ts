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

export interface EvaluationRow {
  plan_id: string; plan_title: string; objective: string; period_from: string; period_to: string; overall_score: number; scores: Record<string, number>;
  notes: string; lessons: string | null; evaluated_at: Date; evaluated_by: string;
}

export interface StageRow { id: string; stage: string; result: string; metrics: Record<string, number>; at: Date; by: string }

const SORT: Record<string, string> = { createdAt: 'p.created_at', periodFrom: 'p.period_from', title: 'p.title' };

/** All I/O of marketing plans, their stage results and evaluations (transitions go through @crm/planning). */
@Injectable()
export class MarketingPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

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

  async setState(manager: EntityManager, id: string, state: PlanState): Promise<void> {
    await manager.query(`UPDATE marketing_plan SET state = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, state]);
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

  async addStageResult(manager: EntityManager, planId: string, s: { stage: string; result: string; metrics: Record<string, number> }, by: string): Promise<StageRow> {
    const [row] = await manager.query(
      `INSERT INTO marketing_plan_stage_result (plan_id, stage, result, metrics, by) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id, stage, result, metrics, at, by`,
      [planId, s.stage, s.result, JSON.stringify(s.metrics), by],
    );
    return row;
  }

  stageResults(planId: string): Promise<StageRow[]> {
    return this.dataSource.query(`SELECT id::text AS id, stage, result, metrics, at, by FROM marketing_plan_stage_result WHERE plan_id = $1 ORDER BY at, id`, [planId]);
  }

  async addEvaluation(manager: EntityManager, planId: string, e: { overallScore: number; scores: Record<string, number>; notes: string; lessons: string | null }, by: string): Promise<void> {
    await manager.query(
      `INSERT INTO marketing_plan_evaluation (plan_id, overall_score, scores, notes, lessons, evaluated_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [planId, e.overallScore, JSON.stringify(e.scores), e.notes, e.lessons, by],
    );
  }

  /** Evaluations, newest first: of one plan, or the latest `limit` (optionally of plans other than `exceptPlanId`). */
  evaluations(limit: number, planId?: string, exceptPlanId?: string): Promise<EvaluationRow[]> {
    return this.dataSource.query(
      `SELECT e.plan_id, p.title AS plan_title, p.objective, p.period_from::text AS period_from, p.period_to::text AS period_to, e.overall_score, e.scores, e.notes, e.lessons,
              e.evaluated_at, e.evaluated_by
       FROM marketing_plan_evaluation e JOIN marketing_plan p ON p.id = e.plan_id
       WHERE ($2::uuid IS NULL OR e.plan_id = $2::uuid) AND ($3::uuid IS NULL OR e.plan_id <> $3::uuid)
       ORDER BY e.evaluated_at DESC, e.id DESC LIMIT $1`,
      [limit, planId ?? null, exceptPlanId ?? null],
    );
  }
}
