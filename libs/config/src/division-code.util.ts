/**
 * GB/T 2260 administrative division codes (行政區劃代碼) as used for node identity.
 * HQ is `000000`; a province is `XX0000`; a prefecture-level city is `XXYY00`.
 */
export type Tier = 'hq' | 'province' | 'city';

export const TIERS: readonly Tier[] = ['hq', 'province', 'city'];

/** First two digits of every province-level division in GB/T 2260. */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export const HQ_CODE = '000000';

/** The tier a division code denotes, or `undefined` when the code is not a valid node code. */
export function tierOfDivisionCode(code: string): Tier | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  if (code === HQ_CODE) return 'hq';
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return undefined;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return undefined;
}

/** The province code a city code belongs to (`440100` → `440000`). */
export function provinceCodeOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** Whether `child` lies inside `ancestor` in the administrative hierarchy. */
export function isWithinDivision(child: string, ancestor: string): boolean {
  const tier = tierOfDivisionCode(ancestor);
  if (tier === 'hq') return tierOfDivisionCode(child) !== undefined && child !== HQ_CODE;
  if (tier === 'province') return child !== ancestor && tierOfDivisionCode(child) === 'city' && child.slice(0, 2) === ancestor.slice(0, 2);
  return false;
}
