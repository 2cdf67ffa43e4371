import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSettings, DOMAIN_SETTINGS, overlaySettings, readDomainSettings, SettingsError } from './domain-settings';

describe('readDomainSettings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-domain-settings-'));
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('answers an empty object for every rule set nobody overrides', () => {
    const problems: string[] = [];
    expect(readDomainSettings({}, problems)).toEqual(Object.fromEntries(Object.keys(DOMAIN_SETTINGS).map((k) => [k, {}])));
    expect(problems).toEqual([]);
  });

  it('reads inline JSON and JSON files, each rule set from its own variable', () => {
    const problems: string[] = [];
    const settings = readDomainSettings(
      { CRM_CHURN_CONFIG: '{"usageDropFraction":0.2}', CRM_SEGMENTATION_CONFIG_FILE: file('seg.json', '{"value":{"highFromFen":400000}}') },
      problems,
    );
    expect(problems).toEqual([]);
    expect(settings.churn).toEqual({ usageDropFraction: 0.2 });
    expect(settings.segmentation).toEqual({ value: { highFromFen: 400_000 } });
    expect(settings.scoring).toEqual({});
  });

  it('names the variable of each problem', () => {
    const problems: string[] = [];
    readDomainSettings(
      {
        CRM_CHURN_CONFIG: '{ nope',
        CRM_SEGMENTATION_CONFIG: '[1]',
        CRM_SCORING_CONFIG_FILE: join(dir, 'missing.json'),
        CRM_CUSTOMER_WATCH_CONFIG: '{}',
        CRM_CUSTOMER_WATCH_CONFIG_FILE: file('cw.json', '{}'),
      },
      problems,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^CRM_SCORING_CONFIG_FILE cannot be read as JSON/),
      'CRM_SEGMENTATION_CONFIG must hold a JSON object',
      expect.stringMatching(/^CRM_CHURN_CONFIG cannot be read as JSON/),
      'CRM_CUSTOMER_WATCH_CONFIG and CRM_CUSTOMER_WATCH_CONFIG_FILE are both set: give one',
    ]);
  });
});

describe('overlaySettings', () => {
  const defaults = { a: 1, nested: { b: 'x', list: [1, 2] }, names: ['p'] };

  it('replaces only the keys given and leaves the defaults untouched', () => {
    const problems: string[] = [];
    const out = overlaySettings(defaults, { nested: { list: [5] } }, 'demo', problems);
    expect(out).toEqual({ a: 1, nested: { b: 'x', list: [5] }, names: ['p'] });
    expect(defaults.nested.list).toEqual([1, 2]);
    expect(problems).toEqual([]);
  });

  it('reports unknown keys and values of another type, keeping the default', () => {
    const problems: string[] = [];
    const out = overlaySettings(defaults, { a: '2', extra: 1, nested: 3, names: [1] }, 'demo', problems);
    expect(out).toEqual(defaults);
    expect(problems).toEqual(['demo.a must be a number', 'demo.extra is not a setting', 'demo.nested must be an object', 'demo.names must be an array of strings']);
    expect(overlaySettings(defaults, { a: Number.NaN }, 'demo', [])).toEqual(defaults);
  });

  it('assertSettings throws SettingsError naming the variable and every problem', () => {
    expect(() => assertSettings('churn', [])).not.toThrow();
    try {
      assertSettings('churn', ['churn.x is not a setting', 'churn.y must be a number']);
      fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsError);
      expect((e as SettingsError).variable).toBe('CRM_CHURN_CONFIG');
      expect((e as Error).message).toBe('Invalid settings (CRM_CHURN_CONFIG):\n  - churn.x is not a setting\n  - churn.y must be a number');
    }
  });
});
