/**
 * Date logic of the care rules; pure (dates are `YYYY-MM-DD` in the city's time zone).
 */
const MS_DAY = 86_400_000;

const toUtc = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => fromUtc(toUtc(day) + n * MS_DAY);
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / MS_DAY);

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Key account visit (大客戶走訪) cadence: the due date of the current cycle, or null when nothing is
 * due yet. Cycles are `cadenceDays` long from the anchor: the last done visit (then the first cycle
 * ends one cadence later) or, with no visit ever done, the day the customer was created (due at
 * once). The cycle is the latest one whose due date is ≤ asOf + leadDays, so a re-run the same day
 * gives the same date (the idempotency key), and a skipped (cancelled) cycle is followed by the next.
 */
export function visitDueDate(anchor: { lastVisit: string | null; since: string }, asOf: string, cadenceDays: number, leadDays: number): string | null {
  const base = anchor.lastVisit ?? anchor.since;
  const reach = daysBetween(base, asOf) + leadDays;
  if (reach < 0) return null;
  const n = Math.floor(reach / cadenceDays);
  if (anchor.lastVisit && n < 1) return null;
  return addDays(base, n * cadenceDays);
}

/** The anniversary of `since` in `year`; 29 February falls on 28 February in other years. */
export function anniversaryIn(since: string, year: number): string {
  const md = since.slice(5);
  const day = md === '02-29' && !isLeap(year) ? '02-28' : md;
  return `${year}-${day}`;
}

/**
 * Tenure anniversaries (在網周年) of a customer on network since `since` that fall in
 * [asOf − catchUpDays, asOf] and are at least `minYears` years: the date and the years completed.
 */
export function anniversariesDue(since: string, asOf: string, catchUpDays: number, minYears: number): { date: string; years: number }[] {
  const from = addDays(asOf, -catchUpDays);
  const out: { date: string; years: number }[] = [];
  const sinceYear = Number(since.slice(0, 4));
  for (let year = Number(from.slice(0, 4)); year <= Number(asOf.slice(0, 4)); year++) {
    const years = year - sinceYear;
    if (years < minYears) continue;
    const date = anniversaryIn(since, year);
    if (date >= from && date <= asOf) out.push({ date, years });
  }
  return out;
}

/** The month-days (`MM-DD`) of tenure starts whose anniversary can fall in [asOf − catchUpDays, asOf] (a query filter). */
export function anniversaryMonthDays(asOf: string, catchUpDays: number): string[] {
  const set = new Set<string>();
  for (let i = 0; i <= catchUpDays; i++) {
    const day = addDays(asOf, -i);
    set.add(day.slice(5));
    if (day.slice(5) === '02-28' && !isLeap(Number(day.slice(0, 4)))) set.add('02-29');
  }
  return [...set].sort();
}

/** Whether an outage lasted at least `minHours`. */
export const outageLongEnough = (startedAt: Date, endedAt: Date, minHours: number): boolean => endedAt.getTime() - startedAt.getTime() >= minHours * 3_600_000;

/** Idempotency keys: one task per rule × customer × occasion. */
export const occasionKey = {
  visit: (customerId: string, due: string): string => `key_account_visit:${customerId}:${due}`,
  anniversary: (customerId: string, year: number): string => `anniversary:${customerId}:${year}`,
  outage: (customerId: string, outageId: string): string => `outage:${outageId}:${customerId}`,
};

