import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { CreateSalesTaskDto, CreateSalesTeamDto, ListSalesTasksDto, ListSalesTeamsDto, SalesTaskFilterDto, UpdateSalesTaskDto, UpdateSalesTeamDto } from './dto/sales-task.dto';
import { SALES_ENTITY, SalesTaskStatus, TargetKind } from './sales.constants';
import { Page, SalesCrudService } from './sales-crud.service';
import { rollUpProgress, TaskNode } from './sales-task-progress.util';
import { columns, Qb, RecordSpec, Row } from './sales-record.repository';

export const TEAM_SPEC: RecordSpec = {
  table: 'sales_team',
  alias: 't',
  label: 'Sales team',
  base: (qb) =>
    qb.innerJoin('staff', 's', 's.id = t.manager_staff_id').select([
      ...columns('t', ['id', 'name', 'managerStaffId', 'createdAt', 'updatedAt', 'version']),
      's.name AS "managerName"',
      `ARRAY(SELECT m.staff_id::text FROM sales_team_member m WHERE m.team_id = t.id ORDER BY m.staff_id) AS "memberStaffIds"`,
    ]),
  filters: {
    managerStaffId: (qb, v) => qb.andWhere('t.manager_staff_id = :manager', { manager: v }),
    memberStaffId: (qb, v) => qb.andWhere('EXISTS (SELECT 1 FROM sales_team_member m WHERE m.team_id = t.id AND m.staff_id = :member)', { member: v }),
  },
  sorts: { name: 't.name' },
  references: { fk_sales_team_manager: 'managerStaffId', fk_sales_team_member_staff: 'memberStaffIds' },
  uniques: {},
};

export const TASK_SPEC: RecordSpec = {
  table: 'sales_task',
  alias: 'k',
  label: 'Sales task',
  base: (qb) =>
    qb
      .leftJoin('sales_team', 't', 't.id = k.assignee_team_id')
      .leftJoin('staff', 's', 's.id = k.assignee_staff_id')
      .select([
        ...columns('k', ['id', 'title', 'parentId', 'assigneeTeamId', 'assigneeStaffId', 'targetKind', 'targetValue', 'periodFrom', 'periodTo', 'status', 'createdBy', 'createdAt', 'updatedAt', 'version'], {
          money: ['targetValue'], dates: ['periodFrom', 'periodTo'],
        }),
        't.name AS "assigneeTeamName"', 's.name AS "assigneeStaffName"',
      ]),
  filters: {
    parentId: (qb, v) => qb.andWhere('k.parent_id = :parent', { parent: v }),
    rootsOnly: (qb, v) => (v === true ? qb.andWhere('k.parent_id IS NULL') : qb),
    assigneeTeamId: (qb, v) => qb.andWhere('k.assignee_team_id = :team', { team: v }),
    assigneeStaffId: (qb, v) => qb.andWhere('k.assignee_staff_id = :staff', { staff: v }),
    status: (qb, v) => qb.andWhere('k.status = :status', { status: v }),
  },
  sorts: { periodFrom: 'k.period_from', createdAt: 'k.created_at', title: 'k.title' },
  references: { fk_sales_task_parent: 'parentId', fk_sales_task_team: 'assigneeTeamId', fk_sales_task_staff: 'assigneeStaffId' },
  uniques: {},
};

const invalid = (field: string, problem: string): DomainException => new DomainException(ErrorCode.ValidationFailed, `${field}: ${problem}`, [{ field, problem }]);

/** 銷售任務 down a manager-defined chain: teams (manager + members) and tasks with targets and rolled-up progress. */
@Injectable()
export class SalesTaskService {
  constructor(
    private readonly crud: SalesCrudService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async createTeam(dto: CreateSalesTeamDto, actor: RequestActor): Promise<Row> {
    const members = [...new Set(dto.memberStaffIds ?? [])];
    const id = await this.crud.create(TEAM_SPEC, SALES_ENTITY.team, { name: dto.name.trim(), managerStaffId: dto.managerStaffId }, actor, undefined, async (m, teamId) => this.setMembers(m, teamId, members));
    return this.getTeam(id);
  }
  listTeams(q: ListSalesTeamsDto): Promise<Page> {
    return this.crud.page(TEAM_SPEC, q as unknown as Record<string, unknown> & ListSalesTeamsDto);
  }
  getTeam(id: string): Promise<Row> {
    return this.crud.get(TEAM_SPEC, id);
  }
  async updateTeam(id: string, dto: UpdateSalesTeamDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(TEAM_SPEC, SALES_ENTITY.team, id, dto.version, actor, async (_cur, m) => {
      if (dto.memberStaffIds) await this.setMembers(m, id, [...new Set(dto.memberStaffIds)]);
      return { name: dto.name?.trim(), managerStaffId: dto.managerStaffId };
    });
    return this.getTeam(id);
  }
  /** 409 while tasks are assigned to the team. */
  removeTeam(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(TEAM_SPEC, SALES_ENTITY.team, id, actor);
  }

  async createTask(dto: CreateSalesTaskDto, actor: RequestActor): Promise<Row> {
    const values = {
      title: dto.title.trim(), parentId: dto.parentId ?? null, assigneeTeamId: dto.assigneeTeamId ?? null, assigneeStaffId: dto.assigneeStaffId ?? null, targetKind: dto.targetKind,
      targetValue: dto.targetValue, periodFrom: dto.periodFrom, periodTo: dto.periodTo, status: SalesTaskStatus.Open, createdBy: actor.username,
    };
    const id = await this.crud.create(TASK_SPEC, SALES_ENTITY.task, values, actor, async (m) => this.checkTask(m, values));
    return this.getTask(id);
  }
  listTasks(q: ListSalesTasksDto): Promise<Page> {
    return this.crud.page(TASK_SPEC, q as unknown as Record<string, unknown> & ListSalesTasksDto);
  }
  taskQuery(q: SalesTaskFilterDto): Qb {
    return this.crud.repo.query(TASK_SPEC, q as unknown as Record<string, unknown>, q.sort);
  }

  /** The task with its progress and its sub-tasks' progress (the whole subtree rolled up). */
  async getTask(id: string): Promise<Row> {
    const row = await this.crud.get(TASK_SPEC, id);
    const tree: { id: string; parent_id: string | null; target_kind: TargetKind; target_value: number; period_from: string; period_to: string; assignee_team_id: string | null; assignee_staff_id: string | null; title: string }[] =
      await this.crud.repo.dataSource.query(
        `WITH RECURSIVE sub AS (SELECT * FROM sales_task WHERE id = $1 UNION ALL SELECT t.* FROM sales_task t JOIN sub ON t.parent_id = sub.id)
         SELECT id, parent_id, target_kind, target_value::float8 AS target_value, period_from::text, period_to::text, assignee_team_id, assignee_staff_id, title FROM sub`,
        [id],
      );
    const own = await this.ownProgress(tree.filter((t) => !tree.some((c) => c.parent_id === t.id)));
    const nodes: TaskNode[] = tree.map((t) => ({ id: t.id, parentId: t.id === id ? null : t.parent_id, targetValue: t.target_value, own: own.get(t.id) ?? 0 }));
    const progress = rollUpProgress(nodes);
    const view = (taskId: string): Row => {
      const p = progress.get(taskId)!;
      const t = tree.find((x) => x.id === taskId)!;
      return { id: taskId, title: t.title, assigneeTeamId: t.assignee_team_id, assigneeStaffId: t.assignee_staff_id, targetValue: p.targetValue, achieved: p.achieved, percent: p.percent, children: p.children.map(view) };
    };
    const root = view(id);
    return { ...row, progress: { achieved: root.achieved, percent: root.percent, children: root.children } };
  }

  async updateTask(id: string, dto: UpdateSalesTaskDto, actor: RequestActor): Promise<Row> {
    await this.crud.update(TASK_SPEC, SALES_ENTITY.task, id, dto.version, actor, async (cur, m) => {
      if (cur.status === SalesTaskStatus.Closed && dto.status !== SalesTaskStatus.Open) throw DomainException.conflict('A closed task cannot change (reopen it with status open)', [{ field: 'status', problem: 'closed' }]);
      const merged = { ...cur, periodFrom: dto.periodFrom ?? cur.periodFrom, periodTo: dto.periodTo ?? cur.periodTo } as Row;
      await this.checkTask(m, merged, id);
      return { title: dto.title?.trim(), targetValue: dto.targetValue, periodFrom: dto.periodFrom, periodTo: dto.periodTo, status: dto.status };
    });
    return this.getTask(id);
  }

  /** 409 while it has sub-tasks (delete those first). */
  removeTask(id: string, actor: RequestActor): Promise<void> {
    return this.crud.remove(TASK_SPEC, SALES_ENTITY.task, id, actor, async (_cur, m) => {
      const [child] = await m.query(`SELECT 1 FROM sales_task WHERE parent_id = $1 LIMIT 1`, [id]);
      if (child) throw DomainException.conflict('The task has sub-tasks; delete them first', [{ field: 'id', problem: 'has sub-tasks' }]);
    });
  }

  /**
   * A task has exactly one assignee; its period is ordered; under a parent it has the parent's
   * target kind and lies within the parent's period, and under a team's task it goes to a member
   * or the manager of that team, or to a team that manager leads.
   */
  private async checkTask(m: EntityManager, v: Row, selfId?: string): Promise<void> {
    if ((v.assigneeTeamId === null || v.assigneeTeamId === undefined) === (v.assigneeStaffId === null || v.assigneeStaffId === undefined)) throw invalid('assigneeStaffId', 'give exactly one of assigneeTeamId, assigneeStaffId');
    if ((v.periodTo as string) < (v.periodFrom as string)) throw invalid('periodTo', 'before periodFrom');
    if (!v.parentId) return;
    if (v.parentId === selfId) throw invalid('parentId', 'a task cannot be its own parent');
    const [parent] = await m.query(`SELECT target_kind, period_from::text, period_to::text, assignee_team_id, assignee_staff_id FROM sales_task WHERE id = $1`, [v.parentId]);
    if (!parent) throw invalid('parentId', 'unknown task');
    if (parent.target_kind !== v.targetKind) throw invalid('targetKind', `the parent task counts ${parent.target_kind}`);
    if ((v.periodFrom as string) < parent.period_from || (v.periodTo as string) > parent.period_to) throw invalid('periodFrom', `outside the parent's period ${parent.period_from}..${parent.period_to}`);
    if (parent.assignee_team_id) {
      if (v.assigneeStaffId) {
        const [ok] = await m.query(
          `SELECT 1 FROM sales_team t WHERE t.id = $1 AND (t.manager_staff_id = $2 OR EXISTS (SELECT 1 FROM sales_team_member mm WHERE mm.team_id = t.id AND mm.staff_id = $2))`,
          [parent.assignee_team_id, v.assigneeStaffId],
        );
        if (!ok) throw invalid('assigneeStaffId', "not a member of the parent task's team");
      } else if (v.assigneeTeamId !== parent.assignee_team_id) {
        const [ok] = await m.query(`SELECT 1 FROM sales_team sub JOIN sales_team t ON t.id = $2 WHERE sub.id = $1 AND (sub.manager_staff_id = t.manager_staff_id OR EXISTS (SELECT 1 FROM sales_team_member mm WHERE mm.team_id = t.id AND mm.staff_id = sub.manager_staff_id))`, [v.assigneeTeamId, parent.assignee_team_id]);
        if (!ok) throw invalid('assigneeTeamId', "not a team led from the parent task's team");
      }
    }
  }

  /** Orders (count) or fen (amount) of completed orders attributed to each leaf's assignee (the staff, or the team's members and manager) in its period. */
  private async ownProgress(leaves: { id: string; target_kind: TargetKind; period_from: string; period_to: string; assignee_team_id: string | null; assignee_staff_id: string | null }[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!leaves.length) return out;
    const rows: { id: string; value: number }[] = await this.crud.repo.dataSource.query(
      `SELECT l.id, coalesce(CASE WHEN l.kind = 'count' THEN count(o.id)::float8 ELSE sum(o.amount_fen)::float8 END, 0) AS value
       FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::uuid[], $6::uuid[]) AS l(id, kind, pfrom, pto, team, staff)
       LEFT JOIN sales_order o ON o.status = 'completed'
         AND o.completed_at >= (l.pfrom)::timestamp AT TIME ZONE $7 AND o.completed_at < (l.pto + 1)::timestamp AT TIME ZONE $7
         AND (o.sales_staff_id = l.staff OR o.sales_staff_id IN (SELECT m.staff_id FROM sales_team_member m WHERE m.team_id = l.team UNION SELECT t.manager_staff_id FROM sales_team t WHERE t.id = l.team))
       GROUP BY l.id, l.kind`,
      [leaves.map((l) => l.id), leaves.map((l) => l.target_kind), leaves.map((l) => l.period_from), leaves.map((l) => l.period_to), leaves.map((l) => l.assignee_team_id), leaves.map((l) => l.assignee_staff_id), this.config.timezone],
    );
    for (const r of rows) out.set(r.id, r.value);
    return out;
  }

  private async setMembers(m: EntityManager, teamId: string, staffIds: string[]): Promise<void> {
    await m.query(`DELETE FROM sales_team_member WHERE team_id = $1`, [teamId]);
    if (!staffIds.length) return;
    const known: { id: string }[] = await m.query(`SELECT id FROM staff WHERE id = ANY($1::uuid[])`, [staffIds]);
    const unknown = staffIds.filter((s) => !known.some((k) => k.id === s));
    if (unknown.length) throw invalid('memberStaffIds', `unknown staff ${unknown.join(', ')}`);
    await m.query(`INSERT INTO sales_team_member (team_id, staff_id) SELECT $1, unnest($2::uuid[])`, [teamId, staffIds]);
  }
}
