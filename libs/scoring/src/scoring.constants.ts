/** What a score measures (DOMAIN.md §3 items 3–5). */
export enum ScoreKind {
  /** 滿意度 */
  Satisfaction = 'satisfaction',
  /** 忠誠度 */
  Loyalty = 'loyalty',
  /** 信用度 */
  Credit = 'credit',
}
export const SCORE_KINDS = Object.values(ScoreKind);

/** Where a score's value came from. */
export enum ScoreSource {
  /** Recomputed from the customer's data (POST /scores/recompute). */
  Computed = 'computed',
  /** Set (initialised or corrected) by hand with a reason (PUT /customers/:id/scores/:kind). */
  Manual = 'manual',
  /** Satisfaction recomputed because a survey was recorded. */
  Survey = 'survey',
}
export const SCORE_SOURCES = Object.values(ScoreSource);

/** Satisfaction bands (95/80/60/40), best first. */
export const SATISFACTION_BANDS = ['very_satisfied', 'satisfied', 'fairly_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
/** Loyalty bands (95/80/60/40), best first. */
export const LOYALTY_BANDS = ['very_loyal', 'loyal', 'fairly_loyal', 'disloyal', 'very_disloyal'] as const;
/** Credit lists 紅/灰/黑名單. */
export const CREDIT_LISTS = ['red', 'grey', 'black'] as const;
export type CreditList = (typeof CREDIT_LISTS)[number];

export const ALL_BANDS = [...SATISFACTION_BANDS, ...LOYALTY_BANDS, ...CREDIT_LISTS] as const;
export type ScoreBand = (typeof ALL_BANDS)[number];

export const BAND_LABELS: Readonly<Record<ScoreBand, string>> = {
  very_satisfied: '非常滿意',
  satisfied: '滿意',
  fairly_satisfied: '比較滿意',
  dissatisfied: '不滿意',
  very_dissatisfied: '非常不滿意',
  very_loyal: '非常忠誠',
  loyal: '忠誠',
  fairly_loyal: '比較忠誠',
  disloyal: '不忠誠',
  very_disloyal: '非常不忠誠',
  red: '紅名單',
  grey: '灰名單',
  black: '黑名單',
};

export const BANDS_OF: Readonly<Record<ScoreKind, readonly ScoreBand[]>> = {
  [ScoreKind.Satisfaction]: SATISFACTION_BANDS,
  [ScoreKind.Loyalty]: LOYALTY_BANDS,
  [ScoreKind.Credit]: CREDIT_LISTS,
};

/** The nine satisfaction factors of DOMAIN.md §3.3 in their three groups. */
export const SATISFACTION_GROUPS = {
  /** 服務感知 */
  service: ['corporateImage', 'attitude', 'serviceQuality', 'customerCare'],
  /** 網絡質量感知 */
  network: ['reliability', 'timeliness', 'security'],
  /** 價值感知 */
  value: ['qualityAtPrice', 'priceAtQuality'],
} as const;
export type SatisfactionGroup = keyof typeof SATISFACTION_GROUPS;
export type SatisfactionFactor = (typeof SATISFACTION_GROUPS)[SatisfactionGroup][number];
export const SATISFACTION_FACTORS: readonly SatisfactionFactor[] = Object.values(SATISFACTION_GROUPS).flat();

/** Survey channels. */
export const SURVEY_CHANNELS = ['phone', 'sms', 'online', 'hall', 'visit', 'return_visit'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

export const CUSTOMER_SCORE_ENTITY = 'customer_score';
export const SATISFACTION_SURVEY_ENTITY = 'satisfaction_survey';

/** `YYYY-MM`: a scoring period (a month). */
export const PERIOD_PATTERN = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/;
