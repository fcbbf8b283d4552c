import type { Interval, Timeseries, TimeseriesMetric } from "@caliper/client";
import { type BucketSpan, bucketLabel, clipBucket } from "../../lib/buckets.ts";

export const TREND_METRICS = [
  "tickets",
  "frt_median",
  "frt_p90",
  "csat_score",
  "sla_breaches",
] as const satisfies readonly TimeseriesMetric[];
export type TrendMetric = (typeof TREND_METRICS)[number];

export interface TrendRow {
  start: string;
  /** The part of the bucket inside the period (a week can start before it or end after it). */
  span: BucketSpan;
  label: string;
  tickets: number | null;
  frt_median: number | null;
  frt_p90: number | null;
  csat_score: number | null;
  sla_breaches: number | null;
}

/**
 * One row per bucket, every metric side by side (buckets missing from a series stay null),
 * labelled with its first day inside `period` in the store's `timeZone` (buckets start at its
 * local midnights; a week the period starts or ends inside is marked partial).
 */
export function mergeSeries(
  series: readonly Timeseries[],
  timeZone: string,
  interval: Interval,
  period: { from: string; to: string },
): TrendRow[] {
  const rows = new Map<string, TrendRow>();
  for (const s of series) {
    for (const p of s.points) {
      let row = rows.get(p.start);
      if (!row) {
        const span = clipBucket(p.start, interval, period, timeZone);
        row = {
          start: p.start,
          span,
          label: bucketLabel(span, timeZone),
          tickets: null,
          frt_median: null,
          frt_p90: null,
          csat_score: null,
          sla_breaches: null,
        };
        rows.set(p.start, row);
      }
      if ((TREND_METRICS as readonly string[]).includes(s.metric)) row[s.metric as TrendMetric] = p.value;
    }
  }
  return [...rows.values()].sort((a, b) => a.start.localeCompare(b.start));
}

export const hasTrendData = (rows: readonly TrendRow[]): boolean =>
  rows.some((r) => TREND_METRICS.some((m) => r[m] !== null && r[m] !== 0));
