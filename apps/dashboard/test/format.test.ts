import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pointChange, relativeChange } from "../src/lib/change.ts";
import { addDays, localDate, parseDate, startOfLocalDay } from "../src/lib/date-range.ts";
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatInterval,
  formatPercent,
  formatPeriod,
  formatScore,
  formatScoreOutOf100,
} from "../src/lib/format.ts";

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [45, "45s"],
    [59.6, "1m"],
    [90, "1m 30s"],
    [750, "12m 30s"],
    [3_600, "1h"],
    [11_520, "3h 12m"],
    [11_545, "3h 12m"],
    [86_390, "1d"],
    [187_200, "2d 4h"],
    [172_800, "2d"],
    [-5_400, "-1h 30m"],
  ])("%s seconds -> %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("shows a dash when there is no data", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("formatPercent and friends", () => {
  it("formats fractions as percentages", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(0.5, 0)).toBe("50%");
    expect(formatPercent(null)).toBe("—");
  });
  it("formats intervals, counts, scores and instants", () => {
    expect(formatInterval([0.8, 0.89])).toBe("80.0–89.0%");
    expect(formatInterval(null)).toBe("—");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatScore(84.25)).toBe("84.3");
    expect(formatScoreOutOf100(75)).toBe("75.0 / 100");
    expect(formatScoreOutOf100(null)).toBe("—");
    expect(formatDateTime("2026-03-02T09:15:00Z")).toBe("2 Mar 2026, 09:15 UTC");
  });
});

const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "America/Santiago"];

describe("dates and instants in the store's time zone", () => {
  it("labels a Berlin bucket with its own day, not the UTC day before", () => {
    const bucket = "2026-03-01T23:00:00.000Z"; // Berlin's midnight of 2 March
    expect(formatDay(bucket, "Europe/Berlin")).toBe("2 Mar");
    expect(formatDate(bucket, "Europe/Berlin")).toBe("2 Mar 2026");
    expect(formatDay(bucket)).toBe("1 Mar");
  });

  it("shows an instant on the store's wall clock with the zone's name", () => {
    expect(formatDateTime("2026-03-02T09:15:00Z", "America/New_York")).toBe("2 Mar 2026, 04:15 EST");
    expect(formatDateTime("2026-07-02T09:15:00Z", "America/New_York")).toBe("2 Jul 2026, 05:15 EDT");
    expect(formatDateTime("2026-03-02T09:15:00Z", "Europe/Berlin")).toBe("2 Mar 2026, 10:15 GMT+1");
    expect(formatDateTime("2026-03-02T09:15:00Z", "Asia/Kolkata")).toBe("2 Mar 2026, 14:45 GMT+5:30");
  });

  it("leaves UTC output as it was", () => {
    expect(formatDateTime("2026-03-02T09:15:00Z")).toBe("2 Mar 2026, 09:15 UTC");
    expect(formatDateTime("2026-03-02T09:15:00Z", "UTC")).toBe("2 Mar 2026, 09:15 UTC");
    expect(formatDate("2026-03-02T00:00:00.000Z", "UTC")).toBe("2 Mar 2026");
    expect(formatDay("2026-03-02T00:00:00.000Z", "UTC")).toBe("2 Mar");
    expect(formatDateTime(null, "Europe/Berlin")).toBe("—");
    expect(formatDate("not a date", "Europe/Berlin")).toBe("not a date");
  });

  it("shows a period by the local days it covers, its exclusive end left out", () => {
    expect(formatPeriod("2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z")).toBe("1 Mar 2026 – 31 Mar 2026");
    // Berlin's March: from its midnight of 1 March to its midnight of 1 April.
    expect(formatPeriod("2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z", "Europe/Berlin")).toBe(
      "1 Mar 2026 – 31 Mar 2026",
    );
    expect(formatPeriod("2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z")).toBe("2 Mar 2026 – 2 Mar 2026");
    expect(formatPeriod("nope", "2026-03-03T00:00:00.000Z")).toBe("nope – 2026-03-03T00:00:00.000Z");
  });

  it("names a local day by its first and last instant in every zone (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (instant, tz) => {
          const date = localDate(instant, tz);
          const first = startOfLocalDay(date, tz);
          const last = new Date(startOfLocalDay(addDays(date, 1), tz).getTime() - 1);
          // The date as UTC formats it (unchanged): "2 Mar 2026".
          const named = formatDate(parseDate(date)?.toISOString(), "UTC");
          expect(formatDate(first.toISOString(), tz)).toBe(named);
          expect(formatDate(last.toISOString(), tz)).toBe(named);
          expect(formatDay(first.toISOString(), tz)).toBe(formatDay(`${date}T00:00:00.000Z`, "UTC"));
          expect(formatDateTime(instant.toISOString(), tz).startsWith(`${named}, `)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("changes against the previous period", () => {
  it("gives relative changes for counts and durations", () => {
    expect(relativeChange(1234, 1100, "neutral")).toEqual({ text: "+12.2%", direction: "up", good: null });
    expect(relativeChange(11_520, 12_800, "lower")).toEqual({ text: "-10.0%", direction: "down", good: true });
    expect(relativeChange(14_000, 12_800, "lower")?.good).toBe(false);
    expect(relativeChange(5, 0, "higher")).toBeNull();
    expect(relativeChange(0, 0, "higher")?.text).toBe("no change");
    expect(relativeChange(null, 3, "higher")).toBeNull();
  });
  it("gives point changes for rates and scores", () => {
    expect(pointChange(0.85, 0.8, "higher", "rate")).toEqual({ text: "+5.0 pp", direction: "up", good: true });
    expect(pointChange(0.1, 0.125, "lower", "rate")).toEqual({ text: "-2.5 pp", direction: "down", good: true });
    expect(pointChange(84.2, 82.7, "higher", "score")?.text).toBe("+1.5 pts");
    expect(pointChange(0.5, 0.5, "higher", "rate")?.text).toBe("no change");
    expect(pointChange(0.5, null, "higher", "rate")).toBeNull();
  });
});
