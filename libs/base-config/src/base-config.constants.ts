/** Code of a reference row (營業廳, 客戶等級, 部門, …): letters, digits, `_` and `-`, at most 16 characters. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/;
/** Customer status codes are lower-case identifiers, stored in customer.status (`active`, `suspended`). */
export const STATUS_CODE_PATTERN = /^[a-z][a-z0-9_]{0,15}$/;
/** GB/T 4754-2017: a section letter (門類 A–T) or a 2-, 3- or 4-digit division, group or class. */
export const INDUSTRY_CODE_PATTERN = /^([A-Z]|\d{2,4})$/;
/** GB/T 2260 county-level code. */
export const DISTRICT_CODE_PATTERN = /^\d{6}$/;
/** Mainland mobile (11 digits) or fixed line (area code + number). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Statuses the customer domain relies on (defaults of new customers, suspension): never deleted. */
export const BUILT_IN_CUSTOMER_STATUSES: readonly string[] = ['active', 'suspended'];

export enum StaffGender {
  Male = 'male',
  Female = 'female',
}

/** 聯繫方式 of a staff contact record. */
export enum ContactChannel {
  /** 電話 */
  Phone = 'phone',
  /** 郵件 */
  Email = 'email',
  /** 上門拜訪 */
  Visit = 'visit',
  /** 會議 */
  Meeting = 'meeting',
  /** 即時通訊 */
  InstantMessage = 'im',
  Other = 'other',
}
