import { addBusinessMinutes, BusinessCalendar, businessMinutesBetween, calendarProblems, instantOf, localDate } from './business-hours.util';

const cal: BusinessCalendar = { timezone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5], start: '08:30', end: '18:00', holidays: [], extraWorkingDays: [] };
const at = (s: string) => new Date(s);
const iso = (d: Date) => d.toISOString();

describe('business hours', () => {
  // 2026-12-04 is a Friday, 2026-12-07 a Monday.
  it('adds minutes within one working day', () => {
    expect(iso(addBusinessMinutes(at('2026-12-01T09:00:00+08:00'), 90, cal))).toBe(iso(at('2026-12-01T10:30:00+08:00')));
  });

  it('starts counting at opening time when created before it, and after a day off', () => {
    expect(iso(addBusinessMinutes(at('2026-12-01T06:00:00+08:00'), 30, cal))).toBe(iso(at('2026-12-01T09:00:00+08:00')));
    expect(iso(addBusinessMinutes(at('2026-12-05T11:00:00+08:00'), 30, cal))).toBe(iso(at('2026-12-07T09:00:00+08:00')));
  });

  it('skips the weekend: Friday 17:00 + 2 h is Monday 09:30', () => {
    expect(iso(addBusinessMinutes(at('2026-12-04T17:00:00+08:00'), 120, cal))).toBe(iso(at('2026-12-07T09:30:00+08:00')));
    expect(businessMinutesBetween(at('2026-12-04T17:00:00+08:00'), at('2026-12-07T09:30:00+08:00'), cal)).toBe(120);
  });

  it('carries over midnight: 17:30 + 60 min is 09:00 next morning', () => {
    expect(iso(addBusinessMinutes(at('2026-12-01T17:30:00+08:00'), 60, cal))).toBe(iso(at('2026-12-02T09:00:00+08:00')));
    expect(businessMinutesBetween(at('2026-12-01T17:30:00+08:00'), at('2026-12-02T09:00:00+08:00'), cal)).toBe(60);
  });

  it('ends exactly at closing time when the budget runs out there', () => {
    expect(iso(addBusinessMinutes(at('2026-12-01T08:30:00+08:00'), 570, cal))).toBe(iso(at('2026-12-01T18:00:00+08:00')));
  });

  it('skips holidays and counts make-up working days (調休)', () => {
    const holidays = { ...cal, holidays: ['2026-12-07'], extraWorkingDays: ['2026-12-05'] };
    // Friday 17:00 + 2 h: one hour on Friday, the rest on Saturday (make-up day), not on the Monday holiday
    expect(iso(addBusinessMinutes(at('2026-12-04T17:00:00+08:00'), 120, holidays))).toBe(iso(at('2026-12-05T09:30:00+08:00')));
    const noMakeUp = { ...cal, holidays: ['2026-12-07'] };
    expect(iso(addBusinessMinutes(at('2026-12-04T17:00:00+08:00'), 120, noMakeUp))).toBe(iso(at('2026-12-08T09:30:00+08:00')));
    expect(businessMinutesBetween(at('2026-12-04T00:00:00+08:00'), at('2026-12-09T00:00:00+08:00'), noMakeUp)).toBe(2 * 570);
  });

  it('counts plain minutes on the 24×7 clock', () => {
    expect(iso(addBusinessMinutes(at('2026-12-05T23:00:00+08:00'), 240, cal, true))).toBe(iso(at('2026-12-06T03:00:00+08:00')));
    expect(businessMinutesBetween(at('2026-12-05T23:00:00+08:00'), at('2026-12-06T03:00:00+08:00'), cal, true)).toBe(240);
  });

  it('counts elapsed minutes over several days and nothing outside hours', () => {
    expect(businessMinutesBetween(at('2026-12-01T08:30:00+08:00'), at('2026-12-08T08:30:00+08:00'), cal)).toBe(5 * 570);
    expect(businessMinutesBetween(at('2026-12-01T19:00:00+08:00'), at('2026-12-02T08:00:00+08:00'), cal)).toBe(0);
    expect(businessMinutesBetween(at('2026-12-02T10:00:00+08:00'), at('2026-12-01T10:00:00+08:00'), cal)).toBe(0);
    expect(businessMinutesBetween(at('2026-12-01T09:00:00+08:00'), at('2026-12-01T09:00:30+08:00'), cal)).toBe(0.5);
  });

  it('is the inverse of addBusinessMinutes', () => {
    const start = at('2026-12-03T16:10:00+08:00');
    for (const m of [1, 59, 570, 1000, 5 * 570 + 7]) expect(businessMinutesBetween(start, addBusinessMinutes(start, m, cal), cal)).toBeCloseTo(m, 6);
  });

  it('uses the wall clock of the zone (Asia/Shanghai has no DST; New York has)', () => {
    expect(localDate(Date.parse('2026-12-01T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-02');
    expect(new Date(instantOf('2026-12-02', 8 * 60 + 30, 'Asia/Shanghai')).toISOString()).toBe('2026-12-02T00:30:00.000Z');
    const ny = { ...cal, timezone: 'America/New_York' };
    // 2026-03-06 (Fri, EST −5) and 2026-03-09 (Mon, EDT −4): 08:30 local each day
    expect(iso(addBusinessMinutes(at('2026-03-06T17:30:00-05:00'), 60, ny))).toBe(iso(at('2026-03-09T09:00:00-04:00')));
  });

  it('names each problem of a calendar', () => {
    expect(calendarProblems(cal, 'c')).toEqual([]);
    const problems = calendarProblems({ workingDays: [0, 8], start: '18:00', end: '08:30', holidays: ['2026-02-30'], extraWorkingDays: ['x'] }, 'c');
    expect(problems).toEqual([
      'c.workingDays must list ISO weekdays 1 (Monday) to 7 (Sunday), at least one',
      'c.start must be before c.end',
      'c.holidays[0] must be a date YYYY-MM-DD',
      'c.extraWorkingDays[0] must be a date YYYY-MM-DD',
    ]);
  });

  it('refuses a calendar without working time instead of looping', () => {
    expect(() => addBusinessMinutes(at('2026-12-01T09:00:00+08:00'), 10, { ...cal, workingDays: [] })).toThrow(/no working time/);
  });
});
