import { monthPartition } from './partition.service';

describe('monthPartition', () => {
  it('cuts timestamptz months at midnight in the city time zone, written with its offset', () => {
    expect(monthPartition('payment', 'timestamptz', '2026-12-01', 'Asia/Shanghai')).toEqual({ name: 'payment_2026_12', from: '2026-12-01 00:00:00+08:00', to: '2027-01-01 00:00:00+08:00' });
    // daylight saving time: each bound carries the offset in force at that midnight
    expect(monthPartition('usage_record', 'timestamptz', '2028-03-01', 'America/New_York')).toEqual({ name: 'usage_record_2028_03', from: '2028-03-01 00:00:00-05:00', to: '2028-04-01 00:00:00-04:00' });
    expect(monthPartition('payment', 'timestamptz', '2028-01-01', 'UTC')).toEqual({ name: 'payment_2028_01', from: '2028-01-01 00:00:00+00:00', to: '2028-02-01 00:00:00+00:00' });
    expect(monthPartition('payment', 'timestamptz', '2028-01-01', 'Asia/Kolkata').from).toBe('2028-01-01 00:00:00+05:30');
  });

  it('keeps date bounds as plain days', () => {
    expect(monthPartition('bill', 'date', '2027-12-01', 'Asia/Shanghai')).toEqual({ name: 'bill_2027_12', from: '2027-12-01', to: '2028-01-01' });
  });
});
