/** 賬戶狀態 */
export enum AccountStatus {
  Active = 'active',
  /** 停用: no new charges are expected; payments are still accepted. */
  Suspended = 'suspended',
}

/** 繳費方式: how a payment was made (also an account's default). */
export enum PaymentMethod {
  Cash = 'cash',
  BankTransfer = 'bank_transfer',
  WechatPay = 'wechat_pay',
  Alipay = 'alipay',
  /** 銀行代扣 */
  BankWithholding = 'bank_withholding',
  /** 充值卡 */
  PrepaidCard = 'prepaid_card',
}

/** 通話類型 of a usage record. */
export enum CallType {
  Local = 'local',
  LongDistance = 'long_distance',
  International = 'international',
  Roaming = 'roaming',
  Data = 'data',
  Sms = 'sms',
  Other = 'other',
}

export enum UsageDirection {
  Outgoing = 'outgoing',
  Incoming = 'incoming',
}

/** The service a usage record, a bill item or an arrear belongs to. */
export enum ServiceKind {
  Voice = 'voice',
  Sms = 'sms',
  Data = 'data',
  Iptv = 'iptv',
  Broadband = 'broadband',
}

/** 費用項目 of a bill (fee breakdown). Discounts are negative, every other item non-negative. */
export enum BillItemType {
  /** 月租費 */
  MonthlyFee = 'monthly_fee',
  Voice = 'voice',
  Data = 'data',
  Sms = 'sms',
  /** 增值業務 */
  ValueAdded = 'value_added',
  /** 優惠減免 */
  Discount = 'discount',
  Other = 'other',
}

/**
 * 賬單狀態: issued → partially_paid → paid; unpaid past the due date → overdue (until paid).
 * written_off: settled, at least in part, by the write-off (核銷) of its arrears — nothing is left
 * to pay on it. A bill with only some services written off stays overdue for the rest.
 */
export enum BillStatus {
  Issued = 'issued',
  PartiallyPaid = 'partially_paid',
  Paid = 'paid',
  Overdue = 'overdue',
  WrittenOff = 'written_off',
}

/** 回收狀態 of an arrear. open and in_dunning are "live": at most one live arrear per account and service. */
export enum ArrearStatus {
  Open = 'open',
  InDunning = 'in_dunning',
  Recovered = 'recovered',
  WrittenOff = 'written_off',
}

export const LIVE_ARREAR_STATUSES: readonly ArrearStatus[] = [ArrearStatus.Open, ArrearStatus.InDunning];

/** 催繳方式 */
export enum DunningMethod {
  Machine = 'machine',
  Manual = 'manual',
}

/** Account numbers (賬號): letters, digits and `-`, 4–32 characters. */
export const ACCOUNT_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{3,31}$/;
/** Bank ids: a bank's code (e.g. `ICBC`) or its 3–12 digit CNAPS / institution number. */
export const BANK_ID_PATTERN = /^[A-Z0-9]{2,12}$/;
/** Bank account numbers (銀行賬號): 8–30 digits (spaces and dashes are removed first). */
export const BANK_ACCOUNT_PATTERN = /^\d{8,30}$/;
/** Where a payment was made: a business hall code (營業廳) or a channel, e.g. `BH-440106-01`, `online`. */
export const PAYMENT_PLACE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,31}$/;
/** Ids from source systems (BOSS, billing, switches). */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** The partitioned tables of the billing domain, partitioned by month on these columns. */
export const PARTITIONED_TABLES = [
  { table: 'usage_record', column: 'started_at', kind: 'timestamptz' },
  { table: 'bill', column: 'billing_month', kind: 'date' },
  { table: 'payment', column: 'paid_at', kind: 'timestamptz' },
] as const;

export type PartitionedTable = (typeof PARTITIONED_TABLES)[number]['table'];
