import { CHURN_MODEL_VERSION, DEFAULT_CHURN_CONFIG } from './churn.constants';
import { churnFeatureNames, churnFeatures } from './churn-features.util';
import type { ChurnExample, ChurnFactor, ChurnInput, ChurnModel, ChurnModelConfig, ChurnScore } from './churn.types';
import { fitLogistic, sigmoid } from './logistic-regression.util';

/** Trains the churn-risk model (penalised logistic regression on churnFeatures) from labelled customers. */
export function trainChurnModel(rows: readonly ChurnExample[], options: Partial<ChurnModelConfig> = {}): ChurnModel {
  const config: ChurnModelConfig = { ...DEFAULT_CHURN_CONFIG, ...options };
  const churned = rows.filter((r) => r.churned).length;
  if (churned === 0 || churned === rows.length) throw new Error('training needs both churned and retained customers');
  const x = rows.map((r) => churnFeatures(r.input, config));
  const y = rows.map((r) => (r.churned ? 1 : 0));
  const params = fitLogistic(x, y, config);
  return {
    kind: 'churn-logistic',
    version: CHURN_MODEL_VERSION,
    featureNames: churnFeatureNames(config),
    ...params,
    config,
    trainedAt: new Date().toISOString(),
    trainingRows: rows.length,
    churnRate: churned / rows.length,
  };
}

/** Checks that a (deserialised) model is one this code can score. */
export function assertChurnModel(model: ChurnModel): void {
  const d = churnFeatureNames(model.config).length;
  if (model.kind !== 'churn-logistic' || model.version !== CHURN_MODEL_VERSION) {
    throw new Error(`churn model ${model.kind} v${model.version} is not ${CHURN_MODEL_VERSION}; retrain it`);
  }
  if ([model.weights, model.means, model.sds, model.featureNames].some((a) => a.length !== d)) {
    throw new Error(`churn model has the wrong number of features (expected ${d})`);
  }
}

/**
 * Churn probability of one customer and the factors behind it: each feature's contribution is its
 * weight × its standardised value, i.e. the log-odds it adds to (or removes from) the risk of a
 * customer with average features. Factors are sorted by contribution, highest first.
 */
export function scoreChurn(model: ChurnModel, input: ChurnInput): ChurnScore {
  assertChurnModel(model);
  const raw = churnFeatures(input, model.config);
  const contributions: ChurnFactor[] = raw.map((value, j) => ({
    feature: model.featureNames[j],
    value,
    contribution: (model.weights[j] * (value - model.means[j])) / model.sds[j],
  }));
  const logOdds = contributions.reduce((s, f) => s + f.contribution, model.intercept);
  const factors = contributions
    .filter((f) => f.contribution !== 0)
    .sort((a, b) => b.contribution - a.contribution || a.feature.localeCompare(b.feature))
    .slice(0, model.config.topFactors);
  return { probability: sigmoid(logOdds), factors };
}
