import { type DurationMetric, type MetricQuery, ROLLUP_COUNT_FIELDS, type RollupCounts } from "@caliper/metrics";
import type { ClockName } from "@caliper/policy";
import type { SelectQueryBuilder } from "kysely";
import type { CaliperDb } from "../../database.ts";
import { COUNT_COLUMNS, fromColumnValue } from "../../projections/count-columns.ts";
import { decodeBuckets } from "../../projections/sketch-spans.ts";
import type { Database } from "../../schema.ts";
import { markedLongSpans } from "../../projections/span-refresh.ts";
import { coverDaysAvoiding, type Span } from "../../spans.ts";
import type { Accumulators } from "./accumulators.ts";
import { type GroupBy, groupKey } from "./grouping.ts";
import type { DayRange } from "./period.ts";

type SpanTable = "rollup_daily_span" | "rollup_sla_span" | "rollup_sketch_span";

/**
 * The span rows a read takes: the fewest whole months, weeks and days that cover its days (only
 * days when grouped by day; weeks and days when grouped by week), of the brand, or of its agents
 * when filtered or grouped by agent. Weeks and months waiting for their refresh are covered by
 * their weeks and days (span-refresh.ts): day spans are always up to date.
 */
async function spanReads(cdb: CaliperDb, q: MetricQuery, by: GroupBy, days: DayRange) {
  const kinds: Span[] = by === "day" ? ["day"] : by === "week" ? ["week", "day"] : ["month", "week", "day"];
  const marked =
    by === "day" ? new Set<string>() : await markedLongSpans(cdb.db, cdb.backend, q.brand, days.firstDay, days.endDay);
  const cover = coverDaysAvoiding(days.firstDay, days.endDay, kinds, marked);
  const scope = q.agent !== undefined || by === "agent" ? "agent" : "brand";
  const reads: Array<
    <O>(qb: SelectQueryBuilder<Database, SpanTable, O>) => SelectQueryBuilder<Database, SpanTable, O>
  > = [];
  for (const span of kinds)
    for (let i = 0; i < cover[span].length; i += 500) {
      const starts = cover[span].slice(i, i + 500);
      reads.push((qb) => {
        let out = qb
          .where("brand", "=", q.brand)
          .where("span", "=", span)
          .where("start", "in", starts)
          .where("scope", "=", scope);
        if (q.agent !== undefined) out = out.where("agent", "=", q.agent);
        return out;
      });
    }
  return reads;
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
): Promise<void> {
  for (const read of await spanReads(cdb, q, by, days)) {
    const daily = await read(cdb.db.selectFrom("rollup_daily_span") as SelectQueryBuilder<Database, SpanTable, object>)
      .selectAll()
      .execute();
    for (const row of daily as unknown as Array<Record<string, number> & { start: string; agent: string }>) {
      const counts = Object.fromEntries(
        ROLLUP_COUNT_FIELDS.map((f) => [f, fromColumnValue(f, Number(row[COUNT_COLUMNS[f]] ?? 0))]),
      ) as unknown as RollupCounts;
      accs.get(groupKey(by, row.start, row.agent)).addCounts(counts);
    }
    const sketches = accs.durations
      ? await read(cdb.db.selectFrom("rollup_sketch_span") as SelectQueryBuilder<Database, SpanTable, object>)
          .select(["start", "agent", "metric", "buckets"])
          .execute()
      : [];
    for (const row of sketches as Array<{ start: string; agent: string; metric: string; buckets: string }>)
      accs
        .get(groupKey(by, row.start, row.agent))
        .addFlatBuckets(row.metric as DurationMetric, decodeBuckets(row.buckets));
    if (!accs.clocks) continue;
    const sla = await read(cdb.db.selectFrom("rollup_sla_span") as SelectQueryBuilder<Database, SpanTable, object>)
      .select(["start", "agent", "clock", "met", "late", "breached"])
      .execute();
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
export async function spanTicketCount(cdb: CaliperDb, q: MetricQuery, days: DayRange): Promise<number> {
  let n = 0;
  const brandOnly: MetricQuery = { brand: q.brand, from: q.from, to: q.to, asOf: q.asOf };
  for (const read of await spanReads(cdb, brandOnly, "none", days)) {
    const rows = await read(cdb.db.selectFrom("rollup_daily_span") as SelectQueryBuilder<Database, SpanTable, object>)
      .select("created")
      .execute();
    for (const r of rows as Array<{ created: number }>) n += Number(r.created);
  }
  return n;
}
