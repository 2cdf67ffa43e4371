import type { LogisticParameters } from './churn.types';

export interface LogisticFitOptions {
  /** L2 penalty on the standardised weights (not on the intercept). */
  l2: number;
  maxIterations: number;
  /** Stop when the largest change of a parameter in one Newton step is below this. */
  tolerance: number;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Column means and standard deviations (population); a constant column gets sd 1 so it standardises to 0. */
export function columnStats(rows: readonly number[][]): { means: number[]; sds: number[] } {
  const d = rows[0]?.length ?? 0;
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j] += r[j] / rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) sds[j] += (r[j] - means[j]) ** 2 / rows.length;
  for (let j = 0; j < d; j++) sds[j] = sds[j] > 1e-12 ? Math.sqrt(sds[j]) : 1;
  return { means, sds };
}

export function standardise(row: readonly number[], means: readonly number[], sds: readonly number[]): number[] {
  return row.map((v, j) => (v - means[j]) / sds[j]);
}

/** Solves A x = b for a symmetric positive-definite A (Cholesky); A and b are not modified. */
export function solveSpd(a: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (s <= 0) throw new Error('matrix is not positive definite');
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/**
 * L2-penalised logistic regression fitted by Newton's method (IRLS) on standardised features:
 * minimises Σ log-loss + l2/2 · ‖w‖². Deterministic; converges in a handful of steps.
 */
export function fitLogistic(x: readonly number[][], y: readonly number[], options: LogisticFitOptions): LogisticParameters {
  if (x.length === 0 || x.length !== y.length) throw new Error('fitLogistic needs as many labels as rows, and at least one row');
  const { means, sds } = columnStats(x);
  const z = x.map((r) => standardise(r, means, sds));
  const d = means.length;
  const p = d + 1; // parameter 0 is the intercept
  const beta = new Array<number>(p).fill(0);
  const positives = y.reduce((s, v) => s + v, 0);
  const rate = Math.min(Math.max(positives / y.length, 1e-6), 1 - 1e-6);
  beta[0] = Math.log(rate / (1 - rate));
  for (let iter = 0; iter < options.maxIterations; iter++) {
    const grad = new Array<number>(p).fill(0);
    const hess = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < z.length; i++) {
      const row = z[i];
      let eta = beta[0];
      for (let j = 0; j < d; j++) eta += beta[j + 1] * row[j];
      const mu = sigmoid(eta);
      const w = Math.max(mu * (1 - mu), 1e-10);
      const r = mu - y[i];
      grad[0] += r;
      hess[0][0] += w;
      for (let j = 0; j < d; j++) {
        const vj = row[j];
        grad[j + 1] += r * vj;
        const wv = w * vj;
        hess[0][j + 1] += wv;
        for (let k = 0; k <= j; k++) hess[j + 1][k + 1] += wv * row[k];
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j] += options.l2 * beta[j];
      hess[j][j] += options.l2 + 1e-9;
      hess[j][0] = hess[0][j];
      for (let k = 1; k < j; k++) hess[k][j] = hess[j][k];
    }
    hess[0][0] += 1e-9;
    const step = solveSpd(hess, grad);
    // Damped Newton: halve the step until the penalised loss does not rise (pure Newton can
    // overshoot when the classes are (nearly) separable and the probabilities saturate).
    const before = penalisedLoss(z, y, beta, options.l2);
    let scale = 1;
    let candidate = beta.map((b, j) => b - step[j]);
    while (penalisedLoss(z, y, candidate, options.l2) > before && scale > 1e-6) {
      scale /= 2;
      candidate = beta.map((b, j) => b - scale * step[j]);
    }
    let largest = 0;
    for (let j = 0; j < p; j++) {
      largest = Math.max(largest, Math.abs(candidate[j] - beta[j]));
      beta[j] = candidate[j];
    }
    if (largest < options.tolerance) break;
  }
  return { intercept: beta[0], weights: beta.slice(1), means, sds };
}

/** Σ log-loss + l2/2 · ‖w‖² (intercept not penalised), computed stably. */
function penalisedLoss(z: readonly number[][], y: readonly number[], beta: readonly number[], l2: number): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    let eta = beta[0];
    for (let j = 0; j < z[i].length; j++) eta += beta[j + 1] * z[i][j];
    // log(1 + e^eta) − y·eta, without overflow
    loss += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y[i] * eta;
  }
  for (let j = 1; j < beta.length; j++) loss += (l2 / 2) * beta[j] ** 2;
  return loss;
}

/** Linear predictor (log-odds) of one raw feature row. */
export function logOdds(params: LogisticParameters, row: readonly number[]): number {
  let eta = params.intercept;
  for (let j = 0; j < params.weights.length; j++) eta += (params.weights[j] * (row[j] - params.means[j])) / params.sds[j];
  return eta;
}

export function predictProbability(params: LogisticParameters, row: readonly number[]): number {
  return sigmoid(logOdds(params, row));
}
