import { crossValidateAuc, seededRandom, stratifiedKFold } from './cross-validation.util';

describe('stratifiedKFold', () => {
  // 103 rows, 29 positives (28%), in a non-random order
  const labels = Array.from({ length: 103 }, (_, i) => (i % 7 === 0 || i % 11 === 0 ? 1 : 0));
  const positives = labels.filter((l) => l === 1).length;

  it('puts every row in exactly one fold', () => {
    const folds = stratifiedKFold(labels, 5, 7);
    expect(folds).toHaveLength(5);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
  });

  it('keeps the class shares of the whole set in every fold (± 1 row)', () => {
    for (const fold of stratifiedKFold(labels, 5, 7)) {
      const pos = fold.filter((i) => labels[i] === 1).length;
      expect(Math.abs(pos - positives / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(fold.length - labels.length / 5)).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(stratifiedKFold(labels, 5, 7)).toEqual(stratifiedKFold(labels, 5, 7));
    expect(stratifiedKFold(labels, 5, 8)).not.toEqual(stratifiedKFold(labels, 5, 7));
  });

  it('rejects impossible fold counts', () => {
    expect(() => stratifiedKFold([0, 1], 3, 1)).toThrow();
    expect(() => stratifiedKFold([0, 1, 0], 1, 1)).toThrow();
  });
});

describe('crossValidateAuc', () => {
  const random = seededRandom(3);
  const rows = Array.from({ length: 200 }, () => {
    const x = random();
    return { x, y: x > 0.5 };
  });

  it('scores each fold with a model fitted without it', () => {
    const seen: number[] = [];
    const result = crossValidateAuc(
      rows,
      (r) => r.y,
      (train) => {
        seen.push(train.length);
        return (r) => r.x;
      },
      5,
      1,
    );
    expect(seen).toEqual([160, 160, 160, 160, 160]);
    expect(result.folds).toEqual([1, 1, 1, 1, 1]);
    expect(result).toMatchObject({ mean: 1, sd: 0 });
  });

  it('reports about 0.5 for a scorer that ignores the inputs', () => {
    const noise = seededRandom(9);
    const result = crossValidateAuc(rows, (r) => r.y, () => () => noise(), 5, 1);
    expect(Math.abs(result.mean - 0.5)).toBeLessThan(0.15);
    expect(result.sd).toBeGreaterThan(0);
  });
});
