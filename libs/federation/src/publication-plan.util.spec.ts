import { firstOfMonth } from './period.util';
import { PlannedProducer, publicationPlan } from './publication-plan.util';

const day = (name: string): PlannedProducer => ({ definition: { name, periodType: 'day' } });
const month = (name: string, currentPeriodOnly = false): PlannedProducer => ({ definition: { name, periodType: 'month' }, currentPeriodOnly });
const plan = (days: string[], producers: PlannedProducer[], today: string) =>
  publicationPlan(days, producers, today).map((s) => `${s.producer.definition.name}@${s.period}`);

describe('firstOfMonth', () => {
  it.each([
    ['2026-11-30', '2026-11-01'],
    ['2026-12-01', '2026-12-01'],
    ['2024-02-29', '2024-02-01'],
    ['2023-12-31', '2023-12-01'],
  ])('%s is in the month %s', (d, m) => expect(firstOfMonth(d)).toBe(m));
});

describe('publicationPlan', () => {
  it('keeps day fact sets exactly as before: every producer for every day, day-major', () => {
    expect(plan(['2026-11-29', '2026-11-30'], [day('a'), day('b')], '2026-11-30')).toEqual(['a@2026-11-29', 'b@2026-11-29', 'a@2026-11-30', 'b@2026-11-30']);
  });

  it('computes a month fact set once per month of the window, period = first day, after the day sets', () => {
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'];
    expect(plan(days, [month('m'), day('d')], '2026-12-01')).toEqual([
      'd@2026-11-28',
      'd@2026-11-29',
      'd@2026-11-30',
      'd@2026-12-01',
      'm@2026-11-01',
      'm@2026-12-01',
    ]);
  });

  it('a window inside one month publishes that month once', () => {
    const days = Array.from({ length: 7 }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}`);
    expect(plan(days, [month('m')], '2026-11-16')).toEqual(['m@2026-11-01']);
  });

  it('crosses a year end and a leap February', () => {
    expect(plan(['2023-12-31', '2024-01-01'], [month('m')], '2024-01-01')).toEqual(['m@2023-12-01', 'm@2024-01-01']);
    expect(plan(['2024-02-28', '2024-02-29', '2024-03-01'], [month('m')], '2024-03-01')).toEqual(['m@2024-02-01', 'm@2024-03-01']);
  });

  it('a current-period-only producer is computed for the current month only', () => {
    expect(plan(['2026-11-30', '2026-12-01'], [month('snap', true), month('m')], '2026-12-01')).toEqual(['m@2026-11-01', 'snap@2026-12-01', 'm@2026-12-01']);
    // republishing a past window does not touch its snapshot
    expect(plan(['2026-10-01', '2026-10-02'], [month('snap', true), month('m')], '2026-12-01')).toEqual(['m@2026-10-01']);
  });

  it('plans nothing for an empty window', () => {
    expect(plan([], [day('d'), month('m')], '2026-12-01')).toEqual([]);
  });
});
