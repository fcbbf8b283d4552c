import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha, reviewerDeviation, unitsFromRatings } from "../../src/audit/krippendorff.ts";

/** Transposes coder rows (coders x units) into units (units x coders). */
const byUnit = (coders: Array<Array<number | null>>): Array<Array<number | null>> =>
  coders[0]!.map((_, u) => coders.map((row) => row[u] ?? null));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units,
// missing data. Published: nominal .743, ordinal .815, interval .849, ratio .797.
const _ = null;
const krippendorff2011 = byUnit([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]);

// The example of the Wikipedia article "Krippendorff's alpha" (3 coders, 15 units): nominal 0.691,
// interval 0.811 (also the test values of the `krippendorff` Python package: 0.691358, 0.810845).
const wikipedia = byUnit([
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
]);

describe("krippendorffAlpha", () => {
  it("reproduces Krippendorff (2011)", () => {
    expect(krippendorffAlpha(krippendorff2011, "nominal")!).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(krippendorff2011, "ordinal")!).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(krippendorff2011, "interval")!).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(krippendorff2011, "ratio")!).toBeCloseTo(0.797, 3);
  });

  it("reproduces the Wikipedia example", () => {
    expect(krippendorffAlpha(wikipedia, "nominal")!).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlpha(wikipedia, "interval")!).toBeCloseTo(0.810845, 6);
  });

  it("defaults to ordinal (DESIGN §6)", () => {
    expect(krippendorffAlpha(krippendorff2011)).toBe(krippendorffAlpha(krippendorff2011, "ordinal"));
  });

  it("is 1 for perfect agreement with variation", () => {
    const units = [
      [0, 0, 0],
      [2, 2, null],
      [4, 4, 4],
      [1, null, 1],
    ];
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      expect(krippendorffAlpha(units, level)).toBe(1);
    }
  });

  it("is null when nothing is pairable or nothing varies", () => {
    expect(krippendorffAlpha([], "ordinal")).toBeNull();
    expect(krippendorffAlpha([[1, null], [null, 2], [3]], "ordinal")).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2, 2],
        ],
        "nominal",
      ),
    ).toBeNull();
  });

  it("ignores coder positions and unpairable units", () => {
    const shuffled = krippendorff2011.map((unit) => [...unit].reverse());
    expect(krippendorffAlpha(shuffled, "ordinal")).toBeCloseTo(krippendorffAlpha(krippendorff2011, "ordinal")!, 12);
    expect(krippendorffAlpha([...krippendorff2011, [5, null], [null]], "interval")).toBeCloseTo(
      krippendorffAlpha(krippendorff2011, "interval")!,
      12,
    );
  });

  it("is below zero for systematic disagreement and at most 1", () => {
    expect(
      krippendorffAlpha(
        [
          [0, 4],
          [4, 0],
          [0, 4],
          [4, 0],
        ],
        "ordinal",
      )!,
    ).toBeLessThan(0);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 2, maxLength: 4 }), {
          maxLength: 20,
        }),
        fc.constantFrom("nominal", "ordinal", "interval", "ratio" as const),
        (units, level) => {
          const alpha = krippendorffAlpha(units, level);
          if (alpha !== null) expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
    );
  });

  it("ordinal alpha depends only on the order of the values, not their spacing", () => {
    const stretched = krippendorff2011.map((unit) => unit.map((v) => (v === null ? null : v ** 3 + 10)));
    expect(krippendorffAlpha(stretched, "ordinal")).toBeCloseTo(krippendorffAlpha(krippendorff2011, "ordinal")!, 12);
    expect(krippendorffAlpha(stretched, "interval")).not.toBeCloseTo(
      krippendorffAlpha(krippendorff2011, "interval")!,
      3,
    );
  });

  it("rejects non-finite and (for ratio) negative values", () => {
    expect(() => krippendorffAlpha([[1, Number.NaN]], "nominal")).toThrow(RangeError);
    expect(() => krippendorffAlpha([[1, -1]], "ratio")).toThrow(RangeError);
  });
});

describe("unitsFromRatings and reviewerDeviation", () => {
  const ratings = [
    { unit: "T1", reviewer: "rita", value: 4 },
    { unit: "T1", reviewer: "sam", value: 2 },
    { unit: "T2", reviewer: "rita", value: 3 },
    { unit: "T2", reviewer: "sam", value: 3 },
    { unit: "T2", reviewer: "tom", value: 0 },
    { unit: "T3", reviewer: "tom", value: 4 },
  ];

  it("groups ratings per unit", () => {
    expect(unitsFromRatings(ratings)).toEqual([[4, 2], [3, 3, 0], [4]]);
  });

  it("averages each reviewer's signed deviation from the unit mean over shared units", () => {
    // T1 mean 3: rita +1, sam -1. T2 mean 2: rita +1, sam +1, tom -2. T3 has a single rating: ignored.
    expect(reviewerDeviation(ratings)).toEqual([
      { reviewer: "rita", ratings: 2, meanDeviation: 1 },
      { reviewer: "sam", ratings: 2, meanDeviation: 0 },
      { reviewer: "tom", ratings: 1, meanDeviation: -2 },
    ]);
    expect(reviewerDeviation([{ unit: "T", reviewer: "x", value: 1 }])).toEqual([]);
  });

  it("deviations of a unit sum to zero", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ reviewer: fc.constantFrom("a", "b", "c"), value: fc.integer({ min: 0, max: 4 }) }), {
          minLength: 2,
          maxLength: 6,
        }),
        (rows) => {
          const result = reviewerDeviation(rows.map((r) => ({ ...r, unit: "U" })));
          const total = result.reduce((s, r) => s + r.meanDeviation * r.ratings, 0);
          expect(total).toBeCloseTo(0, 9);
        },
      ),
    );
  });
});
