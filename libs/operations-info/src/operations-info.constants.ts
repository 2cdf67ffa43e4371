/** GB/T 2260 division code (national 000000, province, city or county level). */
export const REGION_CODE_PATTERN = /^\d{6}$/;
/** Mainland mobile (11 digits) or fixed line (area code + number). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A calendar date, `2026-12-01`. */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A date-time with its offset (`2026-12-01T08:00:00+08:00`, `…Z`): never server-dependent. */
export const DATE_TIME_WITH_OFFSET = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
/** Policy code (政策文號 / 編號): letters, digits, `_`, `-`, `/`, `.`; at most 32. */
export const POLICY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,31}$/;

/** Audit entity types (never renamed: the audit log keeps them). */
export const MACRO_INFO_ENTITY = 'macro_info_item';
export const PRODUCT_SERVICE_INFO_ENTITY = 'product_service_info';
export const OPERATIONS_POLICY_ENTITY = 'operations_policy';
export const BUSINESS_PARTNER_ENTITY = 'business_partner';
export const OPERATIONS_STAFF_ENTITY = 'operations_staff_profile';

/** 宏觀信息 category. */
export enum MacroInfoCategory {
  /** 經濟 */
  Economy = 'economy',
  /** 政策法規 */
  Policy = 'policy',
  /** 行業 */
  Industry = 'industry',
  /** 競爭 */
  Competition = 'competition',
  /** 技術 */
  Technology = 'technology',
  /** 社會 */
  Society = 'society',
  Other = 'other',
}

/** Where a macro item applies: the whole country, the province, the city, or districts of the city. */
export enum ScopeLevel {
  National = 'national',
  Province = 'province',
  City = 'city',
  District = 'district',
}

/** Kind of product or service the information is about (the catalogue's categories plus value-added services). */
export enum ServiceKind {
  FixedLine = 'fixed_line',
  Mobile = 'mobile',
  Broadband = 'broadband',
  Iptv = 'iptv',
  LeasedLine = 'leased_line',
  Bundle = 'bundle',
  /** 增值業務 */
  ValueAdded = 'value_added',
  Other = 'other',
}

/** 內部制度 or 監管政策. */
export enum PolicyKind {
  Internal = 'internal',
  Regulatory = 'regulatory',
}

export enum PolicyLevel {
  National = 'national',
  Provincial = 'provincial',
  City = 'city',
}

export enum PolicyStatus {
  /** 草稿 */
  Draft = 'draft',
  /** 生效 */
  InForce = 'in_force',
  /** 廢止 */
  Repealed = 'repealed',
}

/** 合作夥伴 type. */
export enum PartnerType {
  /** 代理商 */
  Agent = 'agent',
  /** 內容提供商 */
  ContentProvider = 'content_provider',
  /** 設備供應商 */
  EquipmentVendor = 'equipment_vendor',
  /** 渠道 */
  Channel = 'channel',
  /** 服務外包 / 施工維護 */
  ServiceProvider = 'service_provider',
  Other = 'other',
}

export enum PartnerStatus {
  /** 洽談中 */
  Prospective = 'prospective',
  /** 合作中 */
  Active = 'active',
  /** 暫停 */
  Suspended = 'suspended',
  /** 終止 */
  Terminated = 'terminated',
}

/** 經營人員 role. */
export enum OperationsRole {
  /** 經營人員 */
  Staff = 'staff',
  /** 經營管理者 */
  Manager = 'manager',
}
