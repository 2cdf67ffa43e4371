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
  /** 滿意度 / 忠誠度 / 信用度 by kind and band, per month (customer_score). */
  scoreBandsByKind: {
    name: 'score_bands_by_kind',
    periodType: 'month',
    dimensions: ['kind', 'band'],
    measures: ['customers', 'score_sum_centi'],
    description:
      'customers: customers with a current score of the kind for the month; score_sum_centi: Σ score × 100 (integer), so average = score_sum_centi / customers / 100',
  },
  /** 客戶分類: segment sizes per dimension, per month (customer_segment). */
  segmentsByDimension: {
    name: 'segments_by_dimension',
    periodType: 'month',
    dimensions: ['dimension', 'segment'],
    measures: ['customers'],
    description: 'customers: customers in the segment of the dimension for the month (one customer counts once per dimension)',
  },
  /** 流失記錄 by type and status, per month (churn_record). */
  churnByType: {
    name: 'churn_by_type',
    periodType: 'month',
    dimensions: ['type', 'status'],
    measures: ['records'],
    description: 'records: churn records of the month (period of the record) by type and status',
  },
  /** Churn-risk scores of active customers by band (low < 0.3 ≤ medium < 0.6 ≤ high), per month (current scores). */
  churnRiskByBand: {
    name: 'churn_risk_by_band',
    periodType: 'month',
    dimensions: ['band'],
    measures: ['customers', 'probability_sum_milli'],
    description:
      'customers: active customers with a churn-risk score, band low (p < 0.3), medium (0.3 ≤ p < 0.6), high (p ≥ 0.6); probability_sum_milli: Σ round(p × 1000)',
  },
  /** 異常客戶 cases by kind and status, per billing month (abnormal_case). */
  abnormalByKind: {
    name: 'abnormal_by_kind',
    periodType: 'month',
    dimensions: ['kind', 'status'],
    measures: ['cases'],
    description: 'cases: abnormal cases of the billing month by kind (all services) and current status',
  },
  /** 潛在大客戶 by status, per month (current state of potential_key_account). */
  potentialKeyAccounts: {
    name: 'potential_key_accounts',
    periodType: 'month',
    dimensions: ['status'],
    measures: ['customers', 'annual_billed_fen_sum'],
    description: 'customers: potential key accounts by status; annual_billed_fen_sum: Σ annual billed amount (fen) over the window',
  },
  /** 服務請求 by kind, channel and severity, per day (service_request, its history and return visits). */
  serviceRequestsByKind: {
    name: 'service_requests_by_kind',
    periodType: 'day',
    dimensions: ['kind', 'channel', 'severity'],
    measures: ['opened', 'resolved', 'closed', 'sla_met', 'sla_breached', 'first_contact_resolutions', 'return_visits', 'rating_sum'],
    description:
      'opened: requests registered during the day; resolved / closed: transitions to resolved / closed during the day (a reopened request counts again); sla_met / sla_breached: those resolutions within / beyond the resolution SLA; first_contact_resolutions: resolutions without a hand-over (首問); return_visits / rating_sum: return visits of the day and Σ rating (1–5), so average = rating_sum / return_visits',
  },
  /** 關懷任務 generated and done by kind and origin (rule / manual), per day (care_task). */
  careTasksByKind: {
    name: 'care_tasks_by_kind',
    periodType: 'day',
    dimensions: ['kind', 'origin'],
    measures: ['generated', 'done'],
    description: 'generated: care tasks created during the day; done: care tasks marked done during the day (by kind and origin)',
  },
  /** 服務方案 by lifecycle state at the end of the day (service_plan_transition). */
  servicePlansByState: {
    name: 'service_plans_by_state',
    periodType: 'day',
    dimensions: ['state'],
    measures: ['plans'],
    description: 'plans: service plans in the state at the end of the day',
  },
  /** 服務指標: a city measured against the `service_indicators` directive version in force, per month (@crm/escalation). */
  serviceIndicators: {
    name: 'service_indicators',
    periodType: 'month',
    dimensions: ['indicator', 'directive_version'],
    measures: ['numerator', 'denominator', 'target_milli', 'met'],
    description:
      'per indicator the directive sets (faultRepairHours, firstContactResolutionRate, complaintsPer10k, slaAttainmentRate) and the directive version (<origin>:<key>:<version>) in force: numerator / denominator of the measured value (value = numerator / denominator × scale: 1/60 for repair minutes → hours, 10,000 for complaints per customer), target_milli: the target × 1000, met: 1 when the city met it; sums give rates across cities, never averages of averages',
  },
} as const satisfies Record<string, FactSetDefinition>;

export const FACT_SET_BY_NAME: ReadonlyMap<string, FactSetDefinition> = new Map(
  Object.values(FACT_SETS).map((f) => [f.name, f as FactSetDefinition]),
);
