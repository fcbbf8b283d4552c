import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeBuckets, forEachBucket } from "../src/projections/sketch-spans.ts";

/**
 * A span sketch is stored as text, compared byte for byte with a rebuild's: the same buckets
 * must give the same text whatever order they were added in, and read back as they were.
 */
const buckets = fc
  .array(fc.tuple(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -5, max: 5 })), { maxLength: 60 })
  .map((pairs) => {
    const m = new Map<number, number>();
    for (const [b, n] of pairs) m.set(b, (m.get(b) ?? 0) + n);
    return m;
  });

describe("encodeBuckets", () => {
  it("reads back every non-zero bucket, in bucket order, whatever the insertion order", () => {
    fc.assert(
      fc.property(buckets, (m) => {
        const text = encodeBuckets(m);
        expect(encodeBuckets(new Map([...m].reverse()))).toBe(text);
        const back: Array<[number, number]> = [];
        forEachBucket(text, (b, n) => back.push([b, n]));
        expect(back).toEqual([...m].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes an empty sketch as []", () => {
    expect(encodeBuckets(new Map([[3, 0]]))).toBe("[]");
    expect(
      encodeBuckets(
        new Map([
          [9, 4],
          [-3, 2],
        ]),
      ),
    ).toBe("[-3,2,9,4]");
  });
});
