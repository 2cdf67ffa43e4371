/** Kinds of service request (服務請求). */
export enum ServiceRequestKind {
  /** 投訴 */
  Complaint = 'complaint',
  /** 故障 */
  Fault = 'fault',
  /** 咨詢 */
  Consultation = 'consultation',
  /** 查詢 */
  Query = 'query',
  /** 建議 */
  Suggestion = 'suggestion',
}

/** Contact channels a request arrives through (DOMAIN.md §2). */
export enum ServiceChannel {
  /** 客服中心 / 呼叫中心 */
  CallCentre = 'call_centre',
  /** 營業廳 */
  BusinessHall = 'business_hall',
  /** 客戶經理 */
  AccountManager = 'account_manager',
  /** 10000 service hotline */
  Hotline10000 = 'hotline_10000',
  /** 112 fault hotline */
  Hotline112 = 'hotline_112',
  /** 114 directory */
  Hotline114 = 'hotline_114',
  Website = 'website',
  Email = 'email',
}

export enum ServiceSeverity {
  Critical = 'critical',
  High = 'high',
  Medium = 'medium',
  Low = 'low',
}

/** acknowledged → in_progress ⇄ pending → resolved → closed (docs/service.md). */
export enum ServiceRequestStatus {
  /** 已受理 */
  Acknowledged = 'acknowledged',
  /** 處理中 */
  InProgress = 'in_progress',
  /** 掛起 (SLA clock paused) */
  Pending = 'pending',
  /** 已解決 (awaiting the return visit) */
  Resolved = 'resolved',
  /** 已關閉 (closed loop) */
  Closed = 'closed',
  /** 已駁回 */
  Rejected = 'rejected',
  /** 已撤銷 */
  Cancelled = 'cancelled',
}

/** The two SLA clocks of a request: time to first response, time to resolution. */
export enum SlaClock {
  Response = 'response',
  Resolution = 'resolution',
}

export enum SlaNotificationKind {
  NearBreach = 'near_breach',
  Breach = 'breach',
}

/** Who a notification is addressed to. The department head is not modelled in base-config: the row names the department. */
export enum NotificationRecipient {
  Owner = 'owner',
  Assignee = 'assignee',
  DepartmentHead = 'department_head',
}

/** What a history row records. */
export enum ServiceEventAction {
  Created = 'created',
  /** 客戶經理負責制: key account routed to its account manager on creation */
  Routed = 'routed',
  Transition = 'transition',
  /** 首問負責制: explicit hand-over of responsibility */
  Handover = 'handover',
  Assign = 'assign',
  Escalate = 'escalate',
  ReturnVisit = 'return_visit',
}

export const KEY_CUSTOMER_TYPES: readonly string[] = ['key_individual', 'key_enterprise'];

export const SERVICE_REQUEST_ENTITY = 'service_request';
export const SERVICE_ATTACHMENT_ENTITY = 'service_request_attachment';
export const SERVICE_RETURN_VISIT_ENTITY = 'service_request_return_visit';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
export const SQL_KINDS = list(Object.values(ServiceRequestKind));
export const SQL_CHANNELS = list(Object.values(ServiceChannel));
export const SQL_SEVERITIES = list(Object.values(ServiceSeverity));
export const SQL_STATUSES = list(Object.values(ServiceRequestStatus));
