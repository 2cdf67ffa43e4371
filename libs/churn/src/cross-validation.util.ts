import { rocAuc } from './roc-auc.util';

/** Small seeded PRNG (mulberry32): the same seed gives the same folds on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Stratified k-fold split: each class is shuffled (seeded) and dealt round-robin over the folds,
 * so every fold holds the same share of each class (± 1 row). Returns the row indices of each fold.
 */
export function stratifiedKFold(labels: readonly (number | boolean)[], k: number, seed: number): number[][] {
  if (k < 2 || k > labels.length) throw new Error(`cannot make ${k} folds of ${labels.length} rows`);
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  const classes = [...new Set(labels.map(Number))].sort((a, b) => a - b);
  let next = 0; // continue dealing where the previous class stopped, so fold sizes stay balanced
  for (const c of classes) {
    const members = shuffle(
      labels.flatMap((l, i) => (Number(l) === c ? [i] : [])),
      random,
    );
    for (const i of members) {
      folds[next].push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}

export interface CrossValidationResult {
  folds: number[];
  mean: number;
  sd: number;
}

/**
 * k-fold cross-validated ROC AUC of a learner: `fit` gets the training rows and returns a scorer,
 * which scores the held-out rows. sd is the sample standard deviation over folds.
 */
export function crossValidateAuc<T>(
  rows: readonly T[],
  label: (row: T) => boolean,
  fit: (train: T[]) => (row: T) => number,
  k: number,
  seed: number,
): CrossValidationResult {
  const labels = rows.map(label);
  const folds = stratifiedKFold(labels, k, seed);
  const aucs = folds.map((test) => {
    const held = new Set(test);
    const score = fit(rows.filter((_, i) => !held.has(i)));
    return rocAuc(
      test.map((i) => score(rows[i])),
      test.map((i) => labels[i]),
    );
  });
  const mean = aucs.reduce((s, v) => s + v, 0) / aucs.length;
  const sd = Math.sqrt(aucs.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, aucs.length - 1));
  return { folds: aucs, mean, sd };
}
