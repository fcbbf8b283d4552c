import { type MetricQuery, type Overview, OverviewAccumulator } from "@caliper/metrics";
import { CLOCK_NAMES } from "@caliper/policy";
import type { CaliperDb } from "../../database.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { collect, type Precision } from "./collect.ts";
import { weekStart } from "./grouping.ts";
import { nextDay } from "./period.ts";

export const TIMESERIES_METRICS = [
  "tickets",
  "frt_median",
  "frt_p90",
  "resolution_rate",
  "csat_score",
  "sla_breaches",
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

const VALUE: Record<TimeseriesMetric, (o: Overview) => number | null> = {
  tickets: (o) => o.tickets.created,
  frt_median: (o) => o.firstResponse.medianSeconds,
  frt_p90: (o) => o.firstResponse.p90Seconds,
  resolution_rate: (o) => o.resolution.rate,
  csat_score: (o) => o.csat.score,
  sla_breaches: (o) => CLOCK_NAMES.reduce((n, c) => n + o.sla[c].breached, 0),
};

export interface TimeseriesResult {
  metric: TimeseriesMetric;
  interval: "day" | "week";
  points: Array<{ start: string; value: number | null }>;
}

/**
 * One point per local day (or ISO week, Monday first) of the brand's time zone that overlaps
 * [from, to), oldest first; buckets with no tickets still appear.
 */
export async function queryTimeseries(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  metric: TimeseriesMetric,
  interval: "day" | "week",
  precision: Precision = "auto",
): Promise<TimeseriesResult> {
  const series = await queryTimeseriesSet(cdb, ctx, q, [metric], interval, precision);
  return { metric, interval, points: series[metric] ?? [] };
}

/** Several metrics' series over the same intervals, from one read of the period. */
export async function queryTimeseriesSet<M extends TimeseriesMetric>(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  metrics: readonly M[],
  interval: "day" | "week",
  precision: Precision = "auto",
): Promise<Record<M, TimeseriesResult["points"]>> {
  const cal = ctx.policies.calendar(q.brand);
  // Only the metrics asked for are read: sla_breaches needs the clocks, the percentiles the sketches.
  const accs = await collect(cdb, ctx, q, interval, precision, {
    clocks: metrics.some((m) => m === "sla_breaches"),
    durations: metrics.some((m) => m === "frt_median" || m === "frt_p90"),
  });
  const lastDay = cal.localDate(new Date(Date.parse(q.to) - 1).toISOString());
  const starts: string[] = [];
  for (let d = cal.localDate(q.from); d <= lastDay; d = nextDay(d)) {
    const s = interval === "day" ? d : weekStart(d);
    if (starts[starts.length - 1] !== s) starts.push(s);
  }
  const empty = new OverviewAccumulator(accs.precision).finalize();
  const overviews = starts.map((start) => ({ start, o: accs.groups.get(start)?.finalize() ?? empty }));
  return Object.fromEntries(
    metrics.map((m) => [m, overviews.map(({ start, o }) => ({ start, value: VALUE[m](o) }))]),
  ) as Record<M, TimeseriesResult["points"]>;
}
