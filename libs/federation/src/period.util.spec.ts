import { addDays, isValidDay, todayIn } from './period.util';

describe('todayIn', () => {
  it('is already the next day in Asia/Shanghai shortly before midnight UTC', () => {
    const now = new Date('2024-05-01T16:30:00Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2024-05-02');
    expect(todayIn('UTC', now)).toBe('2024-05-01');
  });

  it('is still the previous day in Asia/Shanghai just before 16:00 UTC', () => {
    const now = new Date('2024-05-01T15:59:59Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2024-05-01');
  });

  it('crosses month, year and leap-day boundaries by time zone', () => {
    expect(todayIn('Asia/Shanghai', new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
    expect(todayIn('Asia/Shanghai', new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(todayIn('America/New_York', new Date('2024-01-01T03:00:00Z'))).toBe('2023-12-31');
  });

  it('formats as zero-padded YYYY-MM-DD', () => {
    expect(todayIn('UTC', new Date('2024-03-05T12:00:00Z'))).toBe('2024-03-05');
  });

  it('defaults to the current time', () => {
    expect(todayIn('UTC')).toBe(new Date().toISOString().slice(0, 10));
  });

  it('throws on an unknown time zone', () => {
    expect(() => todayIn('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-05-01', 1, '2024-05-02'],
    ['2024-05-01', 0, '2024-05-01'],
    ['2024-05-31', 1, '2024-06-01'],
    ['2024-06-01', -1, '2024-05-31'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2023-03-01', -1, '2023-02-28'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2024-01-31', 30, '2024-03-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-03-31', -31, '2024-02-29'],
  ])('%s %+d days is %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it('is not affected by a DST change (calendar arithmetic)', () => {
    expect(addDays('2024-03-09', 1)).toBe('2024-03-10');
    expect(addDays('2024-03-10', 1)).toBe('2024-03-11');
    expect(addDays('2024-10-27', 1)).toBe('2024-10-28');
  });
});

describe('isValidDay', () => {
  it.each(['2024-05-01', '2024-02-29', '2000-02-29', '2023-12-31', '1999-01-01'])('accepts %s', (day) => {
    expect(isValidDay(day)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-02-30',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1-01',
    '2024/01/01',
    '20240101',
    '2024-01-01T00:00:00Z',
    ' 2024-01-01',
    '',
    'yesterday',
  ])('rejects %p', (day) => {
    expect(isValidDay(day)).toBe(false);
  });
});
