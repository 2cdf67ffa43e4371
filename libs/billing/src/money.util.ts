import { ValueTransformer } from 'typeorm';

/**
 * `bigint` fen columns as JavaScript numbers. Amounts in fen stay far below 2^53 (90 trillion
 * yuan), so the conversion is exact; pg returns bigint as text otherwise.
 */
export const fenColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** Splits `total` over `weights` in proportion, in integers that add up to `total` (largest remainder). */
export function allocateProportionally(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) * total) / sum);
  const shares = exact.map(Math.floor);
  let rest = total - shares.reduce((a, s) => a + s, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    shares[i] += 1;
    rest -= 1;
  }
  return shares;
}
