import { FiveBandThresholds, ScoringConfig } from './scoring.config';
import { CreditList, LOYALTY_BANDS, SATISFACTION_BANDS, SATISFACTION_GROUPS, SatisfactionFactor, ScoreBand, ScoreKind } from './scoring.constants';

/**
 * The scoring formulas, as pure functions of their inputs and the configuration (docs/scoring.md).
 * Every factor is a sub-score 0–100; a score is Σ weightᵢ × factorᵢ / Σ weightᵢ, rounded to 0.01.
 */

/** One factor of a score as stored in `customer_score.factors`. */
export interface FactorValue {
  /** The factor's sub-score, 0–100. */
  value: number;
  /** Its share of the score (its weight over the sum of weights). */
  weight: number;
  /** weight × value: what it adds to the score. */
  contribution: number;
  /** The raw figures it was derived from, for the record. */
  input?: Record<string, unknown>;
}

export interface ScoreResult {
  score: number;
  factors: Record<string, FactorValue>;
}

export interface CreditResult extends ScoreResult {
  /** Suspension for arrears or a write-off within the look-back: black list when configured. */
  badRecord: boolean;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const clamp = (x: number, lo = 0, hi = 100): number => Math.min(hi, Math.max(lo, x));

/** Σ wᵢ·vᵢ / Σ wᵢ over the named factors, with each factor's share and contribution. */
export function weigh(parts: Record<string, { value: number; weight: number; input?: Record<string, unknown> }>): ScoreResult {
  const total = Object.values(parts).reduce((a, p) => a + Math.max(0, p.weight), 0);
  const factors: Record<string, FactorValue> = {};
  let score = 0;
  for (const [name, p] of Object.entries(parts)) {
    const share = total > 0 ? Math.max(0, p.weight) / total : 0;
    const value = round2(clamp(p.value));
    const contribution = share * value;
    score += contribution;
    factors[name] = { value, weight: round2(share * 10_000) / 10_000, contribution: round2(contribution), ...(p.input ? { input: p.input } : {}) };
  }
  return { score: round2(clamp(score)), factors };
}

// ---------------------------------------------------------------- satisfaction

export type SurveyFactors = Record<SatisfactionFactor, number>;

/**
 * 滿意度: each group's score is the weighted mean of its factors (0–100 as surveyed); the score is
 * the weighted mean of the three groups. Factors are reported with their effective weight
 * (group weight share × factor share inside the group).
 */
export function satisfactionScore(survey: SurveyFactors, cfg: ScoringConfig['satisfaction']): ScoreResult {
  const groupTotal = Object.values(cfg.groupWeights).reduce((a, w) => a + Math.max(0, w), 0);
  const parts: Record<string, { value: number; weight: number }> = {};
  for (const [group, names] of Object.entries(SATISFACTION_GROUPS) as [keyof typeof SATISFACTION_GROUPS, readonly SatisfactionFactor[]][]) {
    const inner = names.reduce((a, f) => a + Math.max(0, cfg.factorWeights[f]), 0);
    const groupShare = groupTotal > 0 ? Math.max(0, cfg.groupWeights[group]) / groupTotal : 0;
    for (const f of names) parts[f] = { value: survey[f], weight: inner > 0 ? (groupShare * Math.max(0, cfg.factorWeights[f])) / inner : 0 };
  }
  return weigh(parts);
}

// ---------------------------------------------------------------- shared factors

export interface PunctualityInput {
  /** Bills of the look-back whose due date has passed. */
  billsDue: number;
  /** Of those: paid after the due date, still overdue, or written off. */
  billsLate: number;
}

/** 繳費及時性: share of due bills paid on time × 100; with no bill due, the configured neutral value. */
export function punctualityFactor(p: PunctualityInput, cfg: ScoringConfig['punctuality']): number {
  if (p.billsDue <= 0) return cfg.noBillsScore;
  return clamp(100 * (1 - Math.min(p.billsLate, p.billsDue) / p.billsDue));
}

// ---------------------------------------------------------------- loyalty

export interface LoyaltyInput extends PunctualityInput {
  tenureMonths: number;
  activeProducts: number;
  holdsBundle: boolean;
  isKeyAccount: boolean;
  /** Σ billed over the last 3 months (the period included) and the 3 before, fen. */
  recentSpendFen: number;
  previousSpendFen: number;
}

/** Spend trend: 50 when flat, 100 at +trendFullChange or more, 0 at −trendFullChange or less. */
export function spendTrendFactor(recentFen: number, previousFen: number, fullChange: number): number {
  if (previousFen <= 0) return recentFen > 0 ? 100 : 50;
  const change = recentFen / previousFen - 1;
  return clamp(50 + (50 * change) / fullChange);
}

/** 忠誠度: tenure, products held, contract / bundle, payment punctuality, spend trend. */
export function loyaltyScore(i: LoyaltyInput, cfg: ScoringConfig['loyalty'], punctuality: ScoringConfig['punctuality']): ScoreResult {
  const w = cfg.weights;
  const contract = i.holdsBundle ? cfg.contractScores.bundle : i.isKeyAccount ? cfg.contractScores.keyAccount : cfg.contractScores.none;
  return weigh({
    tenure: { value: (100 * Math.max(0, i.tenureMonths)) / (cfg.tenureFullYears * 12), weight: w.tenure, input: { months: i.tenureMonths } },
    products: { value: (100 * Math.max(0, i.activeProducts)) / cfg.productsFull, weight: w.products, input: { activeProducts: i.activeProducts } },
    contract: { value: contract, weight: w.contract, input: { bundle: i.holdsBundle, keyAccount: i.isKeyAccount } },
    punctuality: { value: punctualityFactor(i, punctuality), weight: w.punctuality, input: { billsDue: i.billsDue, billsLate: i.billsLate } },
    spendTrend: {
      value: spendTrendFactor(i.recentSpendFen, i.previousSpendFen, cfg.trendFullChange),
      weight: w.spendTrend,
      input: { recentSpendFen: i.recentSpendFen, previousSpendFen: i.previousSpendFen },
    },
  });
}

// ---------------------------------------------------------------- credit

export interface CreditInput extends PunctualityInput {
  customerType: keyof ScoringConfig['credit']['natureScores'];
  keyAccountLevel: keyof ScoringConfig['credit']['keyAccountLevelScores'] | null;
  /** Default payment methods of the customer's accounts. */
  paymentMethods: string[];
  /** The period's charges (its bills, or usage so far when not billed yet), fen. */
  chargesFen: number;
  /** Σ credit limits of the customer's accounts, fen. */
  creditLimitFen: number;
  /** Open / in-dunning arrears now. */
  liveArrears: number;
  /** Arrears flagged for suspension (停機) within the look-back. */
  suspensions: number;
  /** Arrears written off (核銷) within the look-back. */
  writtenOff: number;
}

/** Charges against the credit limit: 100 up to usageFullUpTo × limit, linearly to 0 at usageZeroAt × limit. */
export function usageFactor(chargesFen: number, limitFen: number, cfg: ScoringConfig['credit']): number {
  if (limitFen <= 0) return cfg.noLimitUsageScore;
  const ratio = chargesFen / limitFen;
  if (ratio <= cfg.usageFullUpTo) return 100;
  return clamp((100 * (cfg.usageZeroAt - ratio)) / (cfg.usageZeroAt - cfg.usageFullUpTo));
}

/** 信用度: customer nature, payment method, punctuality, charges vs limit, bad records. */
export function creditScore(i: CreditInput, cfg: ScoringConfig['credit'], punctuality: ScoringConfig['punctuality']): CreditResult {
  const w = cfg.weights;
  const nature = i.keyAccountLevel ? cfg.keyAccountLevelScores[i.keyAccountLevel] : (cfg.natureScores[i.customerType] ?? 0);
  const methodScores = i.paymentMethods.map((m) => (cfg.paymentMethodScores as Record<string, number>)[m]).filter((v): v is number => v !== undefined);
  const method = methodScores.length ? methodScores.reduce((a, v) => a + v, 0) / methodScores.length : cfg.paymentMethodScores.cash;
  const bad = 100 - cfg.liveArrearPenalty * i.liveArrears - cfg.suspensionPenalty * i.suspensions - cfg.writtenOffPenalty * i.writtenOff;
  const result = weigh({
    nature: { value: nature, weight: w.nature, input: { customerType: i.customerType, keyAccountLevel: i.keyAccountLevel } },
    paymentMethod: { value: method, weight: w.paymentMethod, input: { methods: i.paymentMethods } },
    punctuality: { value: punctualityFactor(i, punctuality), weight: w.punctuality, input: { billsDue: i.billsDue, billsLate: i.billsLate } },
    usage: { value: usageFactor(i.chargesFen, i.creditLimitFen, cfg), weight: w.usage, input: { chargesFen: i.chargesFen, creditLimitFen: i.creditLimitFen } },
    badRecords: { value: bad, weight: w.badRecords, input: { liveArrears: i.liveArrears, suspensions: i.suspensions, writtenOff: i.writtenOff } },
  });
  return { ...result, badRecord: i.suspensions > 0 || i.writtenOff > 0 };
}

// ---------------------------------------------------------------- bands

/** The band of a five-band score: the first whose lower bound the score reaches. */
export function fiveBand<T extends string>(score: number, thresholds: FiveBandThresholds, bands: readonly T[]): T {
  const i = thresholds.findIndex((t) => score >= t);
  return bands[i === -1 ? thresholds.length : i];
}

/** Red ≥ redFrom, grey ≥ greyFrom, black below — or black for a bad record when configured. */
export function creditList(score: number, cfg: ScoringConfig['credit'], badRecord = false): CreditList {
  if (badRecord && cfg.blackOnBadRecord) return 'black';
  return score >= cfg.redFrom ? 'red' : score >= cfg.greyFrom ? 'grey' : 'black';
}

export function bandOf(kind: ScoreKind, score: number, cfg: ScoringConfig, badRecord = false): ScoreBand {
  switch (kind) {
    case ScoreKind.Satisfaction:
      return fiveBand(score, cfg.satisfaction.bands, SATISFACTION_BANDS);
    case ScoreKind.Loyalty:
      return fiveBand(score, cfg.loyalty.bands, LOYALTY_BANDS);
    case ScoreKind.Credit:
      return creditList(score, cfg.credit, badRecord);
  }
}
