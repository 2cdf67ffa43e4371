import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { ARREAR_ENTITY, ArrearsService } from './arrears.service';
import { DunningMethod, ServiceKind } from './billing.constants';
import { DunningRunResultDto } from './dto/arrear-response.dto';
import { AssignDunningTaskDto, CompleteDunningTaskDto, DunningTaskFilterDto, DunningTaskPageDto, DunningTaskResponseDto, ListDunningTasksDto } from './dto/dunning-task.dto';
import { DunningDay, DunningRepository, TaskRow } from './dunning.repository';

export const DUNNING_TASK_ENTITY = 'dunning_task';

/**
 * 催繳. A run (scheduled daily, or started from the API) first regenerates arrears, then for each
 * live arrear takes at most one action per day:
 * 1. flags it for suspension (停機) once it is `arrearsSuspendAfterDays` old;
 * 2. sends a machine reminder (機器催繳: SMS / voice robot; here counted and logged) while fewer
 *    than `dunningManualAfterAttempts` attempts were made;
 * 3. afterwards creates one manual follow-up task (人工催繳) at a time; completing it counts as an
 *    attempt, and the next run creates a new task if the arrear is still live.
 * Running it twice for the same day changes nothing the second time.
 */
@Injectable()
export class DunningService {
  private readonly logger = new Logger(DunningService.name);

  constructor(
    private readonly dunning: DunningRepository,
    private readonly arrears: ArrearsService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async run(asOf: string | undefined, actor: RequestActor): Promise<DunningRunResultDto> {
    const today = this.arrears.today();
    const day = asOf ?? today;
    const generated = await this.arrears.generate(day, actor);
    const { manualAfter, suspendAfterDays } = { manualAfter: this.config.billing.dunningManualAfterAttempts, suspendAfterDays: this.config.billing.arrearsSuspendAfterDays };
    const result = await this.dunning.transaction(async (manager) => {
      await this.dunning.lockRun(manager);
      // a run for a past (or, in tests, later) day records noon of that day as its moment, so the
      // "once per day" rule holds for the day the run is for
      const at = day === today ? new Date() : await this.noonOf(manager, day);
      const dunningDay: DunningDay = { tz: this.config.timezone, asOf: day, at };
      const suspended = await this.dunning.flagSuspensions(manager, dunningDay, suspendAfterDays);
      for (const s of suspended) {
        await this.audit.record(manager, actor, { action: 'update', entityType: ARREAR_ENTITY, entityId: s.id, oldValues: { suspended: false }, newValues: { suspended: true } });
      }
      const reminded = await this.dunning.remind(manager, dunningDay, manualAfter);
      for (const r of reminded) {
        await this.audit.record(manager, actor, { action: 'update', entityType: ARREAR_ENTITY, entityId: r.id, newValues: { dunningMethod: DunningMethod.Machine, dunningCount: r.dunning_count } });
      }
      const tasks = await this.dunning.createTasks(manager, dunningDay, manualAfter);
      for (const t of tasks) {
        await this.audit.record(manager, actor, { action: 'create', entityType: DUNNING_TASK_ENTITY, entityId: t.id, newValues: { arrearId: t.arrear_id } });
      }
      return { reminded: reminded.length, tasksCreated: tasks.length, suspended: suspended.length };
    });
    this.logger.log({ asOf: day, ...result }, 'Dunning run');
    return { asOf: day, arrears: generated, ...result };
  }

  async listTasks(q: ListDunningTasksDto): Promise<DunningTaskPageDto> {
    const [rows, total] = await this.dunning.listTasks(q);
    return { items: rows.map(toTaskDto), total, page: q.page, pageSize: q.pageSize };
  }

  exportQuery(q: DunningTaskFilterDto) {
    return this.dunning.exportQuery(q);
  }

  async getTask(id: string): Promise<DunningTaskResponseDto> {
    const row = await this.dunning.findTask(id);
    if (!row) throw DomainException.notFound('Dunning task', id);
    return toTaskDto(row);
  }

  async assign(id: string, dto: AssignDunningTaskDto, actor: RequestActor): Promise<DunningTaskResponseDto> {
    return this.dunning.transaction(async (manager) => {
      const task = await this.dunning.lockTask(manager, id);
      if (!task) throw DomainException.notFound('Dunning task', id);
      this.checkVersion(task.version, dto.version);
      if (task.done) throw DomainException.conflict('The task is done already');
      if (dto.assignedTo !== null && !(await this.dunning.userExists(manager, dto.assignedTo))) {
        throw DomainException.badRequest('assignedTo is not an active user of this node', [{ field: 'assignedTo', problem: 'unknown user' }]);
      }
      const before = task.assignedTo;
      task.assignedTo = dto.assignedTo;
      await this.dunning.saveTask(manager, task);
      await this.audit.record(manager, actor, { action: 'update', entityType: DUNNING_TASK_ENTITY, entityId: id, oldValues: { assignedTo: before }, newValues: { assignedTo: dto.assignedTo } });
      return toTaskDto((await this.dunning.findTask(id, manager))!);
    });
  }

  /** Marks a manual follow-up done; it counts as one dunning attempt of the arrear. */
  async complete(id: string, dto: CompleteDunningTaskDto, actor: RequestActor): Promise<DunningTaskResponseDto> {
    return this.dunning.transaction(async (manager) => {
      const task = await this.dunning.lockTask(manager, id);
      if (!task) throw DomainException.notFound('Dunning task', id);
      this.checkVersion(task.version, dto.version);
      if (task.done) throw DomainException.conflict('The task is done already');
      const now = new Date();
      task.done = true;
      task.doneAt = now;
      task.doneBy = actor.username;
      task.note = dto.note ?? task.note;
      await this.dunning.saveTask(manager, task);
      await this.dunning.countManualAttempt(manager, task.arrearId, now);
      await this.audit.record(manager, actor, { action: 'update', entityType: DUNNING_TASK_ENTITY, entityId: id, oldValues: { done: false }, newValues: { done: true, note: task.note } });
      await this.audit.record(manager, actor, { action: 'update', entityType: ARREAR_ENTITY, entityId: task.arrearId, newValues: { dunningMethod: DunningMethod.Manual, manualAttempt: true } });
      return toTaskDto((await this.dunning.findTask(id, manager))!);
    });
  }

  private checkVersion(current: number, given: number): void {
    if (current !== given) throw DomainException.conflict(`The task was changed meanwhile (version ${current}, not ${given}); read it again`, [{ field: 'version', problem: `current version is ${current}` }]);
  }

  private async noonOf(manager: EntityManager, day: string): Promise<Date> {
    const [row] = await manager.query(`SELECT (($1::date + time '12:00') AT TIME ZONE $2) AS at`, [day, this.config.timezone]);
    return row.at as Date;
  }
}

function toTaskDto(r: TaskRow): DunningTaskResponseDto {
  return {
    id: r.task.id,
    arrearId: r.task.arrearId,
    accountId: r.accountId,
    customerId: r.customerId,
    service: r.service as ServiceKind,
    amountFen: r.amountFen,
    dunningCount: r.dunningCount,
    assignedTo: r.task.assignedTo,
    done: r.task.done,
    doneAt: r.task.doneAt ? new Date(r.task.doneAt).toISOString() : null,
    doneBy: r.task.doneBy,
    note: r.task.note,
    version: r.task.version,
    createdAt: new Date(r.task.createdAt).toISOString(),
  };
}
