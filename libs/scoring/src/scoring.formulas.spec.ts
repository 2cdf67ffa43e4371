import { SettingsError } from '@crm/config';
import { DEFAULT_SCORING_CONFIG, resolveScoringConfig } from './scoring.config';
import { ScoreKind } from './scoring.constants';
import { bandOf, creditList, creditScore, CreditInput, fiveBand, loyaltyScore, LoyaltyInput, punctualityFactor, satisfactionScore, spendTrendFactor, SurveyFactors, usageFactor, weigh } from './scoring.formulas';
import { addMonths, monthsBetween } from './scoring.service';

const cfg = DEFAULT_SCORING_CONFIG;
const survey = (v: number, over: Partial<SurveyFactors> = {}): SurveyFactors => ({
  corporateImage: v, attitude: v, serviceQuality: v, customerCare: v, reliability: v, timeliness: v, security: v, qualityAtPrice: v, priceAtQuality: v, ...over,
});

describe('weigh', () => {
  it('is Σ wᵢvᵢ / Σ wᵢ with shares and contributions that add up to the score', () => {
    const r = weigh({ a: { value: 100, weight: 3 }, b: { value: 0, weight: 1 } });
    expect(r.score).toBe(75);
    expect(r.factors.a).toEqual({ value: 100, weight: 0.75, contribution: 75 });
    expect(r.factors.b).toEqual({ value: 0, weight: 0.25, contribution: 0 });
  });
  it('clamps factor values to 0–100', () => {
    expect(weigh({ a: { value: 180, weight: 1 }, b: { value: -20, weight: 1 } }).score).toBe(50);
  });
});

describe('satisfaction (nine factors in three groups)', () => {
  it('answers the common value when every factor has it', () => {
    expect(satisfactionScore(survey(87), cfg.satisfaction).score).toBe(87);
  });
  it('weights groups 0.40 / 0.35 / 0.25 and factors equally inside a group', () => {
    // service group 100, network 0, value 0 → 40
    const r = satisfactionScore(survey(0, { corporateImage: 100, attitude: 100, serviceQuality: 100, customerCare: 100 }), cfg.satisfaction);
    expect(r.score).toBe(40);
    expect(r.factors.corporateImage).toEqual({ value: 100, weight: 0.1, contribution: 10 });
    expect(r.factors.qualityAtPrice.weight).toBe(0.125);
    // value group only → 25
    expect(satisfactionScore(survey(0, { qualityAtPrice: 100, priceAtQuality: 100 }), cfg.satisfaction).score).toBe(25);
  });
  it('follows configured weights', () => {
    const c = resolveScoringConfig({ satisfaction: { groupWeights: { service: 1, network: 0, value: 0 } } });
    expect(satisfactionScore(survey(0, { corporateImage: 100, attitude: 100, serviceQuality: 100, customerCare: 100 }), c.satisfaction).score).toBe(100);
  });
});

describe('bands', () => {
  it('five bands at 95 / 80 / 60 / 40, inclusive lower bounds', () => {
    const b = (s: number) => bandOf(ScoreKind.Satisfaction, s, cfg);
    expect([100, 95, 94.99, 80, 79.99, 60, 59.99, 40, 39.99, 0].map(b)).toEqual([
      'very_satisfied', 'very_satisfied', 'satisfied', 'satisfied', 'fairly_satisfied', 'fairly_satisfied', 'dissatisfied', 'dissatisfied', 'very_dissatisfied', 'very_dissatisfied',
    ]);
    expect([95, 80, 60, 40, 39].map((s) => bandOf(ScoreKind.Loyalty, s, cfg))).toEqual(['very_loyal', 'loyal', 'fairly_loyal', 'disloyal', 'very_disloyal']);
    expect(fiveBand(50, [90, 70, 50, 30], ['a', 'b', 'c', 'd', 'e'])).toBe('c');
  });
  it('credit lists: red ≥ 80, grey ≥ 50, black below or with a bad record', () => {
    expect([100, 80, 79.99, 50, 49.99].map((s) => creditList(s, cfg.credit))).toEqual(['red', 'red', 'grey', 'grey', 'black']);
    expect(creditList(95, cfg.credit, true)).toBe('black');
    expect(creditList(95, { ...cfg.credit, blackOnBadRecord: false }, true)).toBe('red');
  });
});

describe('shared factors', () => {
  it('punctuality: on-time share, neutral with no bill due', () => {
    expect(punctualityFactor({ billsDue: 4, billsLate: 1 }, cfg.punctuality)).toBe(75);
    expect(punctualityFactor({ billsDue: 0, billsLate: 0 }, cfg.punctuality)).toBe(80);
  });
  it('spend trend: 50 flat, 100 at +50 %, 0 at −50 %', () => {
    expect(spendTrendFactor(100, 100, 0.5)).toBe(50);
    expect(spendTrendFactor(150, 100, 0.5)).toBe(100);
    expect(spendTrendFactor(300, 100, 0.5)).toBe(100);
    expect(spendTrendFactor(50, 100, 0.5)).toBe(0);
    expect(spendTrendFactor(75, 100, 0.5)).toBe(25);
    expect(spendTrendFactor(0, 0, 0.5)).toBe(50);
    expect(spendTrendFactor(10, 0, 0.5)).toBe(100);
  });
  it('usage: 100 up to half the limit, 0 at 1.5 × the limit, neutral without a limit', () => {
    expect(usageFactor(5_000, 10_000, cfg.credit)).toBe(100);
    expect(usageFactor(10_000, 10_000, cfg.credit)).toBe(50);
    expect(usageFactor(15_000, 10_000, cfg.credit)).toBe(0);
    expect(usageFactor(99_000, 0, cfg.credit)).toBe(70);
  });
});

describe('loyalty', () => {
  const base: LoyaltyInput = { tenureMonths: 120, activeProducts: 4, holdsBundle: true, isKeyAccount: false, billsDue: 12, billsLate: 0, recentSpendFen: 150, previousSpendFen: 100 };
  it('is 100 for ten years, four products, a bundle, punctual and growing', () => {
    expect(loyaltyScore(base, cfg.loyalty, cfg.punctuality).score).toBe(100);
  });
  it('weights tenure 0.30, products 0.20, contract 0.15, punctuality 0.20, trend 0.15', () => {
    const r = loyaltyScore({ ...base, tenureMonths: 60, activeProducts: 1, holdsBundle: false, billsLate: 3, recentSpendFen: 100 }, cfg.loyalty, cfg.punctuality);
    // 0.3×50 + 0.2×25 + 0.15×0 + 0.2×75 + 0.15×50 = 15 + 5 + 0 + 15 + 7.5
    expect(r.score).toBe(42.5);
    expect(Object.keys(r.factors)).toEqual(['tenure', 'products', 'contract', 'punctuality', 'spendTrend']);
    expect(r.factors.tenure).toMatchObject({ value: 50, weight: 0.3, contribution: 15, input: { months: 60 } });
  });
  it('gives a key account without a bundle the key-account contract value', () => {
    const r = loyaltyScore({ ...base, holdsBundle: false, isKeyAccount: true }, cfg.loyalty, cfg.punctuality);
    expect(r.factors.contract.value).toBe(70);
  });
});

describe('credit', () => {
  const good: CreditInput = {
    customerType: 'public_residential', keyAccountLevel: null, paymentMethods: ['bank_withholding'], chargesFen: 3_000, creditLimitFen: 10_000,
    billsDue: 6, billsLate: 0, liveArrears: 0, suspensions: 0, writtenOff: 0,
  };
  it('weights nature 0.15, method 0.15, punctuality 0.30, usage 0.15, bad records 0.25', () => {
    const r = creditScore(good, cfg.credit, cfg.punctuality);
    // 0.15×70 + 0.15×100 + 0.3×100 + 0.15×100 + 0.25×100 = 95.5
    expect(r.score).toBe(95.5);
    expect(r.badRecord).toBe(false);
  });
  it('uses the key-account level over the type, and averages payment methods', () => {
    const r = creditScore({ ...good, customerType: 'key_enterprise', keyAccountLevel: 'national', paymentMethods: ['cash', 'bank_withholding'] }, cfg.credit, cfg.punctuality);
    expect(r.factors.nature.value).toBe(100);
    expect(r.factors.paymentMethod.value).toBe(80);
  });
  it('deducts live arrears, and a suspension or a write-off is a bad record', () => {
    const late = creditScore({ ...good, billsLate: 3, liveArrears: 1 }, cfg.credit, cfg.punctuality);
    // punctuality 50, bad records 60: 10.5 + 15 + 15 + 15 + 15 = 70.5
    expect(late.score).toBe(70.5);
    expect(late.badRecord).toBe(false);
    const suspended = creditScore({ ...good, liveArrears: 1, suspensions: 1 }, cfg.credit, cfg.punctuality);
    expect(suspended.badRecord).toBe(true);
    expect(suspended.factors.badRecords.value).toBe(30);
    expect(creditScore({ ...good, liveArrears: 3 }, cfg.credit, cfg.punctuality).factors.badRecords.value).toBe(0);
  });
});

describe('configuration', () => {
  it('defaults are valid', () => {
    expect(resolveScoringConfig({})).toEqual(DEFAULT_SCORING_CONFIG);
  });
  it('applies partial overrides', () => {
    const c = resolveScoringConfig({ credit: { redFrom: 85 }, loyalty: { bands: [90, 75, 55, 35] } });
    expect(c.credit.redFrom).toBe(85);
    expect(c.credit.greyFrom).toBe(50);
    expect(bandOf(ScoreKind.Loyalty, 90, c)).toBe('very_loyal');
  });
  it('names every problem of a wrong file', () => {
    try {
      resolveScoringConfig({ credit: { redFrom: 40, weights: { nature: -1 } }, loyalty: { bands: [80, 90, 60, 40] }, nonsense: 1, satisfaction: { bands: [1, 2] } });
      fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsError);
      const problems = (e as SettingsError).problems.join('\n');
      expect(problems).toMatch(/scoring\.nonsense is not a setting/);
      expect(problems).toMatch(/credit\.weights\.nature must be ≥ 0/);
      expect(problems).toMatch(/loyalty\.bands must be strictly decreasing/);
      expect(problems).toMatch(/redFrom\/greyFrom must be strictly decreasing/);
      expect(problems).toMatch(/satisfaction\.bands must be an array of 4 numbers/);
    }
  });
  it('refuses values of the wrong type', () => {
    expect(() => resolveScoringConfig({ recomputeMaxCustomers: '1000' })).toThrow(/recomputeMaxCustomers must be a number/);
  });
});

describe('periods', () => {
  it('adds months across years and counts completed months', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(monthsBetween('2020-03-15', '2026-03-14')).toBe(71);
    expect(monthsBetween('2020-03-15', '2026-03-15')).toBe(72);
  });
});
