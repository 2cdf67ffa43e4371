import { addDays, anniversariesDue, anniversaryIn, anniversaryMonthDays, daysBetween, occasionKey, outageLongEnough, visitDueDate } from './care.rules';

describe('care rule date logic', () => {
  it('adds and counts days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 90)).toBe('2027-03-31');
    expect(daysBetween('2026-01-01', '2026-04-01')).toBe(90);
  });

  describe('key account visits', () => {
    const cadence = 90;
    it('nothing is due before the cadence minus the lead time has passed since the last visit', () => {
      const anchor = { lastVisit: '2026-01-01', since: '2020-05-05' };
      expect(visitDueDate(anchor, '2026-03-24', cadence, 7)).toBeNull();
      expect(visitDueDate(anchor, '2026-03-25', cadence, 7)).toBe('2026-04-01');
      expect(visitDueDate(anchor, '2026-04-01', cadence, 0)).toBe('2026-04-01');
      expect(visitDueDate(anchor, '2026-03-31', cadence, 0)).toBeNull();
    });
    it('the same day gives the same due date (idempotency key); a skipped cycle moves to the next one', () => {
      const anchor = { lastVisit: '2026-01-01', since: '2020-05-05' };
      expect(visitDueDate(anchor, '2026-04-10', cadence, 7)).toBe('2026-04-01');
      expect(visitDueDate(anchor, '2026-06-23', cadence, 7)).toBe('2026-06-30');
    });
    it('with no visit ever done, the first is due at once (from the day the customer was created)', () => {
      expect(visitDueDate({ lastVisit: null, since: '2026-11-30' }, '2026-12-01', cadence, 7)).toBe('2026-11-30');
      expect(visitDueDate({ lastVisit: null, since: '2026-01-01' }, '2026-12-01', cadence, 7)).toBe('2026-09-28');
      expect(visitDueDate({ lastVisit: null, since: '2026-12-10' }, '2026-12-01', cadence, 7)).toBeNull();
    });
  });

  describe('tenure anniversaries', () => {
    it('29 February falls on 28 February in common years', () => {
      expect(anniversaryIn('2020-02-29', 2027)).toBe('2027-02-28');
      expect(anniversaryIn('2020-02-29', 2028)).toBe('2028-02-29');
      expect(anniversaryIn('2019-07-15', 2026)).toBe('2026-07-15');
    });
    it('finds anniversaries of at least minYears in the catch-up window', () => {
      expect(anniversariesDue('2019-12-01', '2026-12-01', 0, 1)).toEqual([{ date: '2026-12-01', years: 7 }]);
      expect(anniversariesDue('2019-12-02', '2026-12-01', 0, 1)).toEqual([]);
      expect(anniversariesDue('2019-11-29', '2026-12-01', 3, 1)).toEqual([{ date: '2026-11-29', years: 7 }]);
      expect(anniversariesDue('2019-11-27', '2026-12-01', 3, 1)).toEqual([]);
      expect(anniversariesDue('2025-12-01', '2026-12-01', 0, 1)).toEqual([{ date: '2026-12-01', years: 1 }]);
      expect(anniversariesDue('2025-12-01', '2026-12-01', 0, 2)).toEqual([]);
      expect(anniversariesDue('2026-12-01', '2026-12-01', 0, 1)).toEqual([]);
      // the window crosses the new year
      expect(anniversariesDue('2020-12-31', '2027-01-01', 2, 1)).toEqual([{ date: '2026-12-31', years: 6 }]);
    });
    it('month-days to look for include 29 February on 28 February of a common year', () => {
      expect(anniversaryMonthDays('2026-12-01', 2)).toEqual(['11-29', '11-30', '12-01']);
      expect(anniversaryMonthDays('2027-02-28', 0)).toEqual(['02-28', '02-29']);
      expect(anniversaryMonthDays('2028-02-28', 0)).toEqual(['02-28']);
    });
  });

  it('an outage counts when it lasted at least minHours', () => {
    const start = new Date('2026-11-30T08:00:00+08:00');
    expect(outageLongEnough(start, new Date('2026-11-30T12:00:00+08:00'), 4)).toBe(true);
    expect(outageLongEnough(start, new Date('2026-11-30T11:59:00+08:00'), 4)).toBe(false);
  });

  it('occasion keys are one per rule × customer × occasion', () => {
    expect(occasionKey.visit('c1', '2026-04-01')).toBe('key_account_visit:c1:2026-04-01');
    expect(occasionKey.anniversary('c1', 2026)).toBe('anniversary:c1:2026');
    expect(occasionKey.outage('c1', 'o1')).toBe('outage:o1:c1');
  });
});
