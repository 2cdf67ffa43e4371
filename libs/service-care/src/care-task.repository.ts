import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CareTaskFilterDto } from './dto/care-task.dto';
import { CareRule, CareTaskKind, CareTaskStatus } from './service-care.constants';

export interface CareTaskRow {
  id: string; origin: string; rule: string | null; occasion_key: string | null; customer_id: string; customer_name: string; kind: string; title: string;
  notes: string | null; due_date: string; assignee_staff_id: string | null; assignee_name: string | null; department_code: string | null; status: string;
  outcome: string | null; done_at: Date | null; outage_id: string | null; created_by: string; created_at: Date; version: number;
}

export interface LockedTask {
  id: string; status: CareTaskStatus; title: string; notes: string | null; due_date: string; assignee_staff_id: string | null; department_code: string | null;
  outcome: string | null; done_at: Date | null; version: number;
}

/** One task a rule wants: inserted unless its occasion key exists. */
export interface GeneratedTask {
  rule: CareRule;
  occasionKey: string;
  customerId: string;
  kind: CareTaskKind;
  title: string;
  dueDate: string;
  assigneeStaffId: string | null;
  outageId: string | null;
}

export interface VisitCandidate { id: string; account_manager_id: string | null; since: string; last_visit: string | null; live: boolean }
export interface AnniversaryCandidate { id: string; account_manager_id: string | null; since: string }
export interface OutageCandidate { outage_id: string; customer_id: string; account_manager_id: string | null; ended_day: string; description: string; hours: number }

const SORT: Record<string, string> = { dueDate: 't.due_date', createdAt: 't.created_at' };

/** All I/O of care tasks and the reads behind the care rules (customers, subscriptions, outages). */
@Injectable()
export class CareTaskRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Key accounts (type key_individual / key_enterprise, or a key-account level) after `afterId`, with their last done visit and whether a visit is live. */
  visitCandidates(afterId: string | null, limit: number, tz: string): Promise<VisitCandidate[]> {
    return this.dataSource.query(
      `SELECT c.id, c.account_manager_id, (c.created_at AT TIME ZONE $1)::date::text AS since,
              (SELECT max((t.done_at AT TIME ZONE $1)::date)::text FROM care_task t
                WHERE t.customer_id = c.id AND t.kind = 'visit' AND t.status = 'done' AND t.deleted_at IS NULL) AS last_visit,
              EXISTS (SELECT 1 FROM care_task t WHERE t.customer_id = c.id AND t.kind = 'visit' AND t.status IN ('open', 'assigned') AND t.deleted_at IS NULL) AS live
       FROM customer c
       WHERE c.deleted_at IS NULL AND (c.customer_type IN ('key_individual', 'key_enterprise') OR c.key_account_level IS NOT NULL)
         AND ($2::uuid IS NULL OR c.id > $2::uuid)
       ORDER BY c.id LIMIT $3`,
      [tz, afterId, limit],
    );
  }

  /**
   * Live customers after `afterId` (a batch of `limit` scanned) whose tenure start — the first
   * subscription's start, else the customer's creation, as a city date (as @crm/billing derives
   * 在網年限) — falls on one of `monthDays` (`MM-DD`). Returns the matches and the last id scanned.
   */
  async anniversaryCandidates(afterId: string | null, limit: number, tz: string, monthDays: string[]): Promise<{ rows: AnniversaryCandidate[]; last: string | null }> {
    const rows: (AnniversaryCandidate & { hit: boolean })[] = await this.dataSource.query(
      `WITH b AS (SELECT c.id, c.account_manager_id,
                         (coalesce((SELECT min(s.started_at) FROM subscription s WHERE s.customer_id = c.id), c.created_at) AT TIME ZONE $1)::date AS since
                  FROM customer c WHERE c.deleted_at IS NULL AND ($2::uuid IS NULL OR c.id > $2::uuid) ORDER BY c.id LIMIT $3)
       SELECT id, account_manager_id, since::text AS since, to_char(since, 'MM-DD') = ANY($4::text[]) AS hit FROM b ORDER BY id`,
      [tz, afterId, limit, monthDays],
    );
    return { rows: rows.filter((r) => r.hit), last: rows.length ? rows[rows.length - 1].id : null };
  }

  /** Affected live customers of outages that lasted ≥ minHours and ended in (until − lookbackDays, until]. */
  outageCandidates(until: Date, lookbackDays: number, minHours: number, tz: string): Promise<OutageCandidate[]> {
    return this.dataSource.query(
      `SELECT o.id AS outage_id, oc.customer_id, c.account_manager_id, (o.ended_at AT TIME ZONE $4)::date::text AS ended_day, o.description,
              floor(extract(epoch FROM o.ended_at - o.started_at) / 3600)::int AS hours
       FROM service_outage o
       JOIN service_outage_customer oc ON oc.outage_id = o.id
       JOIN customer c ON c.id = oc.customer_id AND c.deleted_at IS NULL
       WHERE o.ended_at IS NOT NULL AND o.ended_at <= $1 AND o.ended_at > $1 - make_interval(days => $2)
         AND o.ended_at - o.started_at >= make_interval(hours => $3)
       ORDER BY o.id, oc.customer_id`,
      [until, lookbackDays, minHours, tz],
    );
  }

  /** Inserts the tasks whose occasion key is new (ON CONFLICT DO NOTHING) with their first history row; returns those created. */
  async insertGenerated(manager: EntityManager, tasks: GeneratedTask[], by: string): Promise<{ id: string; rule: CareRule; status: string }[]> {
    if (!tasks.length) return [];
    const created: { id: string; rule: CareRule; status: string }[] = await manager.query(
      `INSERT INTO care_task (origin, rule, occasion_key, customer_id, kind, title, due_date, assignee_staff_id, status, outage_id, created_by)
       SELECT 'rule', t.rule, t.key, t.customer_id, t.kind, t.title, t.due, t.assignee, CASE WHEN t.assignee IS NULL THEN 'open' ELSE 'assigned' END, t.outage_id, $9
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::date[], $7::uuid[], $8::uuid[]) AS t(rule, key, customer_id, kind, title, due, assignee, outage_id)
       ON CONFLICT (occasion_key) DO NOTHING
       RETURNING id, rule, status`,
      [
        tasks.map((t) => t.rule), tasks.map((t) => t.occasionKey), tasks.map((t) => t.customerId), tasks.map((t) => t.kind), tasks.map((t) => t.title),
        tasks.map((t) => t.dueDate), tasks.map((t) => t.assigneeStaffId), tasks.map((t) => t.outageId), by,
      ],
    );
    if (created.length) {
      await manager.query(
        `INSERT INTO care_task_event (task_id, from_status, to_status, note, by) SELECT unnest($1::uuid[]), NULL, unnest($2::text[]), 'generated by rule ' || unnest($3::text[]), $4`,
        [created.map((c) => c.id), created.map((c) => c.status), created.map((c) => c.rule), by],
      );
    }
    return created;
  }

  /** A task created by hand, with its first history row. */
  async insertManual(manager: EntityManager, t: { customerId: string; kind: string; title: string; notes: string | null; dueDate: string; assigneeStaffId: string | null; departmentCode: string | null; status: CareTaskStatus; by: string }): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO care_task (origin, customer_id, kind, title, notes, due_date, assignee_staff_id, department_code, status, created_by)
       VALUES ('manual', $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [t.customerId, t.kind, t.title, t.notes, t.dueDate, t.assigneeStaffId, t.departmentCode, t.status, t.by],
    );
    await this.addEvent(manager, id, null, t.status, 'created', t.by);
    return id as string;
  }

  async addEvent(manager: EntityManager, taskId: string, from: string | null, to: string, note: string | null, by: string): Promise<void> {
    await manager.query(`INSERT INTO care_task_event (task_id, from_status, to_status, note, by) VALUES ($1, $2, $3, $4, $5)`, [taskId, from, to, note, by]);
  }

  async customerExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM customer WHERE id = $1 AND deleted_at IS NULL`, [id]);
    return rows.length > 0;
  }

  async lock(manager: EntityManager, id: string): Promise<LockedTask | undefined> {
    const rows = await manager.query(
      `SELECT id, status, title, notes, due_date::text AS due_date, assignee_staff_id, department_code, outcome, done_at, version
       FROM care_task WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  async update(manager: EntityManager, id: string, s: { status: string; title: string; notes: string | null; dueDate: string; assigneeStaffId: string | null; departmentCode: string | null; outcome: string | null; doneAt: string | Date | null }): Promise<void> {
    await manager.query(
      `UPDATE care_task SET status = $2, title = $3, notes = $4, due_date = $5, assignee_staff_id = $6, department_code = $7, outcome = $8, done_at = $9,
              updated_at = now(), version = version + 1
       WHERE id = $1`,
      [id, s.status, s.title, s.notes, s.dueDate, s.assigneeStaffId, s.departmentCode, s.outcome, s.doneAt],
    );
  }

  async softDelete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE care_task SET deleted_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
  }

  history(id: string): Promise<{ from_status: string | null; to_status: string; note: string | null; at: Date; by: string }[]> {
    return this.dataSource.query(`SELECT from_status, to_status, note, at, by FROM care_task_event WHERE task_id = $1 ORDER BY at, id`, [id]);
  }

  async byId(id: string): Promise<CareTaskRow | undefined> {
    const rows = await this.query({ sort: 'dueDate' }).andWhere('t.id = :id', { id }).getRawMany();
    return rows[0] as CareTaskRow | undefined;
  }

  async list(f: CareTaskFilterDto, page: number, pageSize: number): Promise<[CareTaskRow[], number]> {
    const qb = this.query(f);
    const [{ n }] = await qb.clone().select('count(*)::int', 'n').orderBy().getRawMany();
    const rows = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawMany();
    return [rows as CareTaskRow[], n as number];
  }

  query(f: CareTaskFilterDto): SelectQueryBuilder<object> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from('care_task', 't')
      .innerJoin('customer', 'c', 'c.id = t.customer_id')
      .leftJoin('staff', 's', 's.id = t.assignee_staff_id')
      .select(['t.id AS id', 't.origin AS origin', 't.rule AS rule', 't.occasion_key AS occasion_key', 't.customer_id AS customer_id', 'c.name AS customer_name',
        't.kind AS kind', 't.title AS title', 't.notes AS notes', 't.due_date::text AS due_date', 't.assignee_staff_id AS assignee_staff_id', 's.name AS assignee_name',
        't.department_code AS department_code', 't.status AS status', 't.outcome AS outcome', 't.done_at AS done_at', 't.outage_id AS outage_id',
        't.created_by AS created_by', 't.created_at AS created_at', 't.version AS version'])
      .where('t.deleted_at IS NULL');
    if (f.status) qb.andWhere('t.status = :status', { status: f.status });
    if (f.kind) qb.andWhere('t.kind = :kind', { kind: f.kind });
    if (f.origin) qb.andWhere('t.origin = :origin', { origin: f.origin });
    if (f.assigneeStaffId) qb.andWhere('t.assignee_staff_id = :assignee', { assignee: f.assigneeStaffId });
    if (f.departmentCode) qb.andWhere('t.department_code = :department', { department: f.departmentCode });
    if (f.customerId) qb.andWhere('t.customer_id = :customer', { customer: f.customerId });
    if (f.dueFrom) qb.andWhere('t.due_date >= :dueFrom::date', { dueFrom: f.dueFrom });
    if (f.dueTo) qb.andWhere('t.due_date <= :dueTo::date', { dueTo: f.dueTo });
    const desc = f.sort.startsWith('-');
    return qb.orderBy(SORT[f.sort.replace('-', '')], desc ? 'DESC' : 'ASC').addOrderBy('t.id', 'ASC');
  }
}
