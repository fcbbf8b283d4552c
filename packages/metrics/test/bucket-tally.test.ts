import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BucketTally } from "../src/bucket-tally.ts";
import { bucketIndex, DEFAULT_SKETCH_MAPPING, Sketch, ZERO_BUCKET_INDEX } from "../src/ddsketch.ts";
import { OverviewAccumulator } from "../src/overview.ts";
import { ticketFacts } from "./ticket-facts-fixture.ts";

/** A stored sketch flat: indices a duration can map to (the zero bucket too) with positive counts. */
const index = fc.oneof(
  fc.constant(ZERO_BUCKET_INDEX),
  fc.integer({ min: 0, max: 90 * 86_400 }).map((seconds) => bucketIndex(seconds)),
  fc.integer({ min: DEFAULT_SKETCH_MAPPING.minIndex, max: DEFAULT_SKETCH_MAPPING.maxIndex }),
);
const stored = fc
  .array(fc.tuple(index, fc.integer({ min: 1, max: 1_000_000 })), { maxLength: 40 })
  .map((pairs) => pairs.flat());

describe("BucketTally", () => {
  it("sums stored sketches to the buckets a Sketch gives them pair by pair", () => {
    fc.assert(
      fc.property(fc.array(stored, { maxLength: 30 }), (rows) => {
        const tally = new BucketTally();
        const sketch = new Sketch();
        for (const flat of rows) {
          tally.addFlat(flat);
          for (let i = 0; i < flat.length; i += 2) sketch.addToBucket(flat[i] as number, flat[i + 1] as number);
        }
        expect(tally.pairs()).toEqual(sketch.toBuckets());
      }),
    );
  });

  it("gives an accumulator the percentiles it gets from the same pairs one by one, removals too", () => {
    fc.assert(
      fc.property(fc.array(stored, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 3_600 }), (rows, v) => {
        const flat = new OverviewAccumulator("sketch");
        const pairs = new OverviewAccumulator("sketch");
        for (const row of rows) {
          flat.addFlatBuckets("frt", row);
          const list: Array<[number, number]> = [];
          for (let i = 0; i < row.length; i += 2) list.push([row[i] as number, row[i + 1] as number]);
          pairs.addBuckets("frt", list);
        }
        // A rollup corrected for a ticket: its value is added, then taken out again.
        for (const acc of [flat, pairs]) {
          acc.addFlatBuckets("frt", [bucketIndex(v), 1]);
          acc.addBuckets("resolution", [[bucketIndex(v), 1]]);
        }
        const facts = ticketFacts({
          frtSeconds: v,
          solved: true,
          resolutionSeconds: v,
          lastEventAt: "2026-11-02T10:00:00.000Z",
        });
        for (const acc of [flat, pairs]) acc.removeTicket(facts);
        expect(flat.finalize()).toEqual(pairs.finalize());
      }),
    );
  });

  it("refuses what a Sketch refuses, and skips empty counts", () => {
    expect(() => new BucketTally().addFlat([5, 1.5])).toThrow(RangeError);
    expect(() => new BucketTally().addFlat([DEFAULT_SKETCH_MAPPING.maxIndex + 1, 1])).toThrow(RangeError);
    expect(() => new BucketTally().addFlat([2.5, 1])).toThrow(RangeError);
    expect(new BucketTally().addFlat([7, 0, 8, -1, 9, 2]).pairs()).toEqual([[9, 2]]);
  });
});
