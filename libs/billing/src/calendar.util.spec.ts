import { addDays, addMonths, dayIn, instantOf, isCalendarDay, midnightIn, parseDateTime } from './calendar.util';

describe('calendar utilities', () => {
  it('reads date-times with an offset as they say, and local ones in the city time zone', () => {
    expect(parseDateTime('2026-11-05T10:15:00+08:00', 'UTC')).toEqual(new Date('2026-11-05T02:15:00Z'));
    expect(parseDateTime('2026-11-05T10:15:00.250Z', 'Asia/Shanghai')).toEqual(new Date('2026-11-05T10:15:00.250Z'));
    expect(parseDateTime('2026-11-05 10:15', 'Asia/Shanghai')).toEqual(new Date('2026-11-05T02:15:00Z'));
    expect(parseDateTime('2026-11-05T10:15:00-0500', 'Asia/Shanghai')).toEqual(new Date('2026-11-05T15:15:00Z'));
    // a zone with daylight saving time: summer and winter offsets differ
    expect(parseDateTime('2026-07-01 12:00:00', 'America/New_York')).toEqual(new Date('2026-07-01T16:00:00Z'));
    expect(parseDateTime('2026-01-01 12:00:00', 'America/New_York')).toEqual(new Date('2026-01-01T17:00:00Z'));
  });

  it('refuses what is not a real date-time', () => {
    for (const bad of ['', '2026-11-05', '2026-02-30T10:00:00Z', '2026-11-05T25:00:00Z', 'yesterday', '2026-11-05T10:15:00+8']) {
      expect(parseDateTime(bad, 'Asia/Shanghai')).toBeUndefined();
    }
  });

  it('does calendar arithmetic on day and month strings', () => {
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
    expect(addMonths('2026-03-01', -15)).toBe('2024-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(dayIn('Asia/Shanghai', new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(dayIn('UTC', new Date('2026-11-30T16:30:00Z'))).toBe('2026-11-30');
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
  });

  it('reads a plain calendar date as midnight in the city, and a date-time with offset as it says', () => {
    expect(instantOf('2026-01-05', 'Asia/Shanghai')).toEqual(new Date('2026-01-04T16:00:00Z'));
    expect(instantOf('2026-07-01', 'America/New_York')).toEqual(new Date('2026-07-01T04:00:00Z'));
    expect(instantOf('2026-01-05T00:30:00+08:00', 'UTC')).toEqual(new Date('2026-01-04T16:30:00Z'));
    expect(instantOf('2026-01-05T00:30Z', 'Asia/Shanghai')).toEqual(new Date('2026-01-05T00:30:00Z'));
    expect(() => instantOf('2026-W02', 'Asia/Shanghai')).toThrow();
  });

  it('writes the midnight that starts a day in a time zone with its offset', () => {
    expect(midnightIn('Asia/Shanghai', '2026-12-01')).toBe('2026-12-01 00:00:00+08:00');
    expect(midnightIn('UTC', '2026-12-01')).toBe('2026-12-01 00:00:00+00:00');
    expect(midnightIn('America/New_York', '2028-03-01')).toBe('2028-03-01 00:00:00-05:00');
    expect(midnightIn('America/New_York', '2028-04-01')).toBe('2028-04-01 00:00:00-04:00');
    expect(midnightIn('Asia/Kolkata', '2028-01-01')).toBe('2028-01-01 00:00:00+05:30');
  });
});
