import { seededRandom } from './cross-validation.util';
import { rocAuc } from './roc-auc.util';

/** Brute force over all positive/negative pairs, ties counting ½: the definition rocAuc must match. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let sum = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((n, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      sum += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return sum / pairs;
}

describe('rocAuc', () => {
  it('is 1 when every positive scores above every negative', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
  });

  it('is 0 when the order is inverted', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts ties as one half', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // positives 0.4 and 0.7, negatives 0.4 and 0.2: pairs (0.4,0.4)=½, (0.4,0.2)=1, (0.7,·)=1+1 → 3.5/4
    expect(rocAuc([0.4, 0.7, 0.4, 0.2], [1, 1, 0, 0])).toBe(0.875);
  });

  it('matches the pairwise definition on random scores with many ties', () => {
    const random = seededRandom(1);
    const scores = Array.from({ length: 300 }, () => Math.floor(random() * 10));
    const labels = scores.map((s) => (random() < 0.2 + s / 15 ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it('is about 0.5 for scores unrelated to the labels', () => {
    const random = seededRandom(42);
    const scores = Array.from({ length: 20_000 }, () => random());
    const labels = scores.map(() => (random() < 0.3 ? 1 : 0));
    expect(Math.abs(rocAuc(scores, labels) - 0.5)).toBeLessThan(0.02);
  });

  it('accepts boolean labels and does not depend on input order', () => {
    expect(rocAuc([0.9, 0.1, 0.6, 0.3], [true, false, false, true])).toBe(0.75);
  });

  it('is NaN when one class is missing, and rejects mismatched lengths', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(() => rocAuc([0.1], [1, 0])).toThrow();
  });
});
