import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  coverDays,
  coverDaysAvoiding,
  nextDay,
  type Span,
  spanEnd,
  spanId,
  spanStart,
  weekStart,
} from "../src/spans.ts";

const day = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const kinds = fc.constantFrom<Span[]>(["day"], ["week", "day"], ["month", "week", "day"], ["month", "day"]);

describe("local calendar spans", () => {
  it("weeks start on Monday and months on the 1st", () => {
    expect(weekStart("2026-03-05")).toBe("2026-03-02");
    expect(weekStart("2026-03-02")).toBe("2026-03-02");
    expect(weekStart("2026-03-01")).toBe("2026-02-23");
    expect(spanStart("month", "2024-02-29")).toBe("2024-02-01");
    expect(spanEnd("month", "2024-02-01")).toBe("2024-03-01");
    expect(spanEnd("month", "2026-12-01")).toBe("2027-01-01");
    expect(spanEnd("week", "2026-12-28")).toBe("2027-01-04");
  });

  it("a 90-day period is covered by whole months, then weeks, then days", () => {
    expect(coverDays("2026-09-02", "2026-12-01")).toEqual({
      month: ["2026-10-01", "2026-11-01"],
      week: ["2026-09-07", "2026-09-14", "2026-09-21"],
      day: [
        "2026-09-02",
        "2026-09-03",
        "2026-09-04",
        "2026-09-05",
        "2026-09-06",
        "2026-09-28",
        "2026-09-29",
        "2026-09-30",
      ],
    });
  });

  it("covers every day of the range exactly once with aligned spans of the allowed kinds", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), kinds, (first, length, allowed) => {
        let end = first;
        for (let i = 0; i < length; i++) end = nextDay(end);
        const cover = coverDays(first, end, allowed);
        const covered: string[] = [];
        for (const kind of ["day", "week", "month"] as const) {
          if (!allowed.includes(kind)) expect(cover[kind]).toEqual([]);
          for (const start of cover[kind]) {
            expect(spanStart(kind, start)).toBe(start);
            for (let d = start; d < spanEnd(kind, start); d = nextDay(d)) covered.push(d);
          }
        }
        covered.sort();
        const want: string[] = [];
        for (let d = first; d < end; d = nextDay(d)) want.push(d);
        expect(covered).toEqual(want);
        // Minimal: no whole week or month of an allowed kind is made of single days.
        const single = new Set(cover.day);
        for (const kind of ["week", "month"] as const)
          if (allowed.includes(kind))
            for (const d of cover.day)
              if (spanStart(kind, d) === d) {
                let all = true;
                for (let x = d; x < spanEnd(kind, d); x = nextDay(x)) all &&= single.has(x);
                expect(all).toBe(false);
              }
      }),
      { numRuns: 500 },
    );
  });
});

describe("coverDaysAvoiding", () => {
  it("covers every day once with allowed spans, none of them avoided", () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 200 }),
        kinds,
        fc.array(fc.tuple(fc.constantFrom("week" as const, "month" as const), day), { maxLength: 12 }),
        (first, length, allowed, marks) => {
          let end = first;
          for (let i = 0; i < length; i++) end = nextDay(end);
          const avoid = new Set(marks.map(([k, d]) => spanId(k, spanStart(k, d))));
          const cover = coverDaysAvoiding(first, end, allowed, avoid);
          const seen: string[] = [];
          for (const k of ["day", "week", "month"] as const) {
            if (cover[k].length > 0) expect(k === "day" || allowed.includes(k)).toBe(true);
            for (const s of cover[k]) {
              expect(avoid.has(spanId(k, s))).toBe(false);
              expect(spanStart(k, s)).toBe(s);
              for (let d = s; d < spanEnd(k, s); d = nextDay(d)) seen.push(d);
            }
          }
          const want: string[] = [];
          for (let d = first; d < end; d = nextDay(d)) want.push(d);
          expect(seen.sort()).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("covers an avoided month by its weeks and days, and an avoided week by its days", () => {
    expect(
      coverDaysAvoiding("2026-03-01", "2026-04-01", ["month", "week", "day"], new Set(["month:2026-03-01"])),
    ).toEqual({
      month: [],
      week: ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"],
      day: ["2026-03-01", "2026-03-30", "2026-03-31"],
    });
    expect(
      coverDaysAvoiding(
        "2026-03-01",
        "2026-04-01",
        ["month", "week", "day"],
        new Set(["month:2026-03-01", "week:2026-03-09"]),
      ).day,
    ).toHaveLength(3 + 7);
  });
});
