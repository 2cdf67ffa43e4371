import { AbnormalRuleConfig } from './customer-watch.config';
import { AbnormalKind, WatchService } from './customer-watch.constants';

/** What the rules know of one customer × service for one period (billing month). */
export interface SpendFacts {
  customerId: string;
  service: WatchService;
  /** Billed in the period (net of discounts); null when the customer has no bill for the period. */
  currentFen: number | null;
  /** Billed in the month before the period; null when no bill. */
  previousFen: number | null;
  /** Billed per month of the history window (months without a bill left out). */
  historyFen: number[];
}

export interface CustomerFacts {
  customerId: string;
  /** Credit score 0–100 and where it came from. */
  creditScore: number;
  creditSource: 'customer_score' | 'interim';
  /** Σ live (open / in_dunning) arrears. */
  arrearsFen: number;
}

export interface Finding {
  customerId: string;
  kind: AbnormalKind;
  service: WatchService;
  evidence: Record<string, unknown>;
}

/** Average of the history months (rounded to fen), or null when there are fewer than `minHistoryMonths`. */
export function baseline(history: number[], minHistoryMonths: number): number | null {
  if (!history.length || history.length < minHistoryMonths) return null;
  return Math.round(history.reduce((s, v) => s + v, 0) / history.length);
}

/** high_spend: absolute bound (whole bill only) or ≥ k × own baseline. */
export function isHighSpend(f: SpendFacts, c: AbnormalRuleConfig): { absolute: boolean; relative: boolean } | null {
  if (f.currentFen === null) return null;
  const avg = baseline(f.historyFen, c.minHistoryMonths);
  const absolute = f.service === 'all' && f.currentFen >= c.highSpendFen;
  const relative = avg !== null && avg >= c.minBaselineFen && f.currentFen >= c.highSpendFactor * avg;
  return absolute || relative ? { absolute, relative } : null;
}

/** low_spend: ≤ baseline / k, or (whole bill) ≤ the absolute bound while the customer has history. */
export function isLowSpend(f: SpendFacts, c: AbnormalRuleConfig): { absolute: boolean; relative: boolean } | null {
  if (f.currentFen === null) return null;
  const avg = baseline(f.historyFen, c.minHistoryMonths);
  const absolute = f.service === 'all' && f.historyFen.length > 0 && f.currentFen <= c.lowSpendFen;
  const relative = avg !== null && avg >= c.minBaselineFen && f.currentFen * c.lowSpendFactor <= avg;
  return absolute || relative ? { absolute, relative } : null;
}

/** sudden_change: this month vs last month by at least the factor, either way (last month ≥ the minimum baseline). */
export function isSuddenChange(f: SpendFacts, c: AbnormalRuleConfig): { direction: 'up' | 'down'; ratio: number } | null {
  if (f.currentFen === null || f.previousFen === null || f.previousFen < c.minBaselineFen) return null;
  const ratio = f.currentFen / f.previousFen;
  if (ratio >= c.suddenChangeFactor) return { direction: 'up', ratio: Math.round(ratio * 100) / 100 };
  if (ratio * c.suddenChangeFactor <= 1) return { direction: 'down', ratio: Math.round(ratio * 100) / 100 };
  return null;
}

export const isLowCredit = (f: CustomerFacts, c: AbnormalRuleConfig): boolean => f.creditScore < c.lowCreditScore;

export const isHighArrears = (f: CustomerFacts, c: AbnormalRuleConfig): boolean => f.arrearsFen > 0 && f.arrearsFen >= c.arrearsFen;

/** Every finding for one customer × service's spend. */
export function spendFindings(f: SpendFacts, c: AbnormalRuleConfig, period: string): Finding[] {
  const out: Finding[] = [];
  const avg = baseline(f.historyFen, c.minHistoryMonths);
  const common = { period, currentFen: f.currentFen, previousFen: f.previousFen, baselineFen: avg, historyMonths: f.historyFen.length };
  const high = isHighSpend(f, c);
  if (high) out.push({ customerId: f.customerId, kind: AbnormalKind.HighSpend, service: f.service, evidence: { ...common, ...high, highSpendFen: f.service === 'all' ? c.highSpendFen : null, factor: c.highSpendFactor } });
  const low = isLowSpend(f, c);
  if (low) out.push({ customerId: f.customerId, kind: AbnormalKind.LowSpend, service: f.service, evidence: { ...common, ...low, lowSpendFen: f.service === 'all' ? c.lowSpendFen : null, factor: c.lowSpendFactor } });
  const sudden = isSuddenChange(f, c);
  if (sudden) out.push({ customerId: f.customerId, kind: AbnormalKind.SuddenChange, service: f.service, evidence: { ...common, ...sudden, factor: c.suddenChangeFactor } });
  return out;
}

/** Credit and arrears findings of one customer (service `all`). */
export function customerFindings(f: CustomerFacts, c: AbnormalRuleConfig, period: string): Finding[] {
  const out: Finding[] = [];
  if (isLowCredit(f, c)) out.push({ customerId: f.customerId, kind: AbnormalKind.LowCredit, service: 'all', evidence: { period, creditScore: f.creditScore, source: f.creditSource, threshold: c.lowCreditScore } });
  if (isHighArrears(f, c)) out.push({ customerId: f.customerId, kind: AbnormalKind.HighArrears, service: 'all', evidence: { period, arrearsFen: f.arrearsFen, threshold: c.arrearsFen } });
  return out;
}

/** Whether an annual billed total lies in the potential key account band [bandFrom, threshold). */
export const inPotentialBand = (annualFen: number, bandFromFen: number, thresholdFen: number): boolean => annualFen >= bandFromFen && annualFen < thresholdFen;

/** `YYYY-MM-01` of the month `n` months from `first` (a `YYYY-MM-01` or `YYYY-MM-DD`). */
export function addMonths(first: string, n: number): string {
  const [y, m] = first.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
}

/** Today in the time zone, `YYYY-MM-DD`. */
