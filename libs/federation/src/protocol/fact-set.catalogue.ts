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
  /** The same per month (service_requests_by_kind_month): what monthly analyses read, one slice per city and month. */
  serviceRequestsByKindMonth: {
    name: 'service_requests_by_kind_month',
    periodType: 'month',
    dimensions: ['kind', 'channel', 'severity'],
    measures: ['opened', 'resolved', 'closed', 'sla_met', 'sla_breached', 'first_contact_resolutions', 'return_visits', 'rating_sum'],
    description: 'service_requests_by_kind summed over the month (same definitions; the month in the city time zone)',
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
  /** 業務發展 and 價格彈性: subscriptions, usage and rated revenue by product, price plan and district, per month (subscription, price_plan, usage_record). */
  subscriptionsByPlanDistrict: {
    name: 'subscriptions_by_plan_district',
    periodType: 'month',
    dimensions: ['product', 'price_plan', 'district'],
    measures: ['active_subscriptions', 'new_subscriptions', 'terminated_subscriptions', 'billed_subscriptions', 'monthly_fee_fen', 'usage_records', 'usage_charge_fen', 'revenue_fen'],
    description:
      'price_plan "-" when the subscription has none; district: the customer\'s; active_subscriptions: not ended at the end of the month; new_subscriptions / terminated_subscriptions: started / ended during the month; billed_subscriptions: active at any time in the month; monthly_fee_fen: Σ monthly fee of those (price plan\'s, else the product\'s; full month, no proration); usage_records / usage_charge_fen: usage records of the month and Σ charge_fen; revenue_fen = monthly_fee_fen + usage_charge_fen (rated revenue: bills are per account and service, not per product)',
  },
  /** 欠費分析: live arrears by age bucket and district (current state) and arrears recovered during the month (arrear). */
  arrearsByAge: {
    name: 'arrears_by_age',
    periodType: 'month',
    dimensions: ['age_bucket', 'district'],
    measures: ['customers', 'arrears', 'arrears_fen', 'recovered_arrears', 'recovered_fen'],
    description:
      'age_bucket 0_30 | 31_90 | 91_180 | over_180 (days since `since`); customers / arrears_fen: customers with live (open / in_dunning) arrears, bucketed by their oldest live arrear, and Σ their live amount_fen (as of the computation: current month only); arrears: live arrear rows in the bucket; recovered_arrears / recovered_fen: arrears recovered during the month (recovered_on), bucketed by age at recovery, and Σ their peak_amount_fen; recovery rate = recovered_fen / (recovered_fen + arrears_fen)',
  },
  /** 業務關聯: holders of each product among active customers at the end of the month; product "*" = every active customer. */
  productHolders: {
    name: 'product_holders',
    periodType: 'month',
    dimensions: ['product'],
    measures: ['customers'],
    description: 'customers: active customers holding an active subscription of the product at the end of the month; the row product "*" counts every active customer (the base of support)',
  },
  /** 業務關聯: pairs of products held together by active customers at the end of the month. */
  productPairs: {
    name: 'product_pairs',
    periodType: 'month',
    dimensions: ['product_a', 'product_b'],
    measures: ['customers_both'],
    description: 'customers_both: active customers holding active subscriptions of both products (product_a < product_b) at the end of the month; support / confidence / lift from sums with product_holders',
  },
  /** 客戶貢獻: customers and billed revenue in fixed bands of monthly billed fen, by segment (bill). */
  customerRevenueBands: {
    name: 'customer_revenue_bands',
    periodType: 'month',
    dimensions: ['band', 'segment'],
    measures: ['customers', 'revenue_fen'],
    description:
      'band "<min>-<max>" or "<min>+" in fen of a customer\'s Σ bill.total_fen of the billing month (0-0, 1-999, 1000-2999, 3000-9999, 10000-29999, 30000-99999, 100000-299999, 300000-999999, 1000000+); customers: billed customers in the band; revenue_fen: their Σ billed fen. Pareto shares are derived from the bands (bounded approximation)',
  },
  /** 消費模式: usage by service, call type, direction and time band of the day, per month (usage_record). */
  usagePatterns: {
    name: 'usage_patterns',
    periodType: 'month',
    dimensions: ['service', 'call_type', 'direction', 'time_band'],
    measures: ['records', 'duration_seconds', 'volume_kb', 'charge_fen'],
    description: 'time_band 00_06 | 06_12 | 12_18 | 18_24 (hour of started_at in the city time zone); records, Σ duration_seconds, Σ volume_kb, Σ charge_fen of the month\'s usage records',
  },
  /** 銷售 per month by district × business hall × agent × product, from the lines of orders completed in the month (sales_order / sales_order_line). */
  salesByChannel: {
    name: 'sales_by_channel',
    periodType: 'month',
    dimensions: ['district', 'business_hall', 'agent', 'product'],
    measures: ['orders', 'order_lines', 'amount_fen'],
    description:
      "orders: orders completed in the month, each counted once (in the cell of its first line's product, so sums over any dimensions stay exact); order_lines: their lines; amount_fen: Σ line amounts (fen). district: the customer's; business_hall / agent: '' when none (agent = agent code)",
  },
  /** 商機 pipeline by stage (current state of sales_opportunity; the current month only). */
  salesPipelineByStage: {
    name: 'sales_pipeline_by_stage',
    periodType: 'month',
    dimensions: ['stage'],
    measures: ['opportunities', 'expected_value_fen'],
    description: 'opportunities: opportunities in the stage when last published in the month; expected_value_fen: Σ their expected value (fen)',
  },
  /** 營銷活動 results per campaign, directive, channel and group, per month (@crm/marketing: campaign_contact, campaign_response). */
  campaignResults: {
    name: 'campaign_results',
    periodType: 'month',
    dimensions: ['campaign', 'directive_origin', 'directive_key', 'directive_version', 'channel', 'group'],
    measures: ['targeted', 'contacted', 'responded', 'converted', 'revenue_fen'],
    description:
      'campaign: the city campaign code; directive_origin / directive_key / directive_version: the campaign or promotion_policy directive it carries out (none when local), so parents group by directive key; group: target or control. Each customer counts once per campaign and measure: targeted in the month the contact list was built (channel: the campaign\'s), contacted / responded / converted in the month of its first such response (channel: that response\'s); revenue_fen: Σ revenue reported on responses of the month. Rates are sums over sums (responded / contacted, converted / targeted)',
  },
  /** 客戶發展 by acquisition channel (發展渠道) and business hall (營業廳), per month (customer). */
  customersByChannelHall: {
    name: 'customers_by_channel_hall',
    periodType: 'month',
    dimensions: ['segment', 'channel', 'business_hall', 'district'],
    measures: ['customers_end', 'new_customers', 'lost_customers'],
    description:
      "segment: customer type; channel: the customer's acquisition channel ('unknown' when not recorded); business_hall: the customer's business hall code ('none' when none); district: the customer's; customers_end: customers active at the end of the month (for the current month: at the computation); new_customers / lost_customers: created / closed during the month; customers at start = customers_end − new_customers + lost_customers",
  },
} as const satisfies Record<string, FactSetDefinition>;

export const FACT_SET_BY_NAME: ReadonlyMap<string, FactSetDefinition> = new Map(
  Object.values(FACT_SETS).map((f) => [f.name, f as FactSetDefinition]),
);
