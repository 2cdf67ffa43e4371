import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { DomainException, ErrorCode } from '@crm/errors';
import { CareTaskRepository, CareTaskRow } from './care-task.repository';
import { iso, staleVersion, translateWriteError } from './database-error.util';
import { CareTaskDto, CareTaskFilterDto, CareTaskPageDto, CreateCareTaskDto, ListCareTasksDto, UpdateCareTaskDto } from './dto/care-task.dto';
import { CARE_TASK_ENTITY, CARE_TASK_TRANSITIONS, CareRule, CareTaskKind, CareTaskOrigin, CareTaskStatus } from './service-care.constants';

const REFERENCES = { fk_care_task_customer: 'customerId', fk_care_task_assignee: 'assigneeStaffId', fk_care_task_department: 'departmentCode' };
const CLOCK_SLACK_MS = 5 * 60_000;

/** 關懷任務: manual tasks, and the handling (assign, done, cancel) of all tasks with their history. */
@Injectable()
export class CareTaskService {
  constructor(
    private readonly repo: CareTaskRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateCareTaskDto, actor: RequestActor): Promise<CareTaskDto> {
    const id = await this.repo.transaction(async (manager) => {
      if (!(await this.repo.customerExists(manager, dto.customerId))) {
        throw new DomainException(ErrorCode.ValidationFailed, 'customerId refers to nothing that exists', [{ field: 'customerId', problem: 'unknown reference' }]);
      }
      const status = dto.assigneeStaffId || dto.departmentCode ? CareTaskStatus.Assigned : CareTaskStatus.Open;
      const values = { customerId: dto.customerId, kind: dto.kind, title: dto.title.trim(), notes: dto.notes?.trim() || null, dueDate: dto.dueDate, assigneeStaffId: dto.assigneeStaffId ?? null, departmentCode: dto.departmentCode ?? null, status };
      try {
        const taskId = await this.repo.insertManual(manager, { ...values, by: actor.username });
        await this.audit.record(manager, actor, { action: 'create', entityType: CARE_TASK_ENTITY, entityId: taskId, newValues: { ...values, origin: CareTaskOrigin.Manual } });
        return taskId;
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Care task');
      }
    });
    return this.get(id);
  }

  async list(q: ListCareTasksDto): Promise<CareTaskPageDto> {
    const [rows, total] = await this.repo.list(q, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: CareTaskFilterDto) {
    return this.repo.query(q);
  }

  async get(id: string): Promise<CareTaskDto> {
    const row = await this.repo.byId(id);
    if (!row) throw DomainException.notFound('Care task', id);
    const history = await this.repo.history(id);
    return { ...toDto(row), history: history.map((e) => ({ fromStatus: e.from_status, toStatus: e.to_status, note: e.note, at: new Date(e.at).toISOString(), by: e.by })) };
  }

  /**
   * Edits and moves a task: open → assigned (an assignee or department is needed; setting one on an
   * open task assigns it) → done (with an outcome) | cancelled. Done and cancelled tasks are final.
   */
  async update(id: string, dto: UpdateCareTaskDto, actor: RequestActor): Promise<CareTaskDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Care task', id);
      if (row.version !== dto.version) throw staleVersion('care task', row.version, dto.version);
      if (CARE_TASK_TRANSITIONS[row.status].length === 0) {
        throw DomainException.conflict(`A ${row.status} care task cannot be changed`, [{ field: 'status', problem: `${row.status} is final` }]);
      }
      const assigneeStaffId = dto.assigneeStaffId === undefined ? row.assignee_staff_id : dto.assigneeStaffId;
      const departmentCode = dto.departmentCode === undefined ? row.department_code : dto.departmentCode;
      const assigning = row.status === CareTaskStatus.Open && ((dto.assigneeStaffId ?? null) !== null || (dto.departmentCode ?? null) !== null);
      const status = dto.status ?? (assigning ? CareTaskStatus.Assigned : row.status);
      if (status !== row.status && !CARE_TASK_TRANSITIONS[row.status].includes(status)) {
        throw DomainException.conflict(`A care task cannot move from ${row.status} to ${status}`, [{ field: 'status', problem: `allowed from ${row.status}: ${CARE_TASK_TRANSITIONS[row.status].join(', ')}` }]);
      }
      if (status === CareTaskStatus.Assigned && !assigneeStaffId && !departmentCode) {
        throw new DomainException(ErrorCode.ValidationFailed, 'An assigned task needs an assignee or a department', [{ field: 'assigneeStaffId', problem: 'required (or departmentCode) for an assigned task' }]);
      }
      const outcome = dto.outcome === undefined ? row.outcome : dto.outcome.trim() || null;
      let doneAt: string | null = null;
      if (status === CareTaskStatus.Done) {
        if (!outcome) throw new DomainException(ErrorCode.ValidationFailed, 'A done task needs an outcome', [{ field: 'outcome', problem: 'required to mark the task done' }]);
        doneAt = dto.doneAt ? new Date(dto.doneAt).toISOString() : new Date().toISOString();
        if (new Date(doneAt).getTime() > Date.now() + CLOCK_SLACK_MS) throw new DomainException(ErrorCode.ValidationFailed, 'doneAt cannot be in the future', [{ field: 'doneAt', problem: 'must not be in the future' }]);
      } else if (dto.doneAt) {
        throw new DomainException(ErrorCode.ValidationFailed, 'doneAt is given only when marking the task done', [{ field: 'doneAt', problem: 'only with status done' }]);
      }
      const before = { status: row.status, title: row.title, notes: row.notes, dueDate: row.due_date, assigneeStaffId: row.assignee_staff_id, departmentCode: row.department_code, outcome: row.outcome, doneAt: iso(row.done_at) };
      const after = { status, title: dto.title?.trim() ?? row.title, notes: dto.notes === undefined ? row.notes : dto.notes?.trim() || null, dueDate: dto.dueDate ?? row.due_date, assigneeStaffId, departmentCode, outcome, doneAt };
      try {
        await this.repo.update(manager, id, after);
        if (status !== row.status) await this.repo.addEvent(manager, id, row.status, status, outcome && status !== CareTaskStatus.Assigned ? outcome : null, actor.username);
        const { oldValues, newValues } = changedFields(before, after);
        await this.audit.record(manager, actor, { action: 'update', entityType: CARE_TASK_ENTITY, entityId: id, oldValues, newValues });
      } catch (e) {
        throw translateWriteError(e, REFERENCES, 'Care task');
      }
    });
    return this.get(id);
  }

  /** Hides the task; it is kept so a rule does not generate its occasion again. */
  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const row = await this.repo.lock(manager, id);
      if (!row) throw DomainException.notFound('Care task', id);
      await this.repo.softDelete(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: CARE_TASK_ENTITY, entityId: id, oldValues: { status: row.status, title: row.title, dueDate: row.due_date } });
    });
  }
}

function toDto(r: CareTaskRow): CareTaskDto {
  return {
    id: r.id,
    origin: r.origin as CareTaskOrigin,
    rule: r.rule as CareRule | null,
    occasionKey: r.occasion_key,
    customerId: r.customer_id,
    customerName: r.customer_name,
    kind: r.kind as CareTaskKind,
    title: r.title,
    notes: r.notes,
    dueDate: r.due_date,
    assigneeStaffId: r.assignee_staff_id,
    assigneeName: r.assignee_name,
    departmentCode: r.department_code,
    status: r.status as CareTaskStatus,
    outcome: r.outcome,
    doneAt: iso(r.done_at),
    outageId: r.outage_id,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}
