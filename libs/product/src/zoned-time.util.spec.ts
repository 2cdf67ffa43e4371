import { localDate, parseInstant } from './zoned-time.util';

describe('parseInstant', () => {
  it('keeps an explicit offset or Z', () => {
    expect(parseInstant('2026-03-01T08:00:00Z', 'Asia/Shanghai')?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(parseInstant('2026-03-01T08:00:00+08:00', 'Europe/Paris')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseInstant('2026-03-01T08:00:00.250-0130', 'Asia/Shanghai')?.toISOString()).toBe('2026-03-01T09:30:00.250Z');
  });

  it('reads dates and zone-less times as wall-clock time in the node time zone', () => {
    expect(parseInstant('2026-03-01', 'Asia/Shanghai')?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseInstant('2026-03-01 09:30', 'Asia/Shanghai')?.toISOString()).toBe('2026-03-01T01:30:00.000Z');
    // across a daylight-saving change: Paris is UTC+1 in winter, UTC+2 in summer
    expect(parseInstant('2026-01-15T12:00:00', 'Europe/Paris')?.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(parseInstant('2026-07-15T12:00:00', 'Europe/Paris')?.toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it.each(['', '2026-02-30', '2026-13-01', '2026-03-01T24:00', '01/03/2026', '2026-03-01T08:00:00+25:00', 'yesterday'])('refuses %p', (v) => {
    expect(parseInstant(v, 'Asia/Shanghai')).toBeNull();
  });
});

describe('localDate', () => {
  it('is the calendar day in the time zone', () => {
    expect(localDate(new Date('2026-02-28T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(localDate(new Date('2026-02-28T16:30:00Z'), 'UTC')).toBe('2026-02-28');
  });
});
