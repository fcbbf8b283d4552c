import type { DurationMetric, MetricQuery } from "@caliper/metrics";
import type { ClockName } from "@caliper/policy";
import type { SelectQueryBuilder } from "kysely";
import type { CaliperDb } from "../../database.ts";
import { countsOfRow } from "../../projections/count-columns.ts";
import { decodeBuckets } from "../../projections/sketch-spans.ts";
import type { Database } from "../../schema.ts";
import { markedLongSpans } from "../../projections/span-refresh.ts";
import { coverDaysAvoiding, type Span } from "../../spans.ts";
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

/** The MarkedSpans of a brand's days, read at the first call. */
export function markedSpansOnce(cdb: CaliperDb, brand: string, days: DayRange): MarkedSpans {
  let marked: Promise<ReadonlySet<string>> | undefined;
  return () => {
    marked ??= markedLongSpans(cdb.db, cdb.backend, brand, days.firstDay, days.endDay);
    return marked;
  };
}

/** Spans per statement at most: the IN lists stay far below the parameter limits. */
const SPANS_PER_READ = 500;

/**
 * The span rows a read takes: the fewest whole months, weeks and days that cover its days (only
 * days when grouped by day; weeks and days when grouped by week), of the brand, or of its agents
 * when filtered or grouped by agent. Weeks and months waiting for their refresh are covered by
 * their weeks and days (span-refresh.ts): day spans are always up to date.
 *
 * One statement per table takes every kind of span at once (`(span = 'month' AND start IN (…))
 * OR (span = 'week' AND …)`: each term a range of the key on both databases), one round trip
 * instead of one per kind, which is what a read costs on PostgreSQL.
 */
async function spanReads(q: MetricQuery, by: GroupBy, days: DayRange, markedSpans: MarkedSpans): Promise<SpanFilter[]> {
  const kinds: Span[] = by === "day" ? ["day"] : by === "week" ? ["week", "day"] : ["month", "week", "day"];
  const marked = by === "day" ? new Set<string>() : await markedSpans();
  const cover = coverDaysAvoiding(days.firstDay, days.endDay, kinds, marked);
  const scope = q.agent !== undefined || by === "agent" ? "agent" : "brand";
  const spans = kinds.flatMap((span) => cover[span].map((start) => [span, start] as const));
  const filters: SpanFilter[] = [];
  for (let i = 0; i < spans.length; i += SPANS_PER_READ) {
    const chunk = spans.slice(i, i + SPANS_PER_READ);
    const byKind = kinds
      .map((span) => [span, chunk.filter(([k]) => k === span).map(([, start]) => start)] as const)
      .filter(([, starts]) => starts.length > 0);
    filters.push((qb) => {
      let out = qb
        .where("brand", "=", q.brand)
        .where((eb) =>
          eb.or(byKind.map(([span, starts]) => eb.and([eb("span", "=", span), eb("start", "in", starts)]))),
        )
        .where("scope", "=", scope);
      if (q.agent !== undefined) out = out.where("agent", "=", q.agent);
      return out;
    });
  }
  return filters;
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
  markedSpans: MarkedSpans,
): Promise<void> {
  for (const read of await spanReads(q, by, days, markedSpans)) {
    // Three tables, read at once (on PostgreSQL, over pooled connections side by side).
    const [daily, sketches, sla] = await Promise.all([
      read(cdb.db.selectFrom("rollup_daily_span") as SelectQueryBuilder<Database, SpanTable, object>)
        .selectAll()
        .execute(),
      accs.durations
        ? read(cdb.db.selectFrom("rollup_sketch_span") as SelectQueryBuilder<Database, SpanTable, object>)
            .select(["start", "agent", "metric", "buckets"])
            .execute()
        : [],
      accs.clocks
        ? read(cdb.db.selectFrom("rollup_sla_span") as SelectQueryBuilder<Database, SpanTable, object>)
            .select(["start", "agent", "clock", "met", "late", "breached"])
            .execute()
        : [],
    ]);
    for (const row of daily as unknown as Array<Record<string, number> & { start: string; agent: string }>) {
      accs.get(groupKey(by, row.start, row.agent)).addCounts(countsOfRow(row));
    }
    for (const row of sketches as Array<{
      start: string;
      agent: string;
      metric: string;
      buckets: string;
    }>)
      accs
        .get(groupKey(by, row.start, row.agent))
        .addFlatBuckets(row.metric as DurationMetric, decodeBuckets(row.buckets));
    for (const row of sla as Array<{
      start: string;
      agent: string;
      clock: string;
      met: number;
      late: number;
      breached: number;
    }>) {
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
  markedSpans: MarkedSpans,
): Promise<number> {
  let n = 0;
  const brandOnly: MetricQuery = { brand: q.brand, from: q.from, to: q.to, asOf: q.asOf };
  for (const read of await spanReads(brandOnly, "none", days, markedSpans)) {
    const rows = await read(cdb.db.selectFrom("rollup_daily_span") as SelectQueryBuilder<Database, SpanTable, object>)
      .select("created")
      .execute();
    for (const r of rows as Array<{ created: number }>) n += Number(r.created);
  }
  return n;
}
