import { ServiceChannel, ServiceRequestKind, ServiceRequestStatus, ServiceSeverity } from '@crm/service';

/** Where the facade answers (TMF621 Trouble Ticket Management API v4). */
export const TMF621_BASE_PATH = '/tmf-api/troubleTicket/v4';
export const TROUBLE_TICKET_PATH = `${TMF621_BASE_PATH}/troubleTicket`;

/** List paging: TMF630 offset / limit. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Lower-cased TMF ticket types (and a few synonyms) → service-request kind. */
export const TICKET_TYPE_IN: Readonly<Record<string, ServiceRequestKind>> = {
  complaint: ServiceRequestKind.Complaint,
  fault: ServiceRequestKind.Fault,
  incident: ServiceRequestKind.Fault,
  trouble: ServiceRequestKind.Fault,
  consultation: ServiceRequestKind.Consultation,
  query: ServiceRequestKind.Query,
  inquiry: ServiceRequestKind.Query,
  enquiry: ServiceRequestKind.Query,
  suggestion: ServiceRequestKind.Suggestion,
};

/** Service-request kind → TMF ticketType as answered. */
export const TICKET_TYPE_OUT: Readonly<Record<ServiceRequestKind, string>> = {
  [ServiceRequestKind.Complaint]: 'Complaint',
  [ServiceRequestKind.Fault]: 'Fault',
  [ServiceRequestKind.Consultation]: 'Consultation',
  [ServiceRequestKind.Query]: 'Query',
  [ServiceRequestKind.Suggestion]: 'Suggestion',
};

/** Lower-cased TMF severities (common TMF / ITIL labels and our own values) → service severity. */
export const SEVERITY_IN: Readonly<Record<string, ServiceSeverity>> = {
  critical: ServiceSeverity.Critical,
  urgent: ServiceSeverity.Critical,
  blocker: ServiceSeverity.Critical,
  major: ServiceSeverity.High,
  high: ServiceSeverity.High,
  minor: ServiceSeverity.Medium,
  medium: ServiceSeverity.Medium,
  moderate: ServiceSeverity.Medium,
  normal: ServiceSeverity.Medium,
  low: ServiceSeverity.Low,
  warning: ServiceSeverity.Low,
  informational: ServiceSeverity.Low,
  info: ServiceSeverity.Low,
  trivial: ServiceSeverity.Low,
};

/** Service severity → TMF severity as answered. */
export const SEVERITY_OUT: Readonly<Record<ServiceSeverity, string>> = {
  [ServiceSeverity.Critical]: 'Critical',
  [ServiceSeverity.High]: 'Major',
  [ServiceSeverity.Medium]: 'Minor',
  [ServiceSeverity.Low]: 'Low',
};

/** Service severity → TMF priority (read-only: derived, the domain has no separate priority). */
export const PRIORITY_OUT: Readonly<Record<ServiceSeverity, string>> = {
  [ServiceSeverity.Critical]: 'Critical',
  [ServiceSeverity.High]: 'High',
  [ServiceSeverity.Medium]: 'Medium',
  [ServiceSeverity.Low]: 'Low',
};

/** TMF621 TroubleTicketStatusType ↔ service-request status. `held` has no own status: it is pending. */
export const STATUS_OUT: Readonly<Record<ServiceRequestStatus, string>> = {
  [ServiceRequestStatus.Acknowledged]: 'acknowledged',
  [ServiceRequestStatus.InProgress]: 'inProgress',
  [ServiceRequestStatus.Pending]: 'pending',
  [ServiceRequestStatus.Resolved]: 'resolved',
  [ServiceRequestStatus.Closed]: 'closed',
  [ServiceRequestStatus.Rejected]: 'rejected',
  [ServiceRequestStatus.Cancelled]: 'cancelled',
};

export const STATUS_IN: Readonly<Record<string, ServiceRequestStatus>> = {
  acknowledged: ServiceRequestStatus.Acknowledged,
  inprogress: ServiceRequestStatus.InProgress,
  in_progress: ServiceRequestStatus.InProgress,
  pending: ServiceRequestStatus.Pending,
  held: ServiceRequestStatus.Pending,
  resolved: ServiceRequestStatus.Resolved,
  closed: ServiceRequestStatus.Closed,
  rejected: ServiceRequestStatus.Rejected,
  cancelled: ServiceRequestStatus.Cancelled,
  canceled: ServiceRequestStatus.Cancelled,
};

/** channel.name (lower-cased, spaces / dashes as underscores) → service channel; our own values are accepted as they are. */
export const CHANNEL_IN: Readonly<Record<string, ServiceChannel>> = {
  ...Object.fromEntries(Object.values(ServiceChannel).map((c) => [c, c])),
  call_center: ServiceChannel.CallCentre,
  callcentre: ServiceChannel.CallCentre,
  callcenter: ServiceChannel.CallCentre,
  phone: ServiceChannel.CallCentre,
  store: ServiceChannel.BusinessHall,
  shop: ServiceChannel.BusinessHall,
  web: ServiceChannel.Website,
  online: ServiceChannel.Website,
  self_service: ServiceChannel.Website,
  e_mail: ServiceChannel.Email,
  '10000': ServiceChannel.Hotline10000,
  '112': ServiceChannel.Hotline112,
  '114': ServiceChannel.Hotline114,
};

/** The channel of a ticket created without `channel`: the facade is an electronic, system-to-system channel. */
export const DEFAULT_CHANNEL = ServiceChannel.Website;

/** relatedParty roles (lower-cased) read on create. */
export const CUSTOMER_ROLES: readonly string[] = ['customer'];
export const RECEIVER_ROLES: readonly string[] = ['receiver', 'firstcontact', 'first_contact', 'staff'];
/** relatedEntity @referredType / role (lower-cased) naming the subscription concerned. */
export const SUBSCRIPTION_REFERENCES: readonly string[] = ['subscription', 'product', 'service'];

/** Top-level attributes of the TroubleTicket resource as answered (what `fields=` can select). */
export const TROUBLE_TICKET_ATTRIBUTES: readonly string[] = [
  'id', 'href', '@type', 'name', 'description', 'severity', 'ticketType', 'priority', 'status', 'statusChangeDate', 'statusChangeReason', 'statusChangeHistory',
  'creationDate', 'lastUpdate', 'expectedResolutionDate', 'resolutionDate', 'channel', 'relatedParty', 'relatedEntity', 'note', 'attachment',
];
