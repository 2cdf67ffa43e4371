import { randomInt } from 'node:crypto';

let codeSeq = randomInt(0, 1_000_000);
/** A unique product or price-plan code, e.g. `T-MOB-004217`. */
export function uniqueProductCode(prefix = 'T'): string {
  codeSeq = (codeSeq + 1) % 1_000_000;
  return `${prefix}-${String(codeSeq).padStart(6, '0')}`;
}

/** Body of POST /api/v1/products: a mobile product unless overridden. */
export function productInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: uniqueProductCode('T-PRD'), name: '測試產品', category: 'mobile', monthlyFeeFen: 12_900, ...overrides };
}

/** Body of POST /api/v1/products/:code/price-plans: on sale since 2020, open-ended. */
export function pricePlanInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: uniqueProductCode('T-PLAN'), name: '測試資費', monthlyFeeFen: 9_900, includedVoiceMinutes: 300, includedDataMb: 20_480, validFrom: '2020-01-01', ...overrides };
}

let serviceSeq = randomInt(0, 10_000_000);
/** A unique mobile service number in the 189 segment. */
export function serviceNumber(): string {
  serviceSeq = (serviceSeq + 1) % 100_000_000;
  return `189${String(serviceSeq).padStart(8, '0')}`;
}

/** Body of POST /api/v1/subscriptions. */
export function subscriptionInput(customerId: string, productCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { customerId, productCode, serviceNumber: serviceNumber(), ...overrides };
}

let importSeq = randomInt(0, 1_000_000);
/** One raw row of a subscriptions import file (header → text). */
export function subscriptionImportRow(customerExternalId: string, productCode: string, overrides: Record<string, string> = {}): Record<string, string> {
  importSeq += 1;
  return { externalId: `T-SUB-${importSeq}`, customerExternalId, productCode, serviceNumber: serviceNumber(), startedAt: '2026-01-15T10:00:00+08:00', ...overrides };
}
