import { seededRandom } from './cross-validation.util';
import { columnStats, fitLogistic, predictProbability, sigmoid, solveSpd } from './logistic-regression.util';

describe('logistic regression', () => {
  it('solves a symmetric positive-definite system', () => {
    const x = solveSpd(
      [
        [4, 1, 0],
        [1, 3, 1],
        [0, 1, 2],
      ],
      [1, 2, 3],
    );
    const back = [4 * x[0] + x[1], x[0] + 3 * x[1] + x[2], x[1] + 2 * x[2]];
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i], 12));
  });

  it('gives a constant column sd 1 so that it standardises to 0', () => {
    expect(columnStats([[1, 5], [3, 5]])).toEqual({ means: [2, 5], sds: [1, 1] });
  });

  it('recovers the coefficients of data drawn from a logistic model', () => {
    const random = seededRandom(5);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = random() * 4 - 2;
      const b = random() * 2;
      x.push([a, b]);
      y.push(random() < sigmoid(-1 + 1.5 * a - 2 * b) ? 1 : 0);
    }
    const fit = fitLogistic(x, y, { l2: 1e-6, maxIterations: 50, tolerance: 1e-10 });
    // back to the raw scale: w_raw = w / sd, intercept_raw = intercept − Σ w mean / sd
    const raw = fit.weights.map((w, j) => w / fit.sds[j]);
    const intercept = fit.intercept - fit.weights.reduce((s, w, j) => s + (w * fit.means[j]) / fit.sds[j], 0);
    // within sampling error of 20,000 draws (standard errors ≈ 0.03–0.05)
    expect(Math.abs(raw[0] - 1.5)).toBeLessThan(0.15);
    expect(Math.abs(raw[1] + 2)).toBeLessThan(0.15);
    expect(Math.abs(intercept + 1)).toBeLessThan(0.15);
    expect(predictProbability(fit, [0, 0])).toBeCloseTo(sigmoid(intercept), 10);
  });

  it('stays finite on a perfectly separable problem thanks to the penalty', () => {
    const x = [[0], [1], [2], [3]];
    const fit = fitLogistic(x, [0, 0, 1, 1], { l2: 0.1, maxIterations: 100, tolerance: 1e-10 });
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    expect(predictProbability(fit, [3])).toBeGreaterThan(0.9);
    expect(predictProbability(fit, [0])).toBeLessThan(0.1);
  });
});
