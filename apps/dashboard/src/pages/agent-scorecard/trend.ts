import type { Scorecard } from "@caliper/client";
import { type BucketSpan, bucketLabel, clipBucket } from "../../lib/buckets.ts";

/** A week of the scorecard's trend, with the part of it inside the period and its chart label. */
export type TrendWeek = Scorecard["trend"][number] & { span: BucketSpan; label: string };

/** The scorecard's weekly trend; a week the period starts or ends inside is labelled as partial. */
export function trendWeeks(s: Scorecard, timeZone: string): TrendWeek[] {
  return s.trend.map((p) => {
    const span = clipBucket(p.start, "week", s.period, timeZone);
    return { ...p, span, label: bucketLabel(span, timeZone) };
  });
}
