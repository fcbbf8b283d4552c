import { describe, expect, it } from "vitest";
import { nextMidnight, previousPeriod, rangeInstants } from "../src/lib/date-range.ts";
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
