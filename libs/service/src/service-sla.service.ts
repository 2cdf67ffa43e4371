import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException } from '@crm/errors';
import { ListNotificationsDto, NotificationPageDto, SlaCheckResultDto } from './dto/sla.dto';
import { ServiceRequest, ServiceRequestNotification } from './entities';
import { SERVICE_CONFIG, ServiceConfig } from './service.config';
import { NotificationRecipient, SERVICE_REQUEST_ENTITY, ServiceEventAction, SlaClock, SlaNotificationKind } from './service.constants';
import { resolutionClockRuns, responseClockRuns } from './service-request-lifecycle.util';
import { toNotificationDto } from './service-request.mapper';
import { ServiceRequestRepository } from './service-request.repository';
import { ServiceRequestLifecycle } from './service-request-lifecycle.service';
import { SlaClockState, slaStanding } from './sla-policy.util';

type Counts = Omit<SlaCheckResultDto, 'asOf'>;

/**
 * The SLA check: for every open request, each running clock (response while acknowledged,
 * resolution while acknowledged / in_progress) is compared with its target in business time.
 * ≥ nearBreachRatio used → one near-breach notice; target exceeded → one breach notice and an
 * escalation. Idempotent: the request carries when each notice went out, rows are unique.
 */
@Injectable()
export class ServiceSlaService {
  private readonly logger = new Logger(ServiceSlaService.name);

  constructor(
    private readonly repo: ServiceRequestRepository,
    private readonly lifecycle: ServiceRequestLifecycle,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async check(asOf: string | undefined, actor: RequestActor): Promise<SlaCheckResultDto> {
    const at = asOf ? (await this.repo.resolveInstant(asOf, this.node.timezone)).at : new Date();
    const counts: Counts = { examined: 0, nearBreaches: 0, breaches: 0, escalated: 0, notifications: 0 };
    for (let after: string | null = null; ; ) {
      const ids = await this.repo.slaCandidates(after, this.config.batchSize, at, this.config.nearBreachRatio);
      if (!ids.length) break;
      after = ids[ids.length - 1];
      for (const id of ids) {
        await this.repo.transaction(async (manager) => {
          const row = await this.repo.lock(manager, id);
          if (row) await this.checkOne(manager, row, at, actor, counts);
        });
      }
    }
    this.logger.log({ asOf: at.toISOString(), ...counts }, 'Service SLA check');
    return { asOf: at.toISOString(), ...counts };
  }

  private async checkOne(manager: EntityManager, row: ServiceRequest, asOf: Date, actor: RequestActor, counts: Counts): Promise<void> {
    counts.examined += 1;
    const cal = this.lifecycle.calendar();
    const clocks: { clock: SlaClock; state: SlaClockState; due: Date; warned: keyof ServiceRequest; breached: keyof ServiceRequest }[] = [];
    if (responseClockRuns(row.status)) {
      clocks.push({ clock: SlaClock.Response, state: { targetMinutes: row.responseTargetMinutes, usedMinutes: 0, runningSince: row.receivedAt, aroundTheClock: row.aroundTheClock }, due: row.responseDueAt, warned: 'responseWarnedAt', breached: 'responseBreachedAt' });
    }
    if (resolutionClockRuns(row.status) && row.resolutionRunningSince) {
      clocks.push({ clock: SlaClock.Resolution, state: { targetMinutes: row.resolutionTargetMinutes, usedMinutes: row.resolutionUsedMinutes, runningSince: row.resolutionRunningSince, aroundTheClock: row.aroundTheClock }, due: row.resolutionDueAt, warned: 'resolutionWarnedAt', breached: 'resolutionBreachedAt' });
    }
    const set: Partial<ServiceRequest> = {};
    let escalations = 0;
    for (const c of clocks) {
      const { standing, elapsedMinutes } = slaStanding(c.state, asOf, cal, this.config.nearBreachRatio);
      if (standing === 'ok') continue;
      const kind = standing === 'breach' ? SlaNotificationKind.Breach : SlaNotificationKind.NearBreach;
      if (kind === SlaNotificationKind.NearBreach && row[c.warned]) continue;
      if (kind === SlaNotificationKind.Breach && row[c.breached]) continue;
      (set as Record<string, unknown>)[c.warned] = row[c.warned] ?? asOf;
      if (kind === SlaNotificationKind.Breach) {
        (set as Record<string, unknown>)[c.breached] = asOf;
        counts.breaches += 1;
        escalations += 1;
      } else {
        counts.nearBreaches += 1;
      }
      counts.notifications += await this.repo.insertNotifications(manager, this.recipients(row).map((r) => ({
        requestId: row.id, clock: c.clock, kind, ...r, at: asOf, dueAt: c.due, elapsedMinutes: Math.floor(elapsedMinutes), targetMinutes: c.state.targetMinutes,
      })));
      if (kind === SlaNotificationKind.Breach) {
        await this.repo.insertEvent(manager, {
          requestId: row.id, action: ServiceEventAction.Escalate, reason: `${c.clock} SLA breached`, at: asOf, by: actor.username,
          details: { clock: c.clock, elapsedMinutes: Math.floor(elapsedMinutes), targetMinutes: c.state.targetMinutes, escalationLevel: row.escalationLevel + escalations },
        });
      }
    }
    if (!Object.keys(set).length) return;
    if (escalations) {
      set.escalated = true;
      set.escalationLevel = row.escalationLevel + escalations;
      counts.escalated += 1;
      await this.audit.record(manager, actor, { action: 'update', entityType: SERVICE_REQUEST_ENTITY, entityId: row.id, oldValues: { escalated: row.escalated, escalationLevel: row.escalationLevel }, newValues: { escalated: true, escalationLevel: set.escalationLevel } });
    }
    await this.repo.update(manager, row.id, set);
  }

  /**
   * owner (none while a request received by a system has no owner yet), assignee (when another
   * person) and the department's head (the department, when assigned). A request with none of them
   * gets no notice rows, but a breach still escalates it.
   */
  private recipients(row: ServiceRequest): Pick<ServiceRequestNotification, 'recipient' | 'recipientStaffId' | 'recipientDepartmentCode'>[] {
    const out: Pick<ServiceRequestNotification, 'recipient' | 'recipientStaffId' | 'recipientDepartmentCode'>[] = [];
    if (row.ownerStaffId) out.push({ recipient: NotificationRecipient.Owner, recipientStaffId: row.ownerStaffId, recipientDepartmentCode: null });
    if (row.assigneeStaffId && row.assigneeStaffId !== row.ownerStaffId) out.push({ recipient: NotificationRecipient.Assignee, recipientStaffId: row.assigneeStaffId, recipientDepartmentCode: null });
    if (row.departmentCode) out.push({ recipient: NotificationRecipient.DepartmentHead, recipientStaffId: null, recipientDepartmentCode: row.departmentCode });
    return out;
  }

  async notifications(q: ListNotificationsDto): Promise<NotificationPageDto> {
    if (q.requestId && !(await this.repo.byId(q.requestId))) throw DomainException.notFound('Service request', q.requestId);
    const [rows, total] = await this.repo.notifications(q, q.page, q.pageSize);
    return { items: rows.map(toNotificationDto), total, page: q.page, pageSize: q.pageSize };
  }
}
