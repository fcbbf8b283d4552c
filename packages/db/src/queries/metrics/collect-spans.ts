import { type DurationMetric, type MetricQuery, ROLLUP_COUNT_FIELDS, type RollupCounts } from "@caliper/metrics";
import type { ClockName } from "@caliper/policy";
import type { SelectQueryBuilder } from "kysely";
import type { CaliperDb } from "../../database.ts";
import { COUNT_COLUMNS, fromColumnValue } from "../../projections/count-columns.ts";
import { decodeBuckets } from "../../projections/sketch-spans.ts";
import type { Database } from "../../schema.ts";
import { markedLongSpans } from "../../projections/span-refresh.ts";
import { coverDaysAvoiding, type Span, spanId } from "../../spans.ts";
import type { Accumulators } from "./accumulators.ts";
import { type GroupBy, groupKey } from "./grouping.ts";
import type { DayRange } from "./period.ts";

type SpanTable = "rollup_daily_span" | "rollup_sla_span" | "rollup_sketch_span";

/** Narrows a select of a span table to the rows one read takes. */
type SpanFilter = <O>(qb: SelectQueryBuilder<Database, SpanTable, O>) => SelectQueryBuilder<Database, SpanTable, O>;

/**
 * A brand's weeks and months waiting for their refresh within a read's days (span-refresh.ts),
 * read once however many span reads of the same request need them.
 */
export type MarkedSpans = () => Promise<ReadonlySet<string>>;

export function markedSpansOnce(cdb: CaliperDb, brand: string, days: DayRange): MarkedSpans {
  let marked: Promise<ReadonlySet<string>> | undefined;
  return () => {
    marked ??= markedLongSpans(cdb.db, cdb.backend, brand, days.firstDay, days.endDay);
    return marked;
  };
}

/** Starts per statement at most: the IN list stays far below the parameter limits. */
const STARTS_PER_READ = 500;

/**
 * The span rows a read takes: the fewest whole months, weeks and days that cover its days (only
 * days when grouped by day; weeks and days when grouped by week), of the brand, or of its agents
 * when filtered or grouped by agent. Weeks and months waiting for their refresh are covered by
 * their weeks and days (span-refresh.ts): day spans are always up to date.
 *
 * One statement per table takes every kind of span at once (`span IN (…) AND start IN (…)`,
 * one round trip instead of one per kind, which is what a read costs on PostgreSQL). A week's or
 * a month's start is also a day's (and a Monday may be the 1st), so that statement may return
 * spans the cover did not take: `keep` says which rows belong to the cover.
 */
async function spanReads(
  q: MetricQuery,
  by: GroupBy,
  days: DayRange,
  markedSpans: MarkedSpans,
): Promise<{ filters: SpanFilter[]; keep: (row: { span: string; start: string }) => boolean }> {
  const kinds: Span[] = by === "day" ? ["day"] : by === "week" ? ["week", "day"] : ["month", "week", "day"];
  const marked = by === "day" ? new Set<string>() : await markedSpans();
  const cover = coverDaysAvoiding(days.firstDay, days.endDay, kinds, marked);
  const scope = q.agent !== undefined || by === "agent" ? "agent" : "brand";
  const taken = kinds.filter((span) => cover[span].length > 0);
  const wanted = new Set(taken.flatMap((span) => cover[span].map((start) => spanId(span, start))));
  const starts = [...new Set(taken.flatMap((span) => cover[span]))];
  const filters: SpanFilter[] = [];
  for (let i = 0; i < starts.length; i += STARTS_PER_READ) {
    const chunk = starts.slice(i, i + STARTS_PER_READ);
    filters.push((qb) => {
      let out = qb
        .where("brand", "=", q.brand)
        .where("span", taken.length === 1 ? "=" : "in", taken.length === 1 ? (taken[0] as Span) : taken)
        .where("start", "in", chunk)
        .where("scope", "=", scope);
      if (q.agent !== undefined) out = out.where("agent", "=", q.agent);
      return out;
    });
  }
  return { filters, keep: (row) => wanted.has(spanId(row.span as Span, row.start)) };
}

/**
 * Adds whole days from the span rollups (rollup_daily_span, rollup_sketch_span,
 * rollup_sla_span): counts, sketch buckets and finished-clock counts. Serves every read without
 * a category or channel filter; equal to summing the per-day rows, in a few dozen rows.
 */
export async function addSpanRollups(
  cdb: CaliperDb,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: DayRange,
  markedSpans: MarkedSpans = markedSpansOnce(cdb, q.brand, days),
): Promise<void> {
  const { filters, keep } = await spanReads(q, by, days, markedSpans);
  for (const read of filters) {
    // Three tables, read at once (on PostgreSQL, over pooled connections side by side).
    const [daily, sketches, sla] = await Promise.all([
      read(cdb.db.selectFrom("rollup_daily_span") as SelectQueryBuilder<Database, SpanTable, object>)
        .selectAll()
        .execute(),
      accs.durations
        ? read(cdb.db.selectFrom("rollup_sketch_span") as SelectQueryBuilder<Database, SpanTable, object>)
            .select(["span", "start", "agent", "metric", "buckets"])
            .execute()
        : [],
      accs.clocks
        ? read(cdb.db.selectFrom("rollup_sla_span") as SelectQueryBuilder<Database, SpanTable, object>)
            .select(["span", "start", "agent", "clock", "met", "late", "breached"])
            .execute()
        : [],
    ]);
    for (const row of daily as unknown as Array<
      Record<string, number> & { span: string; start: string; agent: string }
    >) {
      if (!keep(row)) continue;
      const counts = Object.fromEntries(
        ROLLUP_COUNT_FIELDS.map((f) => [f, fromColumnValue(f, Number(row[COUNT_COLUMNS[f]] ?? 0))]),
      ) as unknown as RollupCounts;
      accs.get(groupKey(by, row.start, row.agent)).addCounts(counts);
    }
    for (const row of sketches as Array<{
      span: string;
      start: string;
      agent: string;
      metric: string;
      buckets: string;
    }>)
      if (keep(row))
        accs
          .get(groupKey(by, row.start, row.agent))
          .addFlatBuckets(row.metric as DurationMetric, decodeBuckets(row.buckets));
    for (const row of sla as Array<{
      span: string;
      start: string;
      agent: string;
      clock: string;
      met: number;
      late: number;
      breached: number;
    }>) {
      if (!keep(row)) continue;
      const acc = accs.get(groupKey(by, row.start, row.agent));
      const clock = row.clock as ClockName;
      acc.addClockCounts(clock, "met", Number(row.met));
      acc.addClockCounts(clock, "late", Number(row.late));
      acc.addClockCounts(clock, "breached", Number(row.breached));
    }
  }
}

/** Tickets the brand created in the whole days (all agents, categories and channels). */
export async function spanTicketCount(
  cdb: CaliperDb,
  q: MetricQuery,
  days: DayRange,
  markedSpans: MarkedSpans = markedSpansOnce(cdb, q.brand, days),
): Promise<number> {
  let n = 0;
  const brandOnly: MetricQuery = { brand: q.brand, from: q.from, to: q.to, asOf: q.asOf };
  const { filters, keep } = await spanReads(brandOnly, "none", days, markedSpans);
  for (const read of filters) {
    const rows = await read(cdb.db.selectFrom("rollup_daily_span") as SelectQueryBuilder<Database, SpanTable, object>)
      .select(["span", "start", "created"])
      .execute();
    for (const r of rows as Array<{ span: string; start: string; created: number }>)
      if (keep(r)) n += Number(r.created);
  }
  return n;
}
