import { AttachmentDto, ReturnVisitDto, ServiceEventDto, ServiceRequestDto } from './dto/service-request.dto';
import { NotificationDto } from './dto/sla.dto';
import { ServiceRequestAttachment, ServiceRequestEvent, ServiceRequestNotification, ServiceRequestReturnVisit } from './entities';
import { RequestRow } from './service-request.repository';

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/** A listed request row (snake_case, from service_request joined with customer and staff) as the API answers it. */
export function toRequestDto(r: RequestRow): ServiceRequestDto {
  return {
    id: r.id,
    kind: r.kind as ServiceRequestDto['kind'],
    channel: r.channel as ServiceRequestDto['channel'],
    severity: r.severity as ServiceRequestDto['severity'],
    status: r.status as ServiceRequestDto['status'],
    customerId: (r.customer_id as string | null) ?? null,
    customerName: (r.customer_name as string | null) ?? null,
    customerType: (r.customer_type as string | null) ?? null,
    subscriptionId: (r.subscription_id as string | null) ?? null,
    circuitRef: (r.circuit_ref as string | null) ?? null,
    title: r.title as string,
    description: (r.description as string | null) ?? null,
    notes: (r.notes as string | null) ?? null,
    receivedByStaffId: (r.received_by_staff_id as string | null) ?? null,
    ownerStaffId: (r.owner_staff_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    assigneeStaffId: (r.assignee_staff_id as string | null) ?? null,
    departmentCode: (r.department_code as string | null) ?? null,
    keyAccount: r.key_account as boolean,
    routedToAccountManager: r.routed_to_account_manager as boolean,
    handoverCount: r.handover_count as number,
    receivedAt: iso(r.received_at)!,
    aroundTheClock: r.around_the_clock as boolean,
    responseTargetMinutes: r.response_target_minutes as number,
    resolutionTargetMinutes: r.resolution_target_minutes as number,
    responseDueAt: iso(r.response_due_at)!,
    resolutionDueAt: iso(r.resolution_due_at)!,
    respondedAt: iso(r.responded_at),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    resolutionUsedMinutes: Math.round(Number(r.resolution_used_minutes) * 100) / 100,
    slaPaused: r.resolution_running_since === null,
    responseBreachedAt: iso(r.response_breached_at),
    resolutionBreachedAt: iso(r.resolution_breached_at),
    escalated: r.escalated as boolean,
    escalationLevel: r.escalation_level as number,
    createdBy: r.created_by as string,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version as number,
  };
}

export function toEventDto(e: ServiceRequestEvent): ServiceEventDto {
  return {
    action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, fromStaffId: e.fromStaffId, toStaffId: e.toStaffId,
    departmentCode: e.departmentCode, reason: e.reason, details: e.details, at: e.at.toISOString(), by: e.by,
  };
}

export function toAttachmentDto(a: ServiceRequestAttachment): AttachmentDto {
  return { id: a.id, requestId: a.requestId, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, storageRef: a.storageRef, createdBy: a.createdBy, createdAt: a.createdAt.toISOString() };
}

export function toReturnVisitDto(v: ServiceRequestReturnVisit): ReturnVisitDto {
  return { id: v.id, requestId: v.requestId, rating: v.rating, satisfied: v.satisfied, comment: v.comment, visitedAt: v.visitedAt.toISOString(), visitedBy: v.visitedBy, surveyId: v.surveyId };
}

export function toNotificationDto(n: ServiceRequestNotification): NotificationDto {
  return {
    id: String(n.id), requestId: n.requestId, clock: n.clock, kind: n.kind, recipient: n.recipient, recipientStaffId: n.recipientStaffId,
    recipientDepartmentCode: n.recipientDepartmentCode, at: n.at.toISOString(), dueAt: n.dueAt.toISOString(), elapsedMinutes: n.elapsedMinutes, targetMinutes: n.targetMinutes,
  };
}
