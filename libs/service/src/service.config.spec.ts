import { SettingsError } from '@crm/config';
import { DEFAULT_SERVICE_CONFIG, resolveServiceConfig } from './service.config';

describe('service config', () => {
  it('is the defaults without overrides', () => {
    expect(resolveServiceConfig()).toEqual(DEFAULT_SERVICE_CONFIG);
    expect(resolveServiceConfig({})).toEqual(DEFAULT_SERVICE_CONFIG);
    expect(DEFAULT_SERVICE_CONFIG.policies.fault.critical.resolutionMinutes).toBe(240);
  });

  it('applies a subset of overrides and keeps the rest', () => {
    const c = resolveServiceConfig({ calendar: { start: '09:00', holidays: ['2027-01-01'] }, nearBreachRatio: 0.75, policies: { fault: { low: { responseMinutes: 300 } } } });
    expect(c.calendar).toEqual({ ...DEFAULT_SERVICE_CONFIG.calendar, start: '09:00', holidays: ['2027-01-01'] });
    expect(c.nearBreachRatio).toBe(0.75);
    expect(c.policies.fault.low).toEqual({ responseMinutes: 300, resolutionMinutes: DEFAULT_SERVICE_CONFIG.policies.fault.low.resolutionMinutes });
    expect(c.policies.fault.high).toEqual(DEFAULT_SERVICE_CONFIG.policies.fault.high);
  });

  it('refuses a bad configuration naming every problem under CRM_SERVICE_CONFIG', () => {
    let error: unknown;
    try {
      resolveServiceConfig({
        policies: { fault: { critical: { responseMinutes: 0 }, high: { responseMinutes: 9999 } }, complaint: { urgent: {} } },
        customerFactors: { keyAccount: 2 },
        aroundTheClock: ['fault:urgent'],
        calendar: { start: '25:00', workingDays: [] },
        nearBreachRatio: 1.5,
        cron: 'often',
        batchSize: 'x',
        colour: 'blue',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const { variable, problems } = error as SettingsError;
    expect(variable).toBe('CRM_SERVICE_CONFIG');
    expect(problems).toEqual(expect.arrayContaining([
      'service.policies.complaint.urgent is not a setting',
      'service.batchSize must be a number',
      'service.colour is not a setting',
      'service.policies.fault.critical.responseMinutes must be a whole number of minutes > 0',
      'service.policies.fault.high.responseMinutes must not exceed resolutionMinutes',
      'service.customerFactors.keyAccount must be in (0, 1]',
      'service.aroundTheClock[0] must be kind:severity, e.g. fault:critical (got "fault:urgent")',
      'service.calendar.workingDays must list ISO weekdays 1 (Monday) to 7 (Sunday), at least one',
      'service.calendar.start must be HH:MM',
      'service.nearBreachRatio must be between 0 and 1 (exclusive)',
      'service.cron must be a cron pattern',
    ]));
  });
});
