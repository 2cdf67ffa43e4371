import { SettingsError } from '@crm/config';
import { DEFAULT_SERVICE_CARE_CONFIG, resolveServiceCareConfig } from './service-care.config';

describe('service care configuration', () => {
  it('defaults when nothing is given', () => {
    expect(resolveServiceCareConfig()).toEqual(DEFAULT_SERVICE_CARE_CONFIG);
    expect(resolveServiceCareConfig({})).toEqual(DEFAULT_SERVICE_CARE_CONFIG);
    expect(DEFAULT_SERVICE_CARE_CONFIG.keyAccountVisit.cadenceDays).toBe(90);
  });

  it('overrides any subset, keeping the other defaults', () => {
    const c = resolveServiceCareConfig({ keyAccountVisit: { cadenceDays: 60 }, outage: { minHours: 2 }, cron: '0 4 * * *' });
    expect(c.keyAccountVisit).toEqual({ enabled: true, cadenceDays: 60, leadDays: 7 });
    expect(c.outage).toEqual({ ...DEFAULT_SERVICE_CARE_CONFIG.outage, minHours: 2 });
    expect(c.cron).toBe('0 4 * * *');
    expect(c.anniversary).toEqual(DEFAULT_SERVICE_CARE_CONFIG.anniversary);
  });

  it('refuses bad JSON, unknown keys, wrong types and values out of range, naming each', () => {
    expect(() => resolveServiceCareConfig([1])).toThrow(SettingsError);
    expect(() => resolveServiceCareConfig([1])).toThrow(/CRM_SERVICE_CARE_CONFIG[\s\S]*serviceCare must be an object/);
    expect(() => resolveServiceCareConfig({ keyAccountVisit: { cadence: 30 } })).toThrow(/keyAccountVisit\.cadence is not a setting/);
    expect(() => resolveServiceCareConfig({ outage: { minHours: '4' } })).toThrow(/outage\.minHours must be a number/);
    expect(() => resolveServiceCareConfig({ anniversary: 'yes' })).toThrow(/anniversary must be an object/);
    expect(() => resolveServiceCareConfig({ keyAccountVisit: { cadenceDays: 0 } })).toThrow(/keyAccountVisit\.cadenceDays must be an integer 1–3650/);
    expect(() => resolveServiceCareConfig({ outage: { lookbackDays: 1.5 } })).toThrow(/outage\.lookbackDays must be an integer/);
    expect(() => resolveServiceCareConfig({ cron: 'daily' })).toThrow(/cron must be a cron pattern/);
    expect(() => resolveServiceCareConfig({ anniversary: { enabled: 'no' } })).toThrow(/anniversary\.enabled must be a boolean/);
    try {
      resolveServiceCareConfig({ batchSize: -1, bogus: 1 });
      throw new Error('no error');
    } catch (e) {
      expect((e as Error).message).toMatch(/bogus is not a setting/);
      expect((e as Error).message).toMatch(/batchSize must be an integer/);
    }
  });
});
