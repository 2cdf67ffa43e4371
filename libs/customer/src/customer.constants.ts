import { ParseUUIDPipe } from '@nestjs/common';
import { DomainException, ErrorCode } from '@crm/errors';

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

/** 住宅客戶子類: ordinary, apartment, villa. */
export enum ResidentialSubClass {
  Ordinary = 'ordinary',
  Apartment = 'apartment',
  Villa = 'villa',
}

/** 文化程度 */
export enum Education {
  Primary = 'primary',
  JuniorHigh = 'junior_high',
  SeniorHigh = 'senior_high',
  College = 'college',
  Bachelor = 'bachelor',
  Master = 'master',
  Doctorate = 'doctorate',
}

/** 大客戶級別: national, provincial, city key accounts. */
export enum KeyAccountLevel {
  National = 'national',
  Provincial = 'provincial',
  City = 'city',
}

/** 關係類型: buy-out or win-win. */
export enum RelationshipType {
  BuyOut = 'buy_out',
  WinWin = 'win_win',
}

/** Customer kinds that are organisations (have contacts, a legal person). */
export const ORGANISATION_TYPES: readonly CustomerType[] = [CustomerType.PublicUnit, CustomerType.KeyEnterprise];

/** `:id` path parameters: a UUID, else 400 naming the parameter. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]),
});
