import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bucketIndex,
  bucketValue,
  DEFAULT_MIN_INDEXABLE_VALUE,
  DEFAULT_SKETCH_MAPPING,
  Sketch,
  SketchMapping,
  ZERO_BUCKET_INDEX,
} from "../src/ddsketch.ts";
import { percentileCont, sortedAscending } from "../src/percentile.ts";

const ALPHA = 0.01;
/** Rounding slack on top of the alpha bound (values on a bucket boundary), plus the zero bucket's absolute error. */
const bound = (exact: number, alpha = ALPHA) => alpha * exact * (1 + 1e-9) + DEFAULT_MIN_INDEXABLE_VALUE;

/** Durations in seconds: zeros, sub-second, typical and huge, mixed in one array. */
const duration = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 86_400 * 30 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
  fc.double({ min: 1e-12, max: 1e-6, noNaN: true }),
);
const durations = fc.array(duration, { minLength: 1, maxLength: 300 });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

describe("bucket mapping", () => {
  it("represents every value within alpha (relative)", () => {
    fc.assert(
      fc.property(fc.double({ min: DEFAULT_MIN_INDEXABLE_VALUE, max: 1e300, noNaN: true }), (x) => {
        const v = bucketValue(bucketIndex(x));
        expect(Math.abs(v - x)).toBeLessThanOrEqual(ALPHA * x * (1 + 1e-9));
      }),
      { numRuns: 2000 },
    );
  });

  it("is monotone", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e15, noNaN: true }),
        fc.double({ min: 0, max: 1e15, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(bucketIndex(lo)).toBeLessThanOrEqual(bucketIndex(hi));
        },
      ),
    );
  });

  it("puts zero (and values below the minimum indexable value) in the zero bucket", () => {
    expect(bucketIndex(0)).toBe(ZERO_BUCKET_INDEX);
    expect(bucketIndex(-0)).toBe(ZERO_BUCKET_INDEX);
    expect(bucketIndex(1e-10)).toBe(ZERO_BUCKET_INDEX);
    expect(bucketValue(ZERO_BUCKET_INDEX)).toBe(0);
    expect(bucketIndex(DEFAULT_MIN_INDEXABLE_VALUE)).toBe(DEFAULT_SKETCH_MAPPING.minIndex);
    expect(bucketIndex(1)).toBe(0);
    expect(DEFAULT_SKETCH_MAPPING.minIndex).toBeGreaterThan(ZERO_BUCKET_INDEX);
  });

  it("rejects negative and non-finite values", () => {
    for (const bad of [-1, -1e-12, Number.NaN, Number.POSITIVE_INFINITY, 1e301]) {
      expect(() => bucketIndex(bad)).toThrow(RangeError);
    }
  });

  it("is cheap", () => {
    let acc = 0;
    const start = performance.now();
    for (let i = 0; i < 1_000_000; i++) acc += bucketIndex(i * 0.37);
    expect(acc).not.toBe(0);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("Sketch.quantileCont", () => {
  it("is within alpha of the exact percentile_cont for p = 0.5, 0.9 and random p", () => {
    fc.assert(
      fc.property(durations, fraction, (values, p) => {
        const sketch = Sketch.of(values);
        const sorted = sortedAscending(values);
        for (const q of [0, 0.5, 0.9, 1, p]) {
          const exact = percentileCont(sorted, q)!;
          const approx = sketch.quantileCont(q)!;
          expect(Math.abs(approx - exact)).toBeLessThanOrEqual(bound(exact));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the bound at another accuracy", () => {
    const mapping = new SketchMapping(0.05);
    fc.assert(
      fc.property(durations, fraction, (values, p) => {
        const exact = percentileCont(sortedAscending(values), p)!;
        const approx = Sketch.of(values, mapping).quantileCont(p)!;
        expect(Math.abs(approx - exact)).toBeLessThanOrEqual(bound(exact, 0.05));
      }),
    );
  });

  it("returns exact zeros and nulls", () => {
    expect(new Sketch().quantileCont(0.5)).toBeNull();
    expect(Sketch.of([0, 0, 0]).quantileCont(0.9)).toBe(0);
    expect(Sketch.of([0, 0, 100]).quantilesCont([0, 0.5])).toEqual([0, 0]);
    expect(() => Sketch.of([1]).quantileCont(1.1)).toThrow(RangeError);
  });

  it("interpolates between ranks like percentile_cont", () => {
    // Exact: ranks 0 and 1 of [0, 100] at p = 0.9 -> 90; the sketch gives 0.9 * bucketValue(100).
    const approx = Sketch.of([0, 100]).quantileCont(0.9)!;
    expect(approx).toBeCloseTo(0.9 * bucketValue(bucketIndex(100)), 12);
    expect(Math.abs(approx - 90)).toBeLessThanOrEqual(0.9);
  });
});

describe("Sketch storage and algebra", () => {
  it("merging two sketches equals the sketch of the concatenation", () => {
    fc.assert(
      fc.property(durations, durations, (a, b) => {
        const merged = Sketch.of(a).merge(Sketch.of(b));
        const whole = Sketch.of([...a, ...b]);
        expect(merged.toBuckets()).toEqual(whole.toBuckets());
        expect(merged.count).toBe(a.length + b.length);
        expect(merged.quantileCont(0.5)).toBe(whole.quantileCont(0.5));
      }),
    );
  });

  it("add then remove restores the buckets exactly", () => {
    fc.assert(
      fc.property(durations, durations, (base, extra) => {
        const sketch = Sketch.of(base);
        const before = sketch.toBuckets();
        for (const v of extra) sketch.add(v);
        for (const v of [...extra].reverse()) sketch.remove(v);
        expect(sketch.toBuckets()).toEqual(before);
        expect(sketch.count).toBe(base.length);
        const other = Sketch.of(base).merge(Sketch.of(extra)).subtract(Sketch.of(extra));
        expect(other.toBuckets()).toEqual(before);
      }),
    );
  });

  it("does not depend on insertion order", () => {
    fc.assert(
      fc.property(
        durations.chain((values) =>
          fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length })),
        ),
        ([values, shuffled]) => {
          expect(Sketch.of(shuffled).toBuckets()).toEqual(Sketch.of(values).toBuckets());
        },
      ),
    );
  });

  it("round-trips through [index, count] pairs, summing repeated indices (SUM ... GROUP BY)", () => {
    fc.assert(
      fc.property(durations, (values) => {
        const sketch = Sketch.of(values);
        expect(Sketch.fromBuckets(sketch.toBuckets()).toBuckets()).toEqual(sketch.toBuckets());
        // One row per value, unaggregated, in any order.
        const rows = values.map((v) => [bucketIndex(v), 1] as const).reverse();
        expect(Sketch.fromBuckets(rows).toBuckets()).toEqual(sketch.toBuckets());
      }),
    );
    expect(
      Sketch.fromBuckets([
        [5, 2],
        [5, 3],
        [7, 0],
      ]).toBuckets(),
    ).toEqual([[5, 5]]);
    expect(new Map(Sketch.of([0, 0, 1]).toBuckets())).toEqual(
      new Map([
        [ZERO_BUCKET_INDEX, 2],
        [0, 1],
      ]),
    );
  });

  it("sorts the zero bucket first", () => {
    const buckets = Sketch.of([5, 0, 1e-3]).toBuckets();
    expect(buckets[0]).toEqual([ZERO_BUCKET_INDEX, 1]);
    expect(buckets.map(([i]) => i)).toEqual([...buckets.map(([i]) => i)].sort((a, b) => a - b));
  });

  it("rejects bad counts, bad indices and over-removal without changing the sketch", () => {
    expect(() => Sketch.fromBuckets([[1, -1]])).toThrow(RangeError);
    expect(() => Sketch.fromBuckets([[1, 1.5]])).toThrow(RangeError);
    expect(() => Sketch.fromBuckets([[0.5, 1]])).toThrow(RangeError);
    expect(() => Sketch.fromBuckets([[-5000, 1]])).toThrow(RangeError);
    const sketch = Sketch.of([1, 2]);
    const before = sketch.toBuckets();
    expect(() => sketch.remove(1000)).toThrow(RangeError);
    expect(() => sketch.remove(1, 2)).toThrow(RangeError);
    expect(() => sketch.subtract(Sketch.of([1, 1000]))).toThrow(RangeError);
    expect(() => sketch.add(1, 0)).toThrow(RangeError);
    expect(sketch.toBuckets()).toEqual(before);
    expect(sketch.count).toBe(2);
  });

  it("adds and removes with counts", () => {
    const sketch = new Sketch().add(10, 3).add(0, 2);
    expect(sketch.count).toBe(5);
    sketch.remove(10, 3);
    expect(sketch.toBuckets()).toEqual([[ZERO_BUCKET_INDEX, 2]]);
  });

  it("refuses to merge sketches with different mappings", () => {
    expect(() => Sketch.of([1]).merge(Sketch.of([1], new SketchMapping(0.02)))).toThrow(RangeError);
    expect(() => Sketch.of([1]).merge(Sketch.of([1], new SketchMapping(0.01, 1e-3)))).toThrow(RangeError);
    expect(Sketch.of([1]).merge(Sketch.of([1], new SketchMapping(0.01))).count).toBe(2);
  });

  it("merges with itself and clones independently", () => {
    const sketch = Sketch.of([1, 2, 3]);
    const copy = sketch.clone();
    sketch.merge(sketch);
    expect(sketch.count).toBe(6);
    expect(copy.count).toBe(3);
  });
});
