import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { DunningTaskFilterDto } from './dto/dunning-task.dto';
import { DunningTask } from './entities/dunning-task.entity';

/** Arbitrary key of the advisory lock that makes dunning runs of one city run one at a time. */
const DUNNING_LOCK_KEY = 726_101;

/** A dunning run's day: the time zone, the day, and the moment recorded as "dunned at". */
export interface DunningDay {
  tz: string;
  asOf: string;
  at: Date;
}

export interface TaskRow {
  task: DunningTask;
  accountId: string;
  customerId: string;
  service: string;
  amountFen: number;
  dunningCount: number;
}

/** Live arrears not yet dunned on the run's day (at most one dunning action per arrear and day). */
const NOT_DUNNED_TODAY = `(a.last_dunned_at IS NULL OR (a.last_dunned_at AT TIME ZONE $1)::date < $2::date)`;
const LIVE = `a.status IN ('open', 'in_dunning')`;
const NO_OPEN_TASK = `NOT EXISTS (SELECT 1 FROM dunning_task t WHERE t.arrear_id = a.id AND NOT t.done)`;

/** All I/O of dunning (催繳): set-based steps of the run, and manual tasks. */
@Injectable()
export class DunningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async lockRun(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [DUNNING_LOCK_KEY]);
  }

  /** 停機標誌 for live arrears in arrears `days` days or more on the run's day. */
  async flagSuspensions(manager: EntityManager, day: DunningDay, days: number): Promise<{ id: string; since: string }[]> {
    const [rows] = await manager.query(
      `UPDATE arrear a SET suspended = true, suspended_at = $2, updated_at = now(), version = version + 1
       WHERE ${LIVE} AND NOT a.suspended AND a.since <= $1::date - $3::int
       RETURNING a.id, a.since`,
      [day.asOf, day.at, days],
    );
    return rows;
  }

  /** Machine reminders (機器催繳) for live arrears below `manualAfter` attempts; each counts one attempt. */
  async remind(manager: EntityManager, day: DunningDay, manualAfter: number): Promise<{ id: string; dunning_count: number }[]> {
    const [rows] = await manager.query(
      `UPDATE arrear a SET dunning_count = dunning_count + 1, dunning_method = 'machine', last_dunned_at = $3, status = 'in_dunning',
              updated_at = now(), version = version + 1
       WHERE ${LIVE} AND a.dunning_count < $4 AND ${NOT_DUNNED_TODAY} AND ${NO_OPEN_TASK}
       RETURNING a.id, a.dunning_count`,
      [day.tz, day.asOf, day.at, manualAfter],
    );
    return rows;
  }

  /** Manual follow-up tasks (人工催繳) for live arrears whose machine reminders are used up. */
  async createTasks(manager: EntityManager, day: DunningDay, manualAfter: number): Promise<{ id: string; arrear_id: string }[]> {
    const rows: { id: string; arrear_id: string }[] = await manager.query(
      `INSERT INTO dunning_task (arrear_id)
       SELECT a.id FROM arrear a WHERE ${LIVE} AND a.dunning_count >= $3 AND ${NOT_DUNNED_TODAY} AND ${NO_OPEN_TASK}
       ON CONFLICT DO NOTHING RETURNING id, arrear_id`,
      [day.tz, day.asOf, manualAfter],
    );
    if (rows.length) {
      await manager.query(
        `UPDATE arrear SET dunning_method = 'manual', status = 'in_dunning', updated_at = now(), version = version + 1 WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.arrear_id)],
      );
    }
    return rows;
  }

  lockTask(manager: EntityManager, id: string): Promise<DunningTask | null> {
    return manager.getRepository(DunningTask).createQueryBuilder('t').setLock('pessimistic_write').where('t.id = :id', { id }).getOne();
  }

  saveTask(manager: EntityManager, task: DunningTask): Promise<DunningTask> {
    return manager.getRepository(DunningTask).save(task);
  }

  /** A completed manual follow-up counts as one dunning attempt of its arrear. */
  async countManualAttempt(manager: EntityManager, arrearId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE arrear SET dunning_count = dunning_count + 1, dunning_method = 'manual', last_dunned_at = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
      [arrearId, at],
    );
  }

  async userExists(manager: EntityManager, username: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM app_user WHERE username = $1 AND active`, [username]);
    return rows.length > 0;
  }

  async findTask(id: string, manager: EntityManager = this.dataSource.manager): Promise<TaskRow | null> {
    const [row] = await this.tasks(manager, { id }, 1, 1);
    return row ?? null;
  }

  async listTasks(f: DunningTaskFilterDto & { page: number; pageSize: number }): Promise<[TaskRow[], number]> {
    const where = this.where(f);
    const [count] = await this.dataSource.query(`SELECT count(*)::int AS n FROM dunning_task t JOIN arrear a ON a.id = t.arrear_id WHERE ${where.sql}`, where.params);
    return [await this.tasks(this.dataSource.manager, f, f.page, f.pageSize), count.n as number];
  }

  /** The list's rows for an export (人工催繳清單), to do first, with the arrear, account and customer. */
  exportQuery(f: DunningTaskFilterDto): SelectQueryBuilder<DunningTask> {
    const qb = this.dataSource
      .getRepository(DunningTask)
      .createQueryBuilder('t')
      .innerJoin('arrear', 'a', 'a.id = t.arrear_id')
      .innerJoin('account', 'acc', 'acc.id = a.account_id')
      .innerJoin('customer', 'c', 'c.id = a.customer_id')
      .select([])
      .addSelect('acc.account_number', 'account_number')
      .addSelect('c.name', 'customer_name')
      .addSelect('c.district_code', 'district_code')
      .addSelect('a.service', 'service')
      .addSelect('a.amount_fen', 'amount_fen')
      .addSelect('a.since', 'since')
      .addSelect('a.status', 'arrear_status')
      .addSelect('a.dunning_count', 'dunning_count')
      .addSelect('a.suspended', 'suspended')
      .addSelect('t.assigned_to', 'assigned_to')
      .addSelect('t.done', 'done')
      .addSelect('t.done_at', 'done_at')
      .addSelect('t.done_by', 'done_by')
      .addSelect('t.note', 'note')
      .addSelect('t.created_at', 'created_at')
      .addSelect('t.id', 'id');
    if (f.done !== undefined) qb.andWhere('t.done = :done', { done: f.done });
    if (f.assignedTo) qb.andWhere('t.assigned_to = :assignedTo', { assignedTo: f.assignedTo });
    if (f.unassigned) qb.andWhere('t.assigned_to IS NULL');
    if (f.arrearId) qb.andWhere('t.arrear_id = :arrearId', { arrearId: f.arrearId });
    if (f.accountId) qb.andWhere('a.account_id = :accountId', { accountId: f.accountId });
    return qb.orderBy('t.done', 'ASC').addOrderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC');
  }

  private async tasks(manager: EntityManager, f: DunningTaskFilterDto & { id?: string }, page: number, pageSize: number): Promise<TaskRow[]> {
    const where = this.where(f);
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT t.*, a.account_id, a.customer_id, a.service, a.amount_fen, a.dunning_count
       FROM dunning_task t JOIN arrear a ON a.id = t.arrear_id
       WHERE ${where.sql} ORDER BY t.done, t.created_at, t.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      where.params,
    );
    return rows.map((r) => ({
      task: Object.assign(new DunningTask(), {
        id: r.id,
        arrearId: r.arrear_id,
        assignedTo: r.assigned_to,
        done: r.done,
        doneAt: r.done_at,
        doneBy: r.done_by,
        note: r.note,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        version: r.version,
      }),
      accountId: r.account_id as string,
      customerId: r.customer_id as string,
      service: r.service as string,
      amountFen: Number(r.amount_fen),
      dunningCount: r.dunning_count as number,
    }));
  }

  private where(f: DunningTaskFilterDto & { id?: string }): { sql: string; params: unknown[] } {
    const clauses: string[] = ['true'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (f.id) add('t.id = ?', f.id);
    if (f.done !== undefined) add('t.done = ?', f.done);
    if (f.assignedTo) add('t.assigned_to = ?', f.assignedTo);
    if (f.unassigned) clauses.push('t.assigned_to IS NULL');
    if (f.arrearId) add('t.arrear_id = ?', f.arrearId);
    if (f.accountId) add('a.account_id = ?', f.accountId);
    return { sql: clauses.join(' AND '), params };
  }
}
