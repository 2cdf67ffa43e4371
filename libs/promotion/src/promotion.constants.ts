/** 優惠方式 */
export enum PromotionMethod {
  /** 折扣 */
  Discount = 'discount',
  /** 贈送 */
  Gift = 'gift',
  /** 減價 / 直降 */
  PriceCut = 'price_cut',
  /** 捆綁 / 融合 */
  Bundle = 'bundle',
}

/** draft → active → ended; draft or active → cancelled. ended and cancelled are final. */
export enum PromotionStatus {
  Draft = 'draft',
  Active = 'active',
  Ended = 'ended',
  Cancelled = 'cancelled',
}

export const PROMOTION_TRANSITIONS: Readonly<Record<PromotionStatus, readonly PromotionStatus[]>> = {
  [PromotionStatus.Draft]: [PromotionStatus.Active, PromotionStatus.Cancelled],
  [PromotionStatus.Active]: [PromotionStatus.Ended, PromotionStatus.Cancelled],
  [PromotionStatus.Ended]: [],
  [PromotionStatus.Cancelled]: [],
};

/** Policy ids (政策編號): upper-case letters, digits and `-`, e.g. `PROMO-2026-E9`. */
export const POLICY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** The customer types a target rule may name (客戶分類, as in @crm/customer). */
export const CUSTOMER_TYPES = ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'] as const;

/**
 * Interim credit score (信用度, 0–100) until credit scoring (DOMAIN.md §3.5) exists: 100, minus 10
 * per bill of the last 12 months that is overdue, was written off (核銷) or was paid after its due
 * date, minus 30 while the customer has an open arrear; never below 0.
 */
export const CREDIT_SCORE_RULE = '100 − 10 × late bills (12 months) − 30 if an open arrear, floored at 0';
