import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, ErrorCode } from '@crm/errors';
import { BusinessCalendar } from './business-hours.util';
import { ServiceRequest } from './entities';
import { SERVICE_CONFIG, ServiceConfig } from './service.config';
import { SERVICE_REQUEST_ENTITY, ServiceEventAction, ServiceRequestStatus as S } from './service.constants';
import { checkTransition, TransitionTrigger } from './service-request-lifecycle.util';
import { ServiceRequestRepository } from './service-request.repository';
import { transitionEffects } from './service-request-transition.util';

/**
 * Transaction-level building blocks shared by the request, SLA and return-visit services (not
 * exported from the library): the working calendar, locking with the version check, and applying
 * a checked transition with its SLA effects, history row and audit entry.
 */
@Injectable()
export class ServiceRequestLifecycle {
  constructor(
    private readonly repo: ServiceRequestRepository,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The working calendar in the node's time zone. */
  calendar(): BusinessCalendar {
    return { timezone: this.node.timezone, ...this.config.calendar };
  }

  /** The request locked for update; 404 when unknown, 409 when `version` is given and stale. */
  async locked(manager: EntityManager, id: string, version?: number): Promise<ServiceRequest> {
    const row = await this.repo.lock(manager, id);
    if (!row) throw DomainException.notFound('Service request', id);
    if (version !== undefined && row.version !== version) {
      throw DomainException.conflict(`The request was changed meanwhile (version ${row.version}, not ${version}); read it again`, [{ field: 'version', problem: `current version is ${row.version}` }]);
    }
    return row;
  }

  /** Moves `row` to `to` inside the caller's transaction; 409 with a code naming from/to when not allowed for `trigger`. */
  async apply(manager: EntityManager, row: ServiceRequest, to: S, reason: string | null, actor: RequestActor, trigger: TransitionTrigger, extra: Record<string, unknown> = {}): Promise<void> {
    const check = checkTransition(row.status, to, trigger);
    if (!check.ok) {
      throw new DomainException(ErrorCode.Conflict, `${check.code}: ${check.reason}`, [{ field: 'to', problem: check.allowed.length ? `allowed from ${row.status}: ${check.allowed.join(', ')}` : `${row.status} is final` }]);
    }
    const now = new Date();
    const { set, details } = transitionEffects(row, to, now, this.calendar());
    await this.repo.update(manager, row.id, set);
    await this.repo.insertEvent(manager, { requestId: row.id, action: ServiceEventAction.Transition, fromStatus: row.status, toStatus: to, reason, at: now, by: actor.username, details: { ...details, ...extra } });
    await this.audit.record(manager, actor, { action: 'update', entityType: SERVICE_REQUEST_ENTITY, entityId: row.id, oldValues: { status: row.status }, newValues: { status: to, reason, ...extra } });
  }
}
