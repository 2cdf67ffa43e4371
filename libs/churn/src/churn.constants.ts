import type { ChurnModelConfig } from './churn.types';

/** Bumped whenever the features or the model format change: a stored model of another version is refused. */
export const CHURN_MODEL_VERSION = 1;

/**
 * Default hyper-parameters. `l2` was chosen by 5-fold cross-validation on the Telco training
 * file (docs/churn.md): the AUC is flat between 1 and 30, so a middle value is used.
 */
export const DEFAULT_CHURN_CONFIG: Readonly<ChurnModelConfig> = Object.freeze({
  l2: 10,
  maxIterations: 50,
  tolerance: 1e-8,
  topFactors: 5,
  newCustomerMonths: 6,
});

/** Cross-validation defaults: folds and the seed of the fold shuffle. */
export const DEFAULT_CV_FOLDS = 5;
export const DEFAULT_CV_SEED = 20261201;
