import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { anniversariesDue, anniversaryMonthDays, addDays, occasionKey, visitDueDate } from './care.rules';
import { CareTaskRepository, GeneratedTask } from './care-task.repository';
import { GenerateCareTasksResultDto } from './dto/care-task.dto';
import { SERVICE_CARE_CONFIG, ServiceCareConfig } from './service-care.config';
import { CARE_TASK_ENTITY, CareRule, CareTaskKind } from './service-care.constants';
import { todayIn } from '@crm/federation';

/** At most this many task ids in the audit entry of one batch. */
const AUDIT_IDS = 500;

/**
 * 主動服務: runs the care rules for a day and creates one task per rule × customer × occasion
 * (the occasion key is unique, so a re-run or a retried job creates nothing twice).
 */
@Injectable()
export class CareGenerationService {
  private readonly logger = new Logger(CareGenerationService.name);

  constructor(
    private readonly repo: CareTaskRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SERVICE_CARE_CONFIG) private readonly config: ServiceCareConfig,
  ) {}

  today(): string {
    return todayIn(this.node.timezone);
  }

  async generate(asOf: string | undefined, actor: RequestActor): Promise<GenerateCareTasksResultDto> {
    const day = asOf ?? this.today();
    const result: GenerateCareTasksResultDto = { asOf: day, occasions: 0, created: 0, alreadyGenerated: 0, byRule: { [CareRule.KeyAccountVisit]: 0, [CareRule.Anniversary]: 0, [CareRule.Outage]: 0 } };
    const save = async (tasks: GeneratedTask[]): Promise<void> => {
      if (!tasks.length) return;
      result.occasions += tasks.length;
      const created = await this.repo.transaction(async (manager) => {
        const rows = await this.repo.insertGenerated(manager, tasks, actor.username);
        if (rows.length) {
          const byRule: Record<string, number> = {};
          for (const r of rows) byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;
          await this.audit.record(manager, actor, {
            action: 'create',
            entityType: CARE_TASK_ENTITY,
            newValues: { asOf: day, generated: rows.length, byRule, taskIds: rows.slice(0, AUDIT_IDS).map((r) => r.id), truncated: rows.length > AUDIT_IDS },
          });
        }
        return rows;
      });
      for (const r of created) result.byRule[r.rule] += 1;
      result.created += created.length;
    };
    const manager = (id: string | null): string | null => (this.config.assignAccountManager ? id : null);

    if (this.config.keyAccountVisit.enabled) {
      const { cadenceDays, leadDays } = this.config.keyAccountVisit;
      for (let after: string | null = null; ; ) {
        const rows = await this.repo.visitCandidates(after, this.config.batchSize, this.node.timezone);
        if (!rows.length) break;
        after = rows[rows.length - 1].id;
        const tasks: GeneratedTask[] = [];
        for (const r of rows) {
          if (r.live) continue;
          const due = visitDueDate({ lastVisit: r.last_visit, since: r.since }, day, cadenceDays, leadDays);
          if (!due) continue;
          tasks.push({ rule: CareRule.KeyAccountVisit, occasionKey: occasionKey.visit(r.id, due), customerId: r.id, kind: CareTaskKind.Visit, title: '大客戶走訪 Key account visit', dueDate: due, assigneeStaffId: manager(r.account_manager_id), outageId: null });
        }
        await save(tasks);
      }
    }

    if (this.config.anniversary.enabled) {
      const { catchUpDays, minYears } = this.config.anniversary;
      const monthDays = anniversaryMonthDays(day, catchUpDays);
      for (let after: string | null = null; ; ) {
        const { rows, last } = await this.repo.anniversaryCandidates(after, this.config.batchSize, this.node.timezone, monthDays);
        if (!last) break;
        after = last;
        const tasks: GeneratedTask[] = [];
        for (const r of rows) {
          for (const a of anniversariesDue(r.since, day, catchUpDays, minYears)) {
            tasks.push({ rule: CareRule.Anniversary, occasionKey: occasionKey.anniversary(r.id, Number(a.date.slice(0, 4))), customerId: r.id, kind: CareTaskKind.Anniversary, title: `在網 ${a.years} 周年關懷 ${a.years}-year anniversary`, dueDate: a.date, assigneeStaffId: manager(r.account_manager_id), outageId: null });
          }
        }
        await save(tasks);
      }
    }

    if (this.config.outage.enabled) {
      const { lookbackDays, minHours, dueInDays } = this.config.outage;
      const endOfDay = new Date(`${addDays(day, 1)}T00:00:00${offsetOf(this.node.timezone, day)}`);
      const until = new Date(Math.min(endOfDay.getTime() - 1, Date.now()));
      const rows = await this.repo.outageCandidates(until, lookbackDays + 1, minHours, this.node.timezone);
      const tasks = rows.map<GeneratedTask>((r) => ({
        rule: CareRule.Outage,
        occasionKey: occasionKey.outage(r.customer_id, r.outage_id),
        customerId: r.customer_id,
        kind: CareTaskKind.OutageFollowUp,
        title: `故障後回訪 Follow-up after a ${r.hours}-hour outage`.slice(0, 200),
        dueDate: addDays(r.ended_day, dueInDays),
        assigneeStaffId: manager(r.account_manager_id),
        outageId: r.outage_id,
      }));
      for (let i = 0; i < tasks.length; i += this.config.batchSize) await save(tasks.slice(i, i + this.config.batchSize));
    }

    result.alreadyGenerated = result.occasions - result.created;
    this.logger.log({ asOf: day, occasions: result.occasions, created: result.created }, 'Care tasks generated');
    return result;
  }
}

/** The UTC offset (`+08:00`) of a time zone on a day (noon, to stay clear of DST switches). */
function offsetOf(tz: string, day: string): string {
  const at = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : 'Z';
}
