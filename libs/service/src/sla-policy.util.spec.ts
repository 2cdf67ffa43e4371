import { BusinessCalendar } from './business-hours.util';
import { DEFAULT_SERVICE_CONFIG, resolveServiceConfig } from './service.config';
import { ServiceRequestKind as K, ServiceSeverity as V } from './service.constants';
import { dueOf, elapsedMinutes, pauseClock, resolveSla, resumeClock, SlaClockState, slaStanding } from './sla-policy.util';

const cal: BusinessCalendar = { timezone: 'Asia/Shanghai', ...DEFAULT_SERVICE_CONFIG.calendar };
const at = (s: string) => new Date(s);

describe('SLA policy', () => {
  it('resolves kind × severity, with key accounts at half the time', () => {
    expect(resolveSla(DEFAULT_SERVICE_CONFIG, { kind: K.Fault, severity: V.Critical, keyAccount: false })).toEqual({ responseMinutes: 30, resolutionMinutes: 240, aroundTheClock: true });
    expect(resolveSla(DEFAULT_SERVICE_CONFIG, { kind: K.Fault, severity: V.Critical, keyAccount: true })).toEqual({ responseMinutes: 15, resolutionMinutes: 120, aroundTheClock: true });
    expect(resolveSla(DEFAULT_SERVICE_CONFIG, { kind: K.Complaint, severity: V.Medium, keyAccount: false })).toEqual({ responseMinutes: 120, resolutionMinutes: 5 * 570, aroundTheClock: false });
    expect(resolveSla(DEFAULT_SERVICE_CONFIG, { kind: K.Fault, severity: V.High, keyAccount: false }).aroundTheClock).toBe(false);
  });

  it('rounds factored targets up to whole minutes', () => {
    const config = resolveServiceConfig({ customerFactors: { keyAccount: 0.3 } });
    expect(resolveSla(config, { kind: K.Query, severity: V.Critical, keyAccount: true })).toMatchObject({ responseMinutes: 5, resolutionMinutes: 36 });
  });

  it('follows overrides of the policy table and of the 24×7 list', () => {
    const config = resolveServiceConfig({ policies: { complaint: { high: { resolutionMinutes: 600 } } }, aroundTheClock: ['fault:critical', 'complaint:critical'] });
    expect(resolveSla(config, { kind: K.Complaint, severity: V.High, keyAccount: false })).toEqual({ responseMinutes: 60, resolutionMinutes: 600, aroundTheClock: false });
    expect(resolveSla(config, { kind: K.Complaint, severity: V.Critical, keyAccount: false }).aroundTheClock).toBe(true);
  });
});

describe('SLA clock', () => {
  const start: SlaClockState = { targetMinutes: 240, usedMinutes: 0, runningSince: at('2026-12-01T09:00:00+08:00'), aroundTheClock: false };

  it('gives the due instant in business time and the standing as time passes', () => {
    expect(dueOf(start, start.runningSince!, cal).toISOString()).toBe(at('2026-12-01T13:00:00+08:00').toISOString());
    expect(slaStanding(start, at('2026-12-01T12:00:00+08:00'), cal, 0.8)).toMatchObject({ standing: 'ok', elapsedMinutes: 180 });
    expect(slaStanding(start, at('2026-12-01T12:12:00+08:00'), cal, 0.8)).toMatchObject({ standing: 'near_breach', ratio: 0.8 });
    expect(slaStanding(start, at('2026-12-01T13:00:00+08:00'), cal, 0.8).standing).toBe('near_breach');
    expect(slaStanding(start, at('2026-12-01T13:01:00+08:00'), cal, 0.8).standing).toBe('breach');
  });

  it('pauses while pending: held time does not count and the due moves on resume', () => {
    const held = pauseClock(start, at('2026-12-01T11:00:00+08:00'), cal);
    expect(held).toMatchObject({ usedMinutes: 120, runningSince: null });
    // a day and a half later, still held: nothing more is used
    expect(elapsedMinutes(held, at('2026-12-03T10:00:00+08:00'), cal)).toBe(120);
    expect(slaStanding(held, at('2026-12-09T10:00:00+08:00'), cal, 0.8).standing).toBe('ok');
    const { clock, dueAt } = resumeClock(held, at('2026-12-03T17:00:00+08:00'), cal);
    expect(clock.runningSince!.toISOString()).toBe(at('2026-12-03T17:00:00+08:00').toISOString());
    // 120 minutes left: 60 today until 18:00, 60 tomorrow from 08:30
    expect(dueAt.toISOString()).toBe(at('2026-12-04T09:30:00+08:00').toISOString());
    expect(elapsedMinutes(clock, at('2026-12-04T09:00:00+08:00'), cal)).toBe(120 + 60 + 30);
    expect(pauseClock(held, at('2026-12-05T10:00:00+08:00'), cal)).toBe(held);
  });

  it('runs 24×7 for around-the-clock targets', () => {
    const c: SlaClockState = { targetMinutes: 240, usedMinutes: 0, runningSince: at('2026-12-05T22:00:00+08:00'), aroundTheClock: true };
    expect(dueOf(c, c.runningSince!, cal).toISOString()).toBe(at('2026-12-06T02:00:00+08:00').toISOString());
    expect(slaStanding(c, at('2026-12-06T01:30:00+08:00'), cal, 0.8).standing).toBe('near_breach');
  });
});
