import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, median, percentileCont, sortedAscending } from "../src/percentile.ts";

describe("percentileCont (PostgreSQL percentile_cont)", () => {
  it("interpolates between the closest ranks", () => {
    // SELECT percentile_cont(ARRAY[0, 0.25, 0.5, 0.9, 1]) WITHIN GROUP (ORDER BY x) FROM unnest('{1,2,3,4}'::float8[]) x
    // -> {1, 1.75, 2.5, 3.7, 4}
    const values = [1, 2, 3, 4];
    expect(percentileCont(values, 0)).toBe(1);
    expect(percentileCont(values, 0.25)).toBe(1.75);
    expect(percentileCont(values, 0.5)).toBe(2.5);
    expect(percentileCont(values, 0.9)).toBeCloseTo(3.7, 12);
    expect(percentileCont(values, 1)).toBe(4);
    expect(percentileCont([10, 20, 30], 0.5)).toBe(20);
    expect(percentileCont([0, 100], 0.9)).toBe(90);
  });

  it("handles one and no values", () => {
    expect(percentileCont([7], 0.3)).toBe(7);
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it("rejects fractions outside [0, 1]", () => {
    expect(() => percentileCont([1], -0.1)).toThrow(RangeError);
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError);
    expect(() => percentileCont([1], Number.NaN)).toThrow(RangeError);
  });

  it("lies between the neighbouring ranks and is monotone in p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const sorted = sortedAscending(values);
          const r = p * (sorted.length - 1);
          const v = percentileCont(sorted, p)!;
          expect(v).toBeGreaterThanOrEqual(sorted[Math.floor(r)]!);
          expect(v).toBeLessThanOrEqual(sorted[Math.ceil(r)]!);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(percentileCont(sorted, lo)!).toBeLessThanOrEqual(percentileCont(sorted, hi)!);
        },
      ),
    );
  });
});

describe("median and mean", () => {
  it("take values in any order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 9, 100])).toBe(10); // numeric, not lexicographic, order
    expect(median([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
  });

  it("mean keeps precision on mixed magnitudes", () => {
    expect(mean([1e16, 1, -1e16, 1])).toBe(0.5);
  });

  it("median does not modify its argument", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
