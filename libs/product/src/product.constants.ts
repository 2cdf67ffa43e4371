/** 業務類別 */
export enum ProductCategory {
  FixedLine = 'fixed_line',
  Mobile = 'mobile',
  Broadband = 'broadband',
  Iptv = 'iptv',
  LeasedLine = 'leased_line',
  Bundle = 'bundle',
}

/** 訂購狀態: active (在用) → suspended (停機) → active; active or suspended → terminated (拆機, final). */
export enum SubscriptionStatus {
  Active = 'active',
  Suspended = 'suspended',
  Terminated = 'terminated',
}

/** The status changes a subscription may make; anything else is a 409. */
export const SUBSCRIPTION_TRANSITIONS: Readonly<Record<SubscriptionStatus, readonly SubscriptionStatus[]>> = {
  [SubscriptionStatus.Active]: [SubscriptionStatus.Suspended, SubscriptionStatus.Terminated],
  [SubscriptionStatus.Suspended]: [SubscriptionStatus.Active, SubscriptionStatus.Terminated],
  [SubscriptionStatus.Terminated]: [],
};

/** Categories whose lines are identified by a circuit id (電路編號) besides the service number. */
export const CIRCUIT_CATEGORIES: readonly ProductCategory[] = [ProductCategory.Broadband, ProductCategory.LeasedLine, ProductCategory.Bundle];

/** Product and price-plan codes: upper-case letters, digits and `-`, e.g. `MOB-5G-129`. */
export const PRODUCT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
/** Ids from source systems (BOSS, billing): letters, digits and `. _ : -`. */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
/** Service numbers (業務號碼): phone numbers (`13912345678`, `020-81234567`) or line ids (`BB440100000123`). */
export const SERVICE_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
/**
 * Shortest service number a caller without customer:personal-data may filter by (a full mobile
 * number, as in CustomerService.search). Such callers only match whole numbers (equality): a prefix
 * search, or a shorter value, would reveal the masked digits one query at a time.
 */
export const FULL_SERVICE_NUMBER_MIN = 11;
/** Circuit ids (電路編號) of broadband and leased lines. */
export const CIRCUIT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,39}$/;
