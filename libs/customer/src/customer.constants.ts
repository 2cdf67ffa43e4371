/** 客戶分類 by attribute (DOMAIN.md §3.1, §3.10): public residential/unit, key individual/enterprise. */
export enum CustomerType {
  /** 公眾客戶 · 住宅 */
  PublicResidential = 'public_residential',
  /** 公眾客戶 · 單位 */
  PublicUnit = 'public_unit',
  /** 大客戶 · 個人 */
  KeyIndividual = 'key_individual',
  /** 大客戶 · 企業 */
  KeyEnterprise = 'key_enterprise',
}

export enum CustomerStatus {
  Active = 'active',
  Suspended = 'suspended',
}

export enum Gender {
  Male = 'male',
  Female = 'female',
}

/** 證件類型 */
export enum IdType {
  ResidentId = 'resident_id',
  Passport = 'passport',
  HkMacauPermit = 'hk_macau_permit',
  TaiwanPermit = 'taiwan_permit',
  /** 統一社會信用代碼 (units and enterprises) */
  BusinessLicense = 'business_license',
}
