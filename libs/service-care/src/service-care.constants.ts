/** Kinds of care task (關懷任務). */
export enum CareTaskKind {
  /** 大客戶走訪 */
  Visit = 'visit',
  /** 在網周年關懷 */
  Anniversary = 'anniversary',
  /** 故障後回訪 */
  OutageFollowUp = 'outage_follow_up',
  Other = 'other',
}

/** Where a task came from: a care rule (主動服務) or a person. */
export enum CareTaskOrigin {
  Rule = 'rule',
  Manual = 'manual',
}

/** The care rules that generate tasks. */
export enum CareRule {
  KeyAccountVisit = 'key_account_visit',
  Anniversary = 'anniversary',
  Outage = 'outage',
}

export const RULE_KIND: Readonly<Record<CareRule, CareTaskKind>> = {
  [CareRule.KeyAccountVisit]: CareTaskKind.Visit,
  [CareRule.Anniversary]: CareTaskKind.Anniversary,
  [CareRule.Outage]: CareTaskKind.OutageFollowUp,
};

/** open → assigned → done | cancelled; open → cancelled. done and cancelled are final. */
export enum CareTaskStatus {
  Open = 'open',
  Assigned = 'assigned',
  Done = 'done',
  Cancelled = 'cancelled',
}

export const CARE_TASK_TRANSITIONS: Readonly<Record<CareTaskStatus, readonly CareTaskStatus[]>> = {
  [CareTaskStatus.Open]: [CareTaskStatus.Assigned, CareTaskStatus.Cancelled],
  [CareTaskStatus.Assigned]: [CareTaskStatus.Done, CareTaskStatus.Cancelled],
  [CareTaskStatus.Done]: [],
  [CareTaskStatus.Cancelled]: [],
};

export const LIVE_CARE_TASK_STATUSES = [CareTaskStatus.Open, CareTaskStatus.Assigned] as const;

export const KEY_ACCOUNT_TYPES = ['key_individual', 'key_enterprise'] as const;

export const CARE_TASK_ENTITY = 'care_task';
export const SERVICE_PLAN_ENTITY = 'service_plan';
export const SERVICE_OUTAGE_ENTITY = 'service_outage';
