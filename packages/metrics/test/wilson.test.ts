import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wilsonInterval, wilsonIntervalForProportion } from "../src/wilson.ts";

function expectInterval(actual: [number, number] | null, expected: [number, number]): void {
  expect(actual).not.toBeNull();
  expect(actual![0]).toBeCloseTo(expected[0], 4);
  expect(actual![1]).toBeCloseTo(expected[1], 4);
}

describe("wilsonInterval", () => {
  it("matches Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (score, no continuity correction)", () => {
    expectInterval(wilsonInterval(81, 263), [0.2553, 0.3662]);
    expectInterval(wilsonInterval(15, 148), [0.0624, 0.1605]);
    expectInterval(wilsonInterval(0, 20), [0, 0.1611]);
    expectInterval(wilsonInterval(1, 29), [0.0061, 0.1718]);
  });

  it("matches the closed form on small samples", () => {
    // (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964, to 4 decimals
    expectInterval(wilsonInterval(1, 2), [0.0945, 0.9055]);
    expectInterval(wilsonInterval(8, 10), [0.4902, 0.9433]);
    expectInterval(wilsonInterval(0, 10), [0, 0.2775]);
    expectInterval(wilsonInterval(10, 10), [0.7225, 1]);
  });

  it("is exactly 0 / 1 at the edges and null without trials", () => {
    expect(wilsonInterval(0, 10)![0]).toBe(0);
    expect(wilsonInterval(10, 10)![1]).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0, -1)).toThrow(RangeError);
  });

  it("contains the observed proportion, stays in [0, 1] and is symmetric under swapping outcomes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([k, n]) => {
          const [lo, hi] = wilsonInterval(k, n)!;
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
          const [lo2, hi2] = wilsonInterval(n - k, n)!;
          expect(lo2).toBeCloseTo(1 - hi, 12);
          expect(hi2).toBeCloseTo(1 - lo, 12);
        },
      ),
    );
  });

  it("narrows to a point for an infinite effective sample", () => {
    expect(wilsonIntervalForProportion(0.3, Number.POSITIVE_INFINITY)).toEqual([0.3, 0.3]);
  });
});
