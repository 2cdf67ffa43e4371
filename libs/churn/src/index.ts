export * from './churn.types';
export * from './churn.constants';
export { churnFeatures, churnFeatureNames } from './churn-features.util';
export { trainChurnModel, scoreChurn, assertChurnModel } from './churn-model.util';
export { rocAuc } from './roc-auc.util';
export { stratifiedKFold, crossValidateAuc, seededRandom, type CrossValidationResult } from './cross-validation.util';
export { fitLogistic, predictProbability, sigmoid, type LogisticFitOptions } from './logistic-regression.util';
export * from './telco-csv.util';
export * from './telco-baseline.util';
