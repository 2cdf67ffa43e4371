import { ErrorDetail } from '@crm/errors';

/**
 * 保存的客戶查詢: a small, safe filter on customers a campaign may target, stored as JSON and
 * applied in SQL with parameters only (no SQL from clients). Annual spend is Σ bill.total_fen of the
 * 12 billing months before the campaign's start month.
 */
export interface SavedCustomerQuery {
  customerTypes?: string[];
  districtCodes?: string[];
  statuses?: string[];
  levelCodes?: string[];
  minAnnualSpendFen?: number;
  maxAnnualSpendFen?: number;
}

export const CUSTOMER_TYPES = ['public_residential', 'public_unit', 'key_individual', 'key_enterprise'] as const;
const CODE = /^[A-Za-z0-9_-]{1,16}$/;
const DISTRICT = /^\d{6}$/;
const MAX_ITEMS = 100;
const LISTS: Record<'customerTypes' | 'districtCodes' | 'statuses' | 'levelCodes', (v: string) => boolean> = {
  customerTypes: (v) => (CUSTOMER_TYPES as readonly string[]).includes(v),
  districtCodes: (v) => DISTRICT.test(v),
  statuses: (v) => CODE.test(v),
  levelCodes: (v) => CODE.test(v),
};
const AMOUNTS = ['minAnnualSpendFen', 'maxAnnualSpendFen'] as const;
const KEYS = [...Object.keys(LISTS), ...AMOUNTS];

/** Checks a client's query; answers the normalised query or the problems (field `customerQuery.<key>`). */
export function parseCustomerQuery(value: unknown): { query?: SavedCustomerQuery; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const p = (key: string, problem: string) => problems.push({ field: key ? `customerQuery.${key}` : 'customerQuery', problem });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problems: [{ field: 'customerQuery', problem: 'must be an object' }] };
  const v = value as Record<string, unknown>;
  const query: SavedCustomerQuery = {};
  for (const key of Object.keys(v)) if (!KEYS.includes(key)) p(key, `unknown filter (allowed: ${KEYS.join(', ')})`);
  for (const [key, ok] of Object.entries(LISTS) as [keyof typeof LISTS, (s: string) => boolean][]) {
    const list = v[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ITEMS) p(key, `must be a non-empty list of at most ${MAX_ITEMS}`);
    else if (!list.every((s) => typeof s === 'string' && ok(s))) p(key, key === 'customerTypes' ? `each must be one of ${CUSTOMER_TYPES.join(', ')}` : key === 'districtCodes' ? 'each must be a 6-digit district code' : 'each must be a code (letters, digits, _ or -, at most 16)');
    else query[key] = [...new Set(list as string[])].sort();
  }
  for (const key of AMOUNTS) {
    const n = v[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) p(key, 'must be an integer number of fen ≥ 0');
    else query[key] = n;
  }
  if (query.minAnnualSpendFen !== undefined && query.maxAnnualSpendFen !== undefined && query.minAnnualSpendFen > query.maxAnnualSpendFen) p('maxAnnualSpendFen', 'must not be below minAnnualSpendFen');
  if (!problems.length && Object.keys(query).length === 0) p('', 'must set at least one filter');
  return problems.length ? { problems } : { query, problems };
}

/**
 * The WHERE conditions of a query on customer alias `c`, pushing values onto `params` (1-based
 * placeholders follow the ones already there). `spendFromParam` / `spendToParam` are placeholders of
 * the spend window's first and after-last billing months.
 */
export function customerQueryConditions(q: SavedCustomerQuery, params: unknown[], spendFromParam: string, spendToParam: string): string[] {
  const add = (value: unknown): string => `$${params.push(value)}`;
  const out: string[] = [];
  if (q.customerTypes) out.push(`c.customer_type = ANY(${add(q.customerTypes)}::text[])`);
  if (q.districtCodes) out.push(`c.district_code = ANY(${add(q.districtCodes)}::text[])`);
  if (q.statuses) out.push(`c.status = ANY(${add(q.statuses)}::text[])`);
  if (q.levelCodes) out.push(`c.level_code = ANY(${add(q.levelCodes)}::text[])`);
  if (q.minAnnualSpendFen !== undefined || q.maxAnnualSpendFen !== undefined) {
    const spend = `(SELECT coalesce(sum(b.total_fen), 0) FROM bill b WHERE b.customer_id = c.id AND b.billing_month >= ${spendFromParam}::date AND b.billing_month < ${spendToParam}::date)`;
    if (q.minAnnualSpendFen !== undefined) out.push(`${spend} >= ${add(q.minAnnualSpendFen)}::bigint`);
    if (q.maxAnnualSpendFen !== undefined) out.push(`${spend} <= ${add(q.maxAnnualSpendFen)}::bigint`);
  }
  return out;
}
