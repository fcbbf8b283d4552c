import { describe, expect, it } from "vitest";
import {
  addDays,
  inclusiveDates,
  localDate,
  nextMidnight,
  previousPeriod,
  rangeInstants,
  startOfLocalDay,
} from "../src/lib/date-range.ts";
import { applyPatch, filtersQuery, filtersToPatch, readFilters } from "../src/lib/url-state.ts";

describe("URL filter state", () => {
  it("round-trips presets and custom ranges through the query string", () => {
    for (const filters of [
      { brand: "jewelry", range: { kind: "preset", days: 7 } },
      { brand: "eyewear", range: { kind: "preset", days: 90 } },
      { brand: "global-goods", range: { kind: "custom", from: "2026-03-01", to: "2026-03-31" } },
    ] as const) {
      const query = filtersQuery(filters);
      expect(readFilters(new URLSearchParams(query))).toEqual(filters);
    }
  });

  it("keeps other parameters and replaces a preset by a custom range (and back)", () => {
    const start = new URLSearchParams("brand=jewelry&range=7d&sort=csatScore&dir=asc");
    const custom = applyPatch(
      start,
      filtersToPatch({ range: { kind: "custom", from: "2026-02-01", to: "2026-02-28" } }),
    );
    expect(custom.toString()).toBe("brand=jewelry&sort=csatScore&dir=asc&from=2026-02-01&to=2026-02-28");
    const back = applyPatch(custom, filtersToPatch({ range: { kind: "preset", days: 30 } }));
    expect(back.get("range")).toBe("30d");
    expect(back.has("from")).toBe(false);
    expect(back.get("sort")).toBe("csatScore");
  });

  it("falls back to the defaults on missing or invalid values", () => {
    expect(readFilters(new URLSearchParams(""))).toEqual({ brand: null, range: { kind: "preset", days: 30 } });
    expect(readFilters(new URLSearchParams("range=12d")).range).toEqual({ kind: "preset", days: 30 });
    expect(readFilters(new URLSearchParams("from=2026-02-30&to=2026-03-01")).range).toEqual({
      kind: "preset",
      days: 30,
    });
    expect(readFilters(new URLSearchParams("from=2026-03-05&to=2026-03-01")).range).toEqual({
      kind: "preset",
      days: 30,
    });
  });
});

describe("date ranges", () => {
  const now = new Date("2026-03-31T15:20:00Z");
  it("presets end at the next midnight", () => {
    expect(nextMidnight(now).toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(rangeInstants({ kind: "preset", days: 7 }, now)).toEqual({
      from: "2026-03-25T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
    });
  });
  it("custom ranges include their last day; the previous period has the same length", () => {
    const r = rangeInstants({ kind: "custom", from: "2026-03-01", to: "2026-03-31" }, now);
    expect(r).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" });
    expect(previousPeriod(r)).toEqual({ from: "2026-01-29T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" });
  });
});

describe("date ranges in a store's time zone", () => {
  const ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Beirut",
  ];
  // Santiago and Beirut change their clocks at midnight: on those days it does not exist.
  const days2026 = Array.from({ length: 365 }, (_, i) => addDays("2026-01-01", i));

  it("a local day starts at an instant of that day, one second after the day before (every day of 2026)", () => {
    for (const tz of ZONES)
      for (const d of days2026) {
        const start = startOfLocalDay(d, tz);
        expect(localDate(start, tz), `${tz} ${d}`).toBe(d);
        expect(localDate(new Date(start.getTime() - 1000), tz), `${tz} ${d}`).toBe(addDays(d, -1));
      }
  });

  it("presets and custom ranges cover whole local days, and the previous period as many days before", () => {
    for (const tz of ZONES)
      for (const d of days2026.filter((_, i) => i % 5 === 0)) {
        const now = new Date(startOfLocalDay(d, tz).getTime() + 13 * 3_600_000);
        const week = rangeInstants({ kind: "preset", days: 7 }, now, tz);
        expect(inclusiveDates(week, tz), `${tz} ${d}`).toEqual({ from: addDays(d, -6), to: d });
        expect(week.to).toBe(nextMidnight(now, tz).toISOString());
        const custom = { kind: "custom" as const, from: addDays(d, -30), to: d };
        const r = rangeInstants(custom, now, tz);
        expect(inclusiveDates(r, tz)).toEqual({ from: custom.from, to: custom.to });
        const before = previousPeriod(r, tz);
        expect(before.to).toBe(r.from);
        expect(inclusiveDates(before, tz)).toEqual({ from: addDays(d, -61), to: addDays(d, -31) });
      }
  });

  it("a New York store's last 7 days end at its next midnight, 05:00 UTC in winter", () => {
    const now = new Date("2026-01-15T03:00:00Z"); // 22:00 on the 14th in New York
    expect(rangeInstants({ kind: "preset", days: 7 }, now, "America/New_York")).toEqual({
      from: "2026-01-08T05:00:00.000Z",
      to: "2026-01-15T05:00:00.000Z",
    });
  });
});
