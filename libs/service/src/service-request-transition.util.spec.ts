import { BusinessCalendar } from './business-hours.util';
import { DEFAULT_SERVICE_CONFIG } from './service.config';
import { ServiceRequestStatus as S } from './service.constants';
import { TransitionSubject, transitionEffects } from './service-request-transition.util';

const cal: BusinessCalendar = { timezone: 'Asia/Shanghai', ...DEFAULT_SERVICE_CONFIG.calendar };
const at = (s: string) => new Date(s);
const base: TransitionSubject = {
  status: S.Acknowledged,
  handoverCount: 0,
  receivedByStaffId: '5b3c7a2e-1111-4a4a-8b8b-000000000001',
  aroundTheClock: false,
  resolutionTargetMinutes: 480,
  resolutionUsedMinutes: 0,
  resolutionRunningSince: at('2026-12-01T09:00:00+08:00'),
  resolutionDueAt: at('2026-12-01T17:00:00+08:00'),
  responseDueAt: at('2026-12-01T10:00:00+08:00'),
  respondedAt: null,
  resolutionBreachedAt: null,
};

describe('transition effects', () => {
  it('records the response on the first move out of acknowledged, with whether it was in time', () => {
    const e = transitionEffects(base, S.InProgress, at('2026-12-01T09:30:00+08:00'), cal);
    expect(e.set).toEqual({ status: S.InProgress, respondedAt: at('2026-12-01T09:30:00+08:00') });
    expect(e.details).toEqual({ responseMet: true });
    expect(transitionEffects(base, S.InProgress, at('2026-12-01T10:30:00+08:00'), cal).details).toEqual({ responseMet: false });
  });

  it('pauses the resolution clock in pending and moves the due on resume', () => {
    const working = { ...base, status: S.InProgress, respondedAt: at('2026-12-01T09:30:00+08:00') };
    const held = transitionEffects(working, S.Pending, at('2026-12-01T11:00:00+08:00'), cal);
    expect(held.set).toEqual({ status: S.Pending, resolutionUsedMinutes: 120, resolutionRunningSince: null });
    const resumed = transitionEffects({ ...working, status: S.Pending, resolutionUsedMinutes: 120, resolutionRunningSince: null }, S.InProgress, at('2026-12-02T09:00:00+08:00'), cal);
    // 360 minutes left from Wednesday 09:00: 15:00 the same day; the day held does not count
    expect(resumed.set).toEqual({ status: S.InProgress, resolutionRunningSince: at('2026-12-02T09:00:00+08:00'), resolutionDueAt: at('2026-12-02T15:00:00+08:00') });
  });

  it('marks a resolution met or not and whether it is a first-contact resolution', () => {
    const working = { ...base, status: S.InProgress, respondedAt: at('2026-12-01T09:30:00+08:00') };
    const inTime = transitionEffects(working, S.Resolved, at('2026-12-01T16:00:00+08:00'), cal);
    expect(inTime.set).toMatchObject({ status: S.Resolved, resolvedAt: at('2026-12-01T16:00:00+08:00'), resolutionRunningSince: null, resolutionUsedMinutes: 420 });
    expect(inTime.details).toMatchObject({ slaMet: true, firstContact: true });
    const late = transitionEffects({ ...working, handoverCount: 1 }, S.Resolved, at('2026-12-02T10:00:00+08:00'), cal);
    expect(late.details).toMatchObject({ slaMet: false, firstContact: false });
    // a breach notice already sent (the check ran as of a later instant) also means not met
    const flagged = transitionEffects({ ...working, resolutionBreachedAt: at('2026-12-01T15:00:00+08:00') }, S.Resolved, at('2026-12-01T16:00:00+08:00'), cal);
    expect(flagged.details).toMatchObject({ slaMet: false });
    // received by a system (no 首問 staff member): never a first-contact resolution
    const bySystem = transitionEffects({ ...working, receivedByStaffId: null }, S.Resolved, at('2026-12-01T16:00:00+08:00'), cal);
    expect(bySystem.details).toMatchObject({ slaMet: true, firstContact: false });
  });

  it('reopens with the clock running again and clears the resolution; closing stamps closedAt', () => {
    const resolved = { ...base, status: S.Resolved, respondedAt: at('2026-12-01T09:30:00+08:00'), resolutionUsedMinutes: 420, resolutionRunningSince: null };
    const reopened = transitionEffects(resolved, S.InProgress, at('2026-12-03T09:00:00+08:00'), cal);
    expect(reopened.set).toEqual({ status: S.InProgress, resolvedAt: null, resolutionRunningSince: at('2026-12-03T09:00:00+08:00'), resolutionDueAt: at('2026-12-03T10:00:00+08:00') });
    expect(transitionEffects(resolved, S.Closed, at('2026-12-03T09:00:00+08:00'), cal).set).toEqual({ status: S.Closed, closedAt: at('2026-12-03T09:00:00+08:00') });
  });

  it('stops the clock on rejection from acknowledged', () => {
    const e = transitionEffects(base, S.Rejected, at('2026-12-01T09:15:00+08:00'), cal);
    expect(e.set).toMatchObject({ status: S.Rejected, resolutionRunningSince: null, resolutionUsedMinutes: 15 });
  });
});
