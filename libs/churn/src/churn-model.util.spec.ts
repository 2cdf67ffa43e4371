import { CHURN_MODEL_VERSION } from './churn.constants';
import type { ChurnExample, ChurnInput } from './churn.types';
import { churnFeatureNames } from './churn-features.util';
import { scoreChurn, trainChurnModel } from './churn-model.util';
import { seededRandom } from './cross-validation.util';
import { rocAuc } from './roc-auc.util';

function customer(overrides: Partial<ChurnInput> = {}): ChurnInput {
  return {
    customerType: 'public_residential',
    tenureMonths: 24,
    fixedLines: 1,
    mobileLines: 0,
    broadband: 'dsl',
    iptv: 0,
    bundles: 0,
    addOns: [],
    contractMonths: 12,
    paymentMethod: 'bank_withholding',
    paperlessBill: false,
    monthlyChargesFen: 6_000,
    totalChargesFen: 144_000,
    senior: false,
    partner: false,
    dependents: false,
    ...overrides,
  };
}

/** Synthetic customers: month-to-month fibre customers in their first year churn, nobody else does. */
function syntheticExamples(n: number, seed: number): ChurnExample[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const tenureMonths = Math.floor(random() * 72);
    const contractMonths = [0, 12, 24][Math.floor(random() * 3)];
    const broadband = (['none', 'dsl', 'fibre'] as const)[Math.floor(random() * 3)];
    const monthlyChargesFen = 2_000 + Math.floor(random() * 10_000);
    const input = customer({ tenureMonths, contractMonths, broadband, monthlyChargesFen, totalChargesFen: tenureMonths * monthlyChargesFen });
    return { input, churned: contractMonths === 0 && broadband === 'fibre' && tenureMonths < 12 };
  });
}

describe('trainChurnModel', () => {
  const train = syntheticExamples(3_000, 1);
  const model = trainChurnModel(train, { l2: 0.1 });

  it('learns a separable problem and generalises to new customers', () => {
    const test = syntheticExamples(1_000, 2);
    const auc = rocAuc(
      test.map((e) => scoreChurn(model, e.input).probability),
      test.map((e) => e.churned),
    );
    expect(auc).toBeGreaterThan(0.99);
    expect(scoreChurn(model, customer({ contractMonths: 0, broadband: 'fibre', tenureMonths: 2 })).probability).toBeGreaterThan(0.5);
    expect(scoreChurn(model, customer({ contractMonths: 24, broadband: 'dsl', tenureMonths: 60 })).probability).toBeLessThan(0.05);
  });

  it('produces a JSON-serialisable model with its features, standardisation, config and version', () => {
    const copy = JSON.parse(JSON.stringify(model));
    expect(copy).toMatchObject({ kind: 'churn-logistic', version: CHURN_MODEL_VERSION, featureNames: churnFeatureNames(), trainingRows: 3_000 });
    expect(copy.config.l2).toBe(0.1);
    expect(copy.weights).toHaveLength(copy.featureNames.length);
    const input = customer({ contractMonths: 0, tenureMonths: 3 });
    expect(scoreChurn(copy, input)).toEqual(scoreChurn(model, input));
  });

  it('refuses training data with only one class, and a model of another version', () => {
    expect(() => trainChurnModel(train.filter((e) => !e.churned))).toThrow(/both churned and retained/);
    expect(() => scoreChurn({ ...model, version: CHURN_MODEL_VERSION + 1 }, customer())).toThrow(/retrain/);
  });
});

describe('scoreChurn', () => {
  const model = trainChurnModel(syntheticExamples(2_000, 3), { topFactors: 100 });

  it('returns a probability and the factors in descending contribution', () => {
    const { probability, factors } = scoreChurn(model, customer({ contractMonths: 0, broadband: 'fibre', tenureMonths: 1 }));
    expect(probability).toBeGreaterThan(0);
    expect(probability).toBeLessThan(1);
    expect(factors.length).toBeGreaterThan(2);
    for (let i = 1; i < factors.length; i++) expect(factors[i - 1].contribution).toBeGreaterThanOrEqual(factors[i].contribution);
    expect(factors[0].contribution).toBeGreaterThan(0);
    expect(factors.map((f) => f.feature)).toContain('contract_month_to_month');
  });

  it('has contributions that add up, with the intercept, to the log-odds', () => {
    const { probability, factors } = scoreChurn(model, customer({ tenureMonths: 40 }));
    const logOdds = factors.reduce((s, f) => s + f.contribution, model.intercept);
    expect(probability).toBeCloseTo(1 / (1 + Math.exp(-logOdds)), 12);
  });

  it('returns only the configured number of factors', () => {
    const top3 = { ...model, config: { ...model.config, topFactors: 3 } };
    const all = scoreChurn(model, customer({ contractMonths: 0 })).factors;
    expect(scoreChurn(top3, customer({ contractMonths: 0 })).factors).toEqual(all.slice(0, 3));
  });
});
