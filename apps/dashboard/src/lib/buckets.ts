/**
 * Trend buckets (a store-local day or week: `GET /v1/metrics/timeseries`, the scorecard's weekly
 * trend) read for a period: a week starts on its Monday, which can be before the period starts,
 * and it can run past the period's end. Only the days inside the period are counted, so such a
 * week is partial: it is labelled by its first day inside the period ("8 Nov", not its Monday
 * "2 Nov") and marked "(partial)".
 */
import type { Interval } from "@caliper/client";
import { addDays, localDate, startOfLocalDay } from "./date-range.ts";
import { formatDate, formatDay } from "./format.ts";

export interface BucketSpan {
  /** The bucket's first instant inside the period (its start, or the period's). */
  from: string;
  /** It covers fewer days than a whole bucket: the period starts or ends inside it. */
  partial: boolean;
}

export function clipBucket(
  start: string,
  interval: Interval,
  period: { from: string; to: string },
  timeZone = "UTC",
): BucketSpan {
  const startMs = Date.parse(start);
  const days = interval === "week" ? 7 : 1;
  const endMs = startOfLocalDay(addDays(localDate(new Date(startMs), timeZone), days), timeZone).getTime();
  const fromMs = Math.max(startMs, Date.parse(period.from));
  const toMs = Math.min(endMs, Date.parse(period.to));
  return { from: new Date(fromMs).toISOString(), partial: fromMs > startMs || toMs < endMs };
}

/** A chart label: "8 Nov (partial)", "9 Nov". */
export const bucketLabel = (b: BucketSpan, timeZone = "UTC"): string =>
  `${formatDay(b.from, timeZone)}${b.partial ? " (partial)" : ""}`;

/** A table cell: "8 Nov 2026 (partial week)", "9 Nov 2026". */
export const bucketDate = (b: BucketSpan, interval: Interval, timeZone = "UTC"): string =>
  `${formatDate(b.from, timeZone)}${b.partial ? ` (partial ${interval})` : ""}`;
