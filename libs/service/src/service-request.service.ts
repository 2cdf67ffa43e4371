import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@crm/audit';
import { RequestActor } from '@crm/auth';
import { NODE_CONFIG, NodeConfig } from '@crm/config';
import { DomainException, rejectNulls } from '@crm/errors';
import { addBusinessMinutes } from './business-hours.util';
import { CreateAttachmentDto } from './dto/attachment.dto';
import {
  AssignDto, AttachmentDto, HandoverDto, ListServiceRequestsDto, ServiceRequestDto, ServiceRequestFilterDto, ServiceRequestPageDto, ServiceRequestInput, TransitionDto,
  UpdateServiceRequestDto,
} from './dto/service-request.dto';
import { ServiceRequest } from './entities';
import { SERVICE_CONFIG, ServiceConfig } from './service.config';
import {
  KEY_CUSTOMER_TYPES, SERVICE_ATTACHMENT_ENTITY, SERVICE_REQUEST_ENTITY, ServiceEventAction, ServiceRequestStatus as S,
} from './service.constants';
import { isOpen } from './service-request-lifecycle.util';
import { ServiceRequestLifecycle } from './service-request-lifecycle.service';
import { toAttachmentDto, toEventDto, toRequestDto, toReturnVisitDto } from './service-request.mapper';
import { ServiceRequestCriteria, ServiceRequestRepository } from './service-request.repository';
import { resolveSla } from './sla-policy.util';

const field = (name: string, problem: string) => [{ field: name, problem }];

/**
 * 服務請求: creation with first-contact ownership (首問負責) and key-account routing
 * (客戶經理負責), SLA targets and due instants, descriptive changes, the lifecycle with its
 * history, hand-over, assignment and attachment metadata. The API other libraries reuse
 * (a TMF621 facade, cross-tier escalation): create, findById, list, update, transition.
 */
@Injectable()
export class ServiceRequestService {
  constructor(
    private readonly repo: ServiceRequestRepository,
    private readonly audit: AuditService,
    private readonly lifecycle: ServiceRequestLifecycle,
    @Inject(NODE_CONFIG) private readonly node: NodeConfig,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * Registers a request. `customerId` and `receivedByStaffId` are optional here (the REST DTO still
   * requires them): without a customer there is no key-account routing and the public SLA factor
   * applies (the subscription's customer is taken when only a subscription is given); without a
   * receiver the account manager of a key account owns it, otherwise nobody does until a hand-over
   * or an assignment to a person. `extras.attachments` are recorded in the same transaction.
   */
  async create(dto: ServiceRequestInput, actor: RequestActor, extras: { attachments?: CreateAttachmentDto[] } = {}): Promise<ServiceRequestDto> {
    const id = await this.repo.transaction(async (manager) => {
      let customerId = dto.customerId ?? null;
      if (dto.subscriptionId) {
        const owner = await this.repo.subscriptionOwner(manager, dto.subscriptionId);
        if (owner === undefined) throw DomainException.badRequest(`Unknown subscription ${dto.subscriptionId}`, field('subscriptionId', 'unknown subscription'));
        if (customerId && owner !== customerId) throw DomainException.badRequest('The subscription belongs to another customer', field('subscriptionId', 'not a subscription of this customer'));
        customerId ??= owner;
      }
      const customer = customerId ? await this.repo.customer(manager, customerId) : undefined;
      if (customerId && !customer) throw DomainException.badRequest(`Unknown customer ${customerId}`, field('customerId', 'unknown customer'));
      if (customer?.deleted_at) throw DomainException.badRequest(`Customer ${customerId} is closed`, field('customerId', 'customer is closed'));
      const receiver = dto.receivedByStaffId ? await this.repo.staff(manager, dto.receivedByStaffId) : undefined;
      if (dto.receivedByStaffId && !receiver) throw DomainException.badRequest(`Unknown staff member ${dto.receivedByStaffId}`, field('receivedByStaffId', 'not a staff member'));
      if (receiver && !receiver.active) throw DomainException.badRequest('The receiving staff member is inactive', field('receivedByStaffId', 'staff member is inactive'));

      const keyAccount = !!customer && (KEY_CUSTOMER_TYPES.includes(customer.customer_type) || customer.key_account_level !== null);
      const accountManager = keyAccount && customer!.account_manager_id ? await this.repo.staff(manager, customer!.account_manager_id) : undefined;
      const routed = !!accountManager?.active && accountManager.id !== receiver?.id;
      const owner = routed ? accountManager!.id : (receiver?.id ?? null);
      const sla = resolveSla(this.config, { kind: dto.kind, severity: dto.severity, keyAccount });
      const now = new Date();
      const cal = this.lifecycle.calendar();
      const requestId = await this.repo.insertRequest(manager, {
        kind: dto.kind,
        channel: dto.channel,
        severity: dto.severity,
        status: S.Acknowledged,
        customerId,
        subscriptionId: dto.subscriptionId ?? null,
        circuitRef: dto.circuitRef?.trim() || null,
        title: dto.title.trim(),
        description: dto.description ?? null,
        notes: dto.notes ?? null,
        receivedByStaffId: receiver?.id ?? null,
        ownerStaffId: owner,
        departmentCode: routed ? accountManager!.department_code : null,
        keyAccount,
        routedToAccountManager: routed,
        receivedAt: now,
        aroundTheClock: sla.aroundTheClock,
        responseTargetMinutes: sla.responseMinutes,
        resolutionTargetMinutes: sla.resolutionMinutes,
        responseDueAt: addBusinessMinutes(now, sla.responseMinutes, cal, sla.aroundTheClock),
        resolutionDueAt: addBusinessMinutes(now, sla.resolutionMinutes, cal, sla.aroundTheClock),
        resolutionRunningSince: now,
        createdBy: actor.username,
      });
      await this.repo.insertEvent(manager, { requestId, action: ServiceEventAction.Created, toStatus: S.Acknowledged, toStaffId: receiver?.id ?? null, at: now, by: actor.username, details: { keyAccount, ...sla } });
      if (routed) {
        await this.repo.insertEvent(manager, {
          requestId, action: ServiceEventAction.Routed, fromStaffId: receiver?.id ?? null, toStaffId: owner, departmentCode: accountManager!.department_code, at: now, by: actor.username,
          reason: 'key account routed to its account manager (客戶經理負責制)',
        });
      }
      await this.audit.record(manager, actor, {
        action: 'create', entityType: SERVICE_REQUEST_ENTITY, entityId: requestId,
        newValues: { kind: dto.kind, channel: dto.channel, severity: dto.severity, customerId, subscriptionId: dto.subscriptionId ?? null, ownerStaffId: owner, routedToAccountManager: routed, title: dto.title.trim() },
      });
      for (const a of extras.attachments ?? []) await this.insertAttachment(manager, requestId, a, actor);
      return requestId;
    });
    return this.findById(id);
  }

  /** The request with its history, attachments and return visits; 404 when unknown. */
  async findById(id: string, manager?: EntityManager): Promise<ServiceRequestDto> {
    const row = await this.repo.byId(id, manager);
    if (!row) throw DomainException.notFound('Service request', id);
    const [history, attachments, visits] = await Promise.all([this.repo.history(id, manager), this.repo.attachments(id, manager), this.repo.returnVisits(id, manager)]);
    return { ...toRequestDto(row), history: history.map(toEventDto), attachments: attachments.map(toAttachmentDto), returnVisits: visits.map(toReturnVisitDto) };
  }

  async list(q: ListServiceRequestsDto): Promise<ServiceRequestPageDto> {
    const [rows, total] = await this.repo.list(q, this.node.timezone, q.page, q.pageSize);
    return { items: rows.map(toRequestDto), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * A window (offset / limit, newest first) of the requests matching `criteria`, each with its
   * history and attachments (loaded for the whole window in two queries), and the total count.
   */
  async window(criteria: ServiceRequestCriteria, offset: number, limit: number): Promise<{ items: ServiceRequestDto[]; total: number }> {
    const [rows, total] = await this.repo.window(criteria, offset, limit);
    const ids = rows.map((r) => r.id);
    const [history, attachments] = await Promise.all([this.repo.historyOf(ids), this.repo.attachmentsOf(ids)]);
    const items = rows.map((r) => ({
      ...toRequestDto(r),
      history: history.filter((e) => e.requestId === r.id).map(toEventDto),
      attachments: attachments.filter((a) => a.requestId === r.id).map(toAttachmentDto),
    }));
    return { items, total };
  }

  /** The list's query for a streamed export. */
  exportQuery(f: ServiceRequestFilterDto) {
    return this.repo.query(f, this.node.timezone);
  }

  /** Descriptive fields (title, description, notes, circuit reference); `version` must be current. */
  async update(id: string, dto: UpdateServiceRequestDto, actor: RequestActor): Promise<ServiceRequestDto> {
    rejectNulls(dto, ['title']);
    await this.repo.transaction(async (manager) => {
      const row = await this.lifecycle.locked(manager, id, dto.version);
      const set: Partial<ServiceRequest> = {};
      if (dto.title !== undefined) set.title = dto.title.trim();
      if (dto.description !== undefined) set.description = dto.description;
      if (dto.notes !== undefined) set.notes = dto.notes;
      if (dto.circuitRef !== undefined) set.circuitRef = dto.circuitRef?.trim() || null;
      const keys = Object.keys(set) as (keyof ServiceRequest)[];
      if (!keys.length) return;
      await this.repo.update(manager, id, set);
      await this.audit.record(manager, actor, {
        action: 'update', entityType: SERVICE_REQUEST_ENTITY, entityId: id,
        oldValues: Object.fromEntries(keys.map((k) => [k, row[k]])), newValues: set as Record<string, unknown>,
      });
    });
    return this.findById(id);
  }

  /** Deletes a request still acknowledged (nothing done on it yet); 409 otherwise. */
  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      const row = await this.lifecycle.locked(manager, id);
      if (row.status !== S.Acknowledged) throw DomainException.conflict(`A ${row.status} request cannot be deleted; cancel or reject it instead`, field('status', 'only acknowledged requests can be deleted'));
      await this.repo.delete(manager, id);
      await this.audit.record(manager, actor, { action: 'delete', entityType: SERVICE_REQUEST_ENTITY, entityId: id, oldValues: { kind: row.kind, status: row.status, customerId: row.customerId, title: row.title } });
    });
  }

  /** Moves the request along its lifecycle (manual transitions); 409 with a code naming from/to when not allowed. */
  async transition(id: string, dto: TransitionDto, actor: RequestActor): Promise<ServiceRequestDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.lifecycle.locked(manager, id, dto.version);
      await this.lifecycle.apply(manager, row, dto.to, dto.reason?.trim() || null, actor, 'manual');
    });
    return this.findById(id);
  }

  /** 首問負責制: responsibility passes explicitly to another active staff member (recorded). */
  async handover(id: string, dto: HandoverDto, actor: RequestActor): Promise<ServiceRequestDto> {
    await this.repo.transaction(async (manager) => {
      const row = await this.lifecycle.locked(manager, id, dto.version);
      if (!isOpen(row.status)) throw DomainException.conflict(`A ${row.status} request cannot be handed over`, field('status', 'only open requests (acknowledged, in_progress, pending) can be handed over'));
      const to = await this.repo.staff(manager, dto.toStaffId);
      if (!to) throw DomainException.badRequest(`Unknown staff member ${dto.toStaffId}`, field('toStaffId', 'not a staff member'));
      if (!to.active) throw DomainException.badRequest('The staff member is inactive', field('toStaffId', 'staff member is inactive'));
      if (to.id === row.ownerStaffId) throw DomainException.conflict('The staff member already owns the request', field('toStaffId', 'already the owner'));
      await this.repo.update(manager, id, { ownerStaffId: to.id, handoverCount: row.handoverCount + 1 });
      await this.repo.insertEvent(manager, { requestId: id, action: ServiceEventAction.Handover, fromStaffId: row.ownerStaffId, toStaffId: to.id, reason: dto.reason.trim(), by: actor.username, details: { handoverCount: row.handoverCount + 1 } });
      await this.audit.record(manager, actor, { action: 'update', entityType: SERVICE_REQUEST_ENTITY, entityId: id, oldValues: { ownerStaffId: row.ownerStaffId }, newValues: { ownerStaffId: to.id, reason: dto.reason.trim() } });
    });
    return this.findById(id);
  }

  /** Assigns the request to a service department and / or a staff member (the owner stays responsible). */
  async assign(id: string, dto: AssignDto, actor: RequestActor): Promise<ServiceRequestDto> {
    if (!dto.departmentCode && !dto.staffId) throw DomainException.badRequest('Give a departmentCode, a staffId or both', [{ field: 'departmentCode', problem: 'departmentCode or staffId is required' }, { field: 'staffId', problem: 'departmentCode or staffId is required' }]);
    await this.repo.transaction(async (manager) => {
      const row = await this.lifecycle.locked(manager, id, dto.version);
      if (!isOpen(row.status)) throw DomainException.conflict(`A ${row.status} request cannot be assigned`, field('status', 'only open requests (acknowledged, in_progress, pending) can be assigned'));
      let department = dto.departmentCode ?? null;
      if (department && !(await this.repo.departmentExists(manager, department))) throw DomainException.badRequest(`Unknown service department ${department}`, field('departmentCode', 'not a service department'));
      let staffId = row.assigneeStaffId;
      if (dto.staffId) {
        const staff = await this.repo.staff(manager, dto.staffId);
        if (!staff) throw DomainException.badRequest(`Unknown staff member ${dto.staffId}`, field('staffId', 'not a staff member'));
        if (!staff.active) throw DomainException.badRequest('The staff member is inactive', field('staffId', 'staff member is inactive'));
        staffId = staff.id;
        department ??= staff.department_code;
      }
      department ??= row.departmentCode;
      // a request nobody owns yet (received by a system) is owned by the first person it is assigned to
      const ownerStaffId = row.ownerStaffId ?? staffId;
      const ownerSet = ownerStaffId !== row.ownerStaffId;
      await this.repo.update(manager, id, { assigneeStaffId: staffId, departmentCode: department, ...(ownerSet ? { ownerStaffId } : {}) });
      await this.repo.insertEvent(manager, { requestId: id, action: ServiceEventAction.Assign, fromStaffId: row.assigneeStaffId, toStaffId: staffId, departmentCode: department, reason: dto.reason?.trim() || null, by: actor.username, details: ownerSet ? { ownerStaffId } : {} });
      await this.audit.record(manager, actor, {
        action: 'update', entityType: SERVICE_REQUEST_ENTITY, entityId: id,
        oldValues: { assigneeStaffId: row.assigneeStaffId, departmentCode: row.departmentCode, ...(ownerSet ? { ownerStaffId: null } : {}) },
        newValues: { assigneeStaffId: staffId, departmentCode: department, ...(ownerSet ? { ownerStaffId } : {}) },
      });
    });
    return this.findById(id);
  }

  async addAttachment(id: string, dto: CreateAttachmentDto, actor: RequestActor): Promise<AttachmentDto> {
    return this.repo.transaction(async (manager) => {
      await this.lifecycle.locked(manager, id);
      return this.insertAttachment(manager, id, dto, actor);
    });
  }

  private async insertAttachment(manager: EntityManager, id: string, dto: CreateAttachmentDto, actor: RequestActor): Promise<AttachmentDto> {
    const a = await this.repo.insertAttachment(manager, { requestId: id, fileName: dto.fileName.trim(), mediaType: dto.mediaType.toLowerCase(), sizeBytes: dto.sizeBytes, storageRef: dto.storageRef.trim(), createdBy: actor.username });
    await this.audit.record(manager, actor, { action: 'create', entityType: SERVICE_ATTACHMENT_ENTITY, entityId: a.id, newValues: { requestId: id, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes } });
    return toAttachmentDto(a);
  }

  async attachments(id: string): Promise<AttachmentDto[]> {
    if (!(await this.repo.byId(id))) throw DomainException.notFound('Service request', id);
    return (await this.repo.attachments(id)).map(toAttachmentDto);
  }

  async removeAttachment(id: string, attachmentId: string, actor: RequestActor): Promise<void> {
    await this.repo.transaction(async (manager) => {
      await this.lifecycle.locked(manager, id);
      const a = await this.repo.attachment(manager, id, attachmentId);
      if (!a) throw DomainException.notFound('Attachment', attachmentId);
      await this.repo.deleteAttachment(manager, attachmentId);
      await this.audit.record(manager, actor, { action: 'delete', entityType: SERVICE_ATTACHMENT_ENTITY, entityId: attachmentId, oldValues: { requestId: id, fileName: a.fileName, storageRef: a.storageRef } });
    });
  }
}
