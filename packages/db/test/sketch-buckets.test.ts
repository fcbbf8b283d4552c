import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addToBuckets, encodeBuckets, forEachBucket } from "../src/projections/sketch-spans.ts";

/**
 * A stored span sketch merged with a write's changes in one pass must be exactly the text the
 * map-based encoding gives: the rollup tables are compared byte for byte with a rebuild's.
 */
const buckets = fc
  .array(fc.tuple(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -5, max: 5 })), { maxLength: 60 })
  .map((pairs) => {
    const m = new Map<number, number>();
    for (const [b, n] of pairs) m.set(b, (m.get(b) ?? 0) + n);
    return m;
  });

function sum(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): Map<number, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

describe("addToBuckets", () => {
  it("gives the text encodeBuckets gives for the stored sketch plus the changes", () => {
    fc.assert(
      fc.property(buckets, buckets, (stored, changes) => {
        expect(addToBuckets(encodeBuckets(stored), changes)).toBe(encodeBuckets(sum(stored, changes)));
      }),
      { numRuns: 2000 },
    );
  });

  it("drops buckets that fall to zero, keeps bucket order, and reads back what it wrote", () => {
    const stored = encodeBuckets(
      new Map([
        [-3, 2],
        [5, 1],
        [9, 4],
      ]),
    );
    const text = addToBuckets(
      stored,
      new Map([
        [9, -4],
        [0, 3],
        [12, 1],
        [-3, 0],
      ]),
    );
    expect(text).toBe("[-3,2,0,3,5,1,12,1]");
    const back: Array<[number, number]> = [];
    forEachBucket(text, (b, n) => back.push([b, n]));
    expect(back).toEqual([
      [-3, 2],
      [0, 3],
      [5, 1],
      [12, 1],
    ]);
    expect(addToBuckets("[]", new Map())).toBe("[]");
    expect(
      addToBuckets(
        stored,
        new Map([
          [-3, -2],
          [5, -1],
          [9, -4],
        ]),
      ),
    ).toBe("[]");
  });
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
