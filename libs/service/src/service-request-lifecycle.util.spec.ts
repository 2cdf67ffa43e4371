import { ServiceRequestStatus as S } from './service.constants';
import { checkTransition, isOpen, nextStatuses, resolutionClockRuns, responseClockRuns } from './service-request-lifecycle.util';

describe('service request lifecycle', () => {
  it.each([
    [S.Acknowledged, S.InProgress],
    [S.InProgress, S.Pending],
    [S.Pending, S.InProgress],
    [S.InProgress, S.Resolved],
    [S.Resolved, S.Closed],
    [S.Acknowledged, S.Rejected],
    [S.Pending, S.Cancelled],
    [S.InProgress, S.Rejected],
  ])('allows %s → %s by hand', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
  });

  it.each([
    [S.Acknowledged, S.Resolved],
    [S.Acknowledged, S.Pending],
    [S.Pending, S.Resolved],
    [S.Closed, S.InProgress],
    [S.Rejected, S.Acknowledged],
    [S.Cancelled, S.InProgress],
    [S.Resolved, S.Rejected],
    [S.Resolved, S.Pending],
  ])('refuses %s → %s with a code naming both', (from, to) => {
    const r = checkTransition(from, to);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(`SERVICE_TRANSITION_${from}_TO_${to}`.toUpperCase());
  });

  it('reopens a resolved request only through a return visit', () => {
    const manual = checkTransition(S.Resolved, S.InProgress, 'manual');
    expect(manual).toMatchObject({ ok: false, code: 'SERVICE_TRANSITION_RESOLVED_TO_IN_PROGRESS', reason: expect.stringMatching(/return visit/) });
    expect(checkTransition(S.Resolved, S.InProgress, 'return_visit')).toEqual({ ok: true });
    expect(checkTransition(S.Resolved, S.Closed, 'return_visit')).toEqual({ ok: true });
    expect(checkTransition(S.InProgress, S.Resolved, 'return_visit').ok).toBe(false);
  });

  it('says when a status is final and lists the next statuses', () => {
    expect(checkTransition(S.Closed, S.Resolved)).toMatchObject({ ok: false, reason: 'closed is final', allowed: [] });
    expect(nextStatuses(S.Acknowledged)).toEqual([S.InProgress, S.Rejected, S.Cancelled]);
    expect(nextStatuses(S.Resolved)).toEqual([S.Closed]);
    expect(nextStatuses(S.Resolved, 'return_visit')).toEqual([S.Closed, S.InProgress]);
  });

  it('knows which statuses are open and when each clock runs', () => {
    expect([S.Acknowledged, S.InProgress, S.Pending].every(isOpen)).toBe(true);
    expect([S.Resolved, S.Closed, S.Rejected, S.Cancelled].some(isOpen)).toBe(false);
    expect(Object.values(S).filter(resolutionClockRuns)).toEqual([S.Acknowledged, S.InProgress]);
    expect(Object.values(S).filter(responseClockRuns)).toEqual([S.Acknowledged]);
  });
});
