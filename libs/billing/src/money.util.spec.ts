import { allocateProportionally } from './money.util';

describe('allocateProportionally', () => {
  it('splits in proportion and the parts add up to the total (largest remainder)', () => {
    expect(allocateProportionally(4_000, [4_900, 3_000, 100])).toEqual([2_450, 1_500, 50]);
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(7, [2, 3])).toEqual([3, 4]);
    for (const [total, weights] of [[999, [7, 13, 29, 1]], [1, [5, 5]], [12_345, [1, 0, 2]]] as [number, number[]][]) {
      expect(allocateProportionally(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('gives nothing to zero or negative weights, and nothing at all for a non-positive total', () => {
    expect(allocateProportionally(10, [0, -5, 5])).toEqual([0, 0, 10]);
    expect(allocateProportionally(0, [1, 2])).toEqual([0, 0]);
    expect(allocateProportionally(10, [0, 0])).toEqual([0, 0]);
  });
});
