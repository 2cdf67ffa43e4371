/** 升級 (escalation) by staff, or 申訴 (appeal) by the customer, of a city service request. */
export enum EscalationKind {
  Escalation = 'escalation',
  Appeal = 'appeal',
}
export const ESCALATION_KINDS = Object.values(EscalationKind);

/** The tier the city asks to decide: the province (default) or HQ (the province forwards it at once). */
export enum EscalationLevel {
  Province = 'province',
  Hq = 'hq',
}
export const ESCALATION_LEVELS = Object.values(EscalationLevel);

/** Status of an escalation: open until a higher tier decides. */
export enum EscalationStatus {
  Open = 'open',
  UnderReview = 'under_review',
  Resolved = 'resolved',
  Rejected = 'rejected',
  Forwarded = 'forwarded',
}
export const ESCALATION_STATUSES = Object.values(EscalationStatus);
/** What a province or HQ may decide. */
export const DECISION_STATUSES = [EscalationStatus.UnderReview, EscalationStatus.Resolved, EscalationStatus.Rejected, EscalationStatus.Forwarded] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** History actions written on the city's service request (service_request_event.action, varchar 16). */
export const TIER_ESCALATION_EVENT = 'tier_escalation';
export const TIER_DECISION_EVENT = 'tier_decision';

export const ESCALATION_ENTITY = 'escalation';
export const SERVICE_ESCALATION_ENTITY = 'service_escalation';

/** Longest title that leaves the city (the request's title, cut). */
export const SUMMARY_TITLE_MAX = 60;
export const REASON_MAX = 500;
export const DECISION_TEXT_MAX = 1000;
