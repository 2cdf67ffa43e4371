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

/**
 * 發展渠道: how a customer was acquired. The contact channels of DOMAIN.md §2 (and of
 * `ServiceChannel` in @crm/service), folded for customer development: the three hotlines
 * (10000 / 112 / 114) are `hotline`, website and e-mail are `online`; `agent` is a sales agent
 * (代理商, @crm/sales). The business hall itself is the customer's `hallCode` (受理營業廳).
 */
export enum AcquisitionChannel {
  /** 營業廳 */
  BusinessHall = 'business_hall',
  /** 客服中心 / 呼叫中心 */
  CallCentre = 'call_centre',
  /** 客戶經理 */
  AccountManager = 'account_manager',
  /** 代理商 */
  Agent = 'agent',
  /** 網上營業廳, website, e-mail */
  Online = 'online',
  /** 10000 / 112 / 114 */
  Hotline = 'hotline',
  Other = 'other',
}

/** Customer kinds that are organisations (have contacts, a legal person). */
export const ORGANISATION_TYPES: readonly CustomerType[] = [CustomerType.PublicUnit, CustomerType.KeyEnterprise];

/** `:id` path parameters: a UUID, else 400 naming the parameter. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.ValidationFailed, 'id must be a UUID', [{ field: 'id', problem: 'must be a UUID' }]),
});
