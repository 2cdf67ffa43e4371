import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { residentIdCheckChar } from '@crm/customer';

/** Inserts districts for a city (idempotent). */
export async function seedDistricts(dataSource: DataSource, districts: [code: string, name: string][]): Promise<void> {
  for (const [code, name] of districts) {
    await dataSource.query(`INSERT INTO district (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [code, name]);
  }
}

/** A valid, random 18-character resident ID number in the given district. */
/** A random birth date `YYYYMMDD` between 1950 and 2005. */
function randomBirth(): string {
  const d = new Date(Date.UTC(1950, 0, 1) + randomInt(0, 56 * 365) * 86_400_000);
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

export function residentId(district: string, birth = randomBirth()): string {
  const first17 = `${district}${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

let phoneSeq = randomInt(0, 10_000_000);
/** A unique mobile number. */
export function mobileNumber(): string {
  phoneSeq = (phoneSeq + 1) % 100_000_000;
  return `139${String(phoneSeq).padStart(8, '0')}`;
}

export function customerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const district = (overrides.districtCode as string | undefined) ?? '440106';
  return {
    name: '測試客戶',
    customerType: 'public_residential',
    districtCode: district,
    phone: mobileNumber(),
    idType: 'resident_id',
    idNumber: residentId(district),
    ...overrides,
  };
}
