import type { Timeseries } from "@caliper/client";
import { describe, expect, it } from "vitest";
import { bucketLabel, clipBucket } from "../src/lib/buckets.ts";
import { mergeSeries } from "../src/pages/overview/trend.ts";

const MARCH = { from: "2026-03-08T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" };

describe("trend buckets cut by the period", () => {
  it("starts a week the period starts inside at the period's first day, marked partial", () => {
    const first = clipBucket("2026-03-02T00:00:00.000Z", "week", MARCH);
    expect(first).toEqual({ from: "2026-03-08T00:00:00.000Z", partial: true });
    expect(bucketLabel(first)).toBe("8 Mar (partial)");
    // A whole week, and a week the period ends inside (31 Mar is its Tuesday).
    expect(bucketLabel(clipBucket("2026-03-09T00:00:00.000Z", "week", MARCH))).toBe("9 Mar");
    expect(bucketLabel(clipBucket("2026-03-30T00:00:00.000Z", "week", MARCH))).toBe("30 Mar (partial)");
    // Days are never cut: the period is whole local days.
    expect(clipBucket("2026-03-08T00:00:00.000Z", "day", MARCH).partial).toBe(false);
  });

  it("reads weeks on the store's clock (Berlin: local Mondays at 23:00Z, a week of 167 hours over the clock change)", () => {
    const period = { from: "2026-03-21T23:00:00.000Z", to: "2026-04-04T22:00:00.000Z" }; // 22 Mar – 4 Apr
    const zone = "Europe/Berlin";
    expect(bucketLabel(clipBucket("2026-03-15T23:00:00.000Z", "week", period, zone), zone)).toBe("22 Mar (partial)");
    // 23–29 Mar holds the change to summer time: still a whole week.
    expect(clipBucket("2026-03-22T23:00:00.000Z", "week", period, zone).partial).toBe(false);
    expect(bucketLabel(clipBucket("2026-03-29T22:00:00.000Z", "week", period, zone), zone)).toBe("30 Mar (partial)");
  });

  it("labels the overview's weekly trend the same way", () => {
    const series: Timeseries[] = [
      {
        metric: "tickets",
        interval: "week",
        points: [
          { start: "2026-03-02T00:00:00.000Z", value: 4 },
          { start: "2026-03-09T00:00:00.000Z", value: 50 },
        ],
      },
    ];
    const rows = mergeSeries(series, "UTC", "week", MARCH);
    expect(rows.map((r) => [r.label, r.span.partial, r.tickets])).toEqual([
      ["8 Mar (partial)", true, 4],
      ["9 Mar", false, 50],
    ]);
  });
});
