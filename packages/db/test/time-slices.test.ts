import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeSlices } from "../src/time-slices.ts";

const instant = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

describe("cutting a period into the parts of an exact read", () => {
  it("gives at least one and at most n slices that cover [from, to) end to end, in order", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 400 * 86_400_000 }),
        fc.integer({ min: 0, max: 100 }),
        (from, length, n) => {
          const to = new Date(Date.parse(from) + length).toISOString();
          const slices = timeSlices(from, to, n);
          expect(slices.length).toBeGreaterThanOrEqual(1);
          expect(slices.length).toBeLessThanOrEqual(Math.max(1, n));
          expect(slices[0]?.from).toBe(from);
          expect(slices.at(-1)?.to).toBe(to);
          for (const [i, s] of slices.entries()) {
            expect(s.from < s.to).toBe(true);
            if (i > 0) expect(s.from).toBe(slices[i - 1]?.to);
          }
        },
      ),
    );
  });

  it("cuts 90 days into equal parts", () => {
    expect(timeSlices("2026-09-02T00:00:00.000Z", "2026-12-01T00:00:00.000Z", 3)).toEqual([
      { from: "2026-09-02T00:00:00.000Z", to: "2026-10-02T00:00:00.000Z" },
      { from: "2026-10-02T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z" },
      { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
    ]);
  });
});
