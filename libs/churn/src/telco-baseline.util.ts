import { DEFAULT_CHURN_CONFIG } from './churn.constants';
import type { LogisticParameters } from './churn.types';
import { fitLogistic, predictProbability } from './logistic-regression.util';
import { TELCO_COLUMNS, type TelcoRow } from './telco-csv.util';

const NUMERIC = new Set(['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges']);
const IGNORED = new Set(['customerID', 'Churn']);

/**
 * The bar to beat: a plain logistic regression on all the data set's columns as they are —
 * numbers as numbers (blank TotalCharges as 0), every other column one-hot — with the same
 * fitting code and a negligible penalty. Levels come from the training rows only.
 */
export interface TelcoBaselineModel extends LogisticParameters {
  encoding: Array<{ column: string; levels: string[] | null }>;
}

/** L2 penalty of the baseline: just enough to keep the redundant one-hot columns well-posed. */
export const TELCO_BASELINE_L2 = 1e-3;

function encode(row: TelcoRow, encoding: TelcoBaselineModel['encoding']): number[] {
  return encoding.flatMap(({ column, levels }) => {
    const v = row[column as keyof TelcoRow];
    return levels === null ? [v.trim() === '' ? 0 : Number(v)] : levels.map((l) => (v === l ? 1 : 0));
  });
}

export function trainTelcoBaseline(rows: readonly TelcoRow[]): TelcoBaselineModel {
  const encoding = TELCO_COLUMNS.filter((c) => !IGNORED.has(c)).map((column) => ({
    column,
    levels: NUMERIC.has(column) ? null : [...new Set(rows.map((r) => r[column]))].sort(),
  }));
  const params = fitLogistic(
    rows.map((r) => encode(r, encoding)),
    rows.map((r) => (r.Churn === 'Yes' ? 1 : 0)),
    { ...DEFAULT_CHURN_CONFIG, l2: TELCO_BASELINE_L2 },
  );
  return { ...params, encoding };
}

export function scoreTelcoBaseline(model: TelcoBaselineModel, row: TelcoRow): number {
  return predictProbability(model, encode(row, model.encoding));
}
