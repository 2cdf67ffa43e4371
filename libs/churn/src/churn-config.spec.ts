import { SettingsError } from '@crm/config';
import { DEFAULT_CHURN_OPERATIONS_CONFIG, resolveChurnConfig } from './churn-records.constants';

describe('resolveChurnConfig (CRM_CHURN_CONFIG)', () => {
  it('answers the defaults without overrides', () => {
    expect(resolveChurnConfig()).toEqual(DEFAULT_CHURN_OPERATIONS_CONFIG);
    expect(resolveChurnConfig().riskBands).toEqual({ medium: 0.3, high: 0.6 });
  });

  it('overlays a subset, nested sections included', () => {
    const cfg = resolveChurnConfig({ usageDropFraction: 0.5, riskBands: { high: 0.7 }, model: { l2: 3 } });
    expect(cfg.usageDropFraction).toBe(0.5);
    expect(cfg.riskBands).toEqual({ medium: 0.3, high: 0.7 });
    expect(cfg.model).toMatchObject({ l2: 3, maxIterations: DEFAULT_CHURN_OPERATIONS_CONFIG.model.maxIterations });
    expect(DEFAULT_CHURN_OPERATIONS_CONFIG.model.l2).toBe(10);
  });

  it('names every problem', () => {
    let error: SettingsError | undefined;
    try {
      resolveChurnConfig({ usageDropFraction: 1.5, windowDays: 0, riskBands: { medium: 0.8 }, model: { topFactors: 0 }, detectCron: 'nightly', colour: 'red' });
    } catch (e) {
      error = e as SettingsError;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect(error!.variable).toBe('CRM_CHURN_CONFIG');
    expect(error!.problems).toEqual(expect.arrayContaining([
      'churn.colour is not a setting',
      'churn.windowDays must be an integer 1–366',
      'churn.usageDropFraction must lie strictly between 0 and 1',
      'churn.riskBands must satisfy 0 < medium < high < 1',
      'churn.model.topFactors must be an integer 1–1000',
      'churn.detectCron must be a cron pattern',
    ]));
  });
});
