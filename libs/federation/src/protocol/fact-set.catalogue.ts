/**
 * The fact sets that cross tiers: the contract between a city and its parents. A fact set is
 * additive: every measure is a count or a sum, so a parent derives rates and averages from
 * sums and never averages averages.
 */
export type PeriodType = 'day' | 'month';

export interface FactSetDefinition {
  name: string;
  periodType: PeriodType;
  dimensions: readonly string[];
  measures: readonly string[];
  description: string;
}

export const FACT_SETS = {
  /** 客戶數 by segment (客戶分類, by attribute) and district (區縣), per day. */
  customersBySegmentDistrict: {
    name: 'customers_by_segment_district',
    periodType: 'day',
    dimensions: ['segment', 'district'],
    measures: ['customers', 'new_customers', 'lost_customers'],
    description:
      'customers: active customers at the end of the day; new_customers / lost_customers: created / closed during the day',
  },
} as const satisfies Record<string, FactSetDefinition>;

export const FACT_SET_BY_NAME: ReadonlyMap<string, FactSetDefinition> = new Map(
  Object.values(FACT_SETS).map((f) => [f.name, f as FactSetDefinition]),
);
