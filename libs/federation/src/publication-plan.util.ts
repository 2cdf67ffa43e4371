import { FactSetDefinition } from './protocol/fact-set.catalogue';
import { firstOfMonth } from './period.util';

export interface PlannedProducer {
  readonly definition: Pick<FactSetDefinition, 'name' | 'periodType'>;
  /** Current-state fact set: only the current month can be computed (past months keep their last version). */
  readonly currentPeriodOnly?: boolean;
}

export interface PlannedSlice<P> {
  producer: P;
  period: string;
}

/**
 * What one publication computes for the days of its window (city dates, ascending): every day
 * fact set for every day (day-major, in producer order, as before), then every month fact set
 * once per month touched by the window, period = the month's first day. A `currentPeriodOnly`
 * producer is computed for the month of `today` only, when the window reaches it.
 */
export function publicationPlan<P extends PlannedProducer>(days: readonly string[], producers: readonly P[], today: string): PlannedSlice<P>[] {
  const plan: PlannedSlice<P>[] = [];
  const daily = producers.filter((p) => p.definition.periodType === 'day');
  const monthly = producers.filter((p) => p.definition.periodType === 'month');
  for (const day of days) for (const producer of daily) plan.push({ producer, period: day });
  const months = [...new Set(days.map(firstOfMonth))];
  const currentMonth = firstOfMonth(today);
  for (const month of months) {
    for (const producer of monthly) {
      if (producer.currentPeriodOnly && month !== currentMonth) continue;
      plan.push({ producer, period: month });
    }
  }
  return plan;
}
