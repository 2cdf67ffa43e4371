/** Kinds of abnormal customer (異常客戶) the rules detect. */
export enum AbnormalKind {
  /** 高額消費: billed this month far above the absolute bound or the customer's own average */
  HighSpend = 'high_spend',
  /** 低額消費: billed this month far below the customer's own average (or the absolute bound) */
  LowSpend = 'low_spend',
  /** 突變: billed this month vs last month changed by a large factor */
  SuddenChange = 'sudden_change',
  /** 信用極低 */
  LowCredit = 'low_credit',
  /** 欠費超限 */
  HighArrears = 'high_arrears',
}

/** The service a case is about: one of the bill-item services, or `all` (the whole bill / the customer). */
export const WATCH_SERVICES = ['all', 'voice', 'sms', 'data', 'iptv', 'broadband'] as const;
export type WatchService = (typeof WATCH_SERVICES)[number];

/** open → confirmed (確認異常) or dismissed (誤報); confirmed → closed (確認恢復正常). dismissed and closed are final. */
export enum AbnormalStatus {
  Open = 'open',
  Confirmed = 'confirmed',
  Dismissed = 'dismissed',
  Closed = 'closed',
}

export const ABNORMAL_TRANSITIONS: Readonly<Record<AbnormalStatus, readonly AbnormalStatus[]>> = {
  [AbnormalStatus.Open]: [AbnormalStatus.Confirmed, AbnormalStatus.Dismissed],
  [AbnormalStatus.Confirmed]: [AbnormalStatus.Closed],
  [AbnormalStatus.Dismissed]: [],
  [AbnormalStatus.Closed]: [],
};

/** Live statuses: at most one live case per customer × kind × service. */
export const LIVE_ABNORMAL_STATUSES = [AbnormalStatus.Open, AbnormalStatus.Confirmed] as const;

/** candidate → nurturing (培育) → promoted (升為大客戶, by the promote action) or dropped; dropped → candidate (reopen). */
export enum PotentialStatus {
  Candidate = 'candidate',
  Nurturing = 'nurturing',
  Promoted = 'promoted',
  Dropped = 'dropped',
}

/** Transitions through PATCH (promotion only through POST …/:id/promote). */
export const POTENTIAL_TRANSITIONS: Readonly<Record<PotentialStatus, readonly PotentialStatus[]>> = {
  [PotentialStatus.Candidate]: [PotentialStatus.Nurturing, PotentialStatus.Dropped],
  [PotentialStatus.Nurturing]: [PotentialStatus.Candidate, PotentialStatus.Dropped],
  [PotentialStatus.Promoted]: [],
  [PotentialStatus.Dropped]: [PotentialStatus.Candidate],
};

/** Tracking channels of a potential key account note (跟蹤記錄). */
export const NOTE_CHANNELS = ['visit', 'phone', 'sms', 'email', 'wechat', 'other'] as const;
export type NoteChannel = (typeof NOTE_CHANNELS)[number];

export const PUBLIC_CUSTOMER_TYPES = ['public_residential', 'public_unit'] as const;
export const KEY_CUSTOMER_TYPES = ['key_individual', 'key_enterprise'] as const;
export type KeyCustomerType = (typeof KEY_CUSTOMER_TYPES)[number];

export const ABNORMAL_CASE_ENTITY = 'abnormal_case';
export const POTENTIAL_KEY_ACCOUNT_ENTITY = 'potential_key_account';
