import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDay, isoOf, MS_PER_DAY } from "../src/local-days.ts";

/** isoOf and formatDay format instants and dates themselves; they must say exactly what Date says. */
describe("isoOf and formatDay agree with Date#toISOString", () => {
  const DATE_RANGE = 8.64e15; // the largest instant a Date holds

  it("for every instant a Date holds, inside years 0000-9999 and outside them", () => {
    fc.assert(
      fc.property(fc.integer({ min: -DATE_RANGE, max: DATE_RANGE }), (ms) => {
        expect(isoOf(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it("for instants of the years a store holds, to the millisecond", () => {
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => {
        expect(isoOf(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it("at the edges: the epoch, leap days, the turn of centuries, the first and last millisecond of 0000-9999", () => {
    const edges = [
      0,
      -1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 1, 28, 12),
      Date.UTC(2100, 2, 1),
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
      Date.UTC(0, 0, 1) - 1,
      -62_167_219_200_000,
      253_402_300_799_999,
      253_402_300_800_000,
    ];
    for (const ms of edges) expect(isoOf(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it("formatDay for every day number a Date holds", () => {
    fc.assert(
      fc.property(fc.integer({ min: -DATE_RANGE / MS_PER_DAY, max: DATE_RANGE / MS_PER_DAY }), (day) => {
        expect(formatDay(day)).toBe(new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
      }),
      { numRuns: 5000 },
    );
  });

  it("a value that is not a whole number of milliseconds is Date's to format (or refuse)", () => {
    expect(isoOf(1.5)).toBe(new Date(1.5).toISOString());
    expect(() => isoOf(Number.NaN)).toThrow(RangeError);
  });
});
