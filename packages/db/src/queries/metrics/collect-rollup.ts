import { type DurationMetric, type MetricQuery, ROLLUP_COUNT_FIELDS, type RollupCounts } from "@caliper/metrics";
import { type ClockName, clockState } from "@caliper/policy";
import { type SelectQueryBuilder, sql } from "kysely";
import type { CaliperDb } from "../../database.ts";
import { rowToClock } from "../../projections/clock-rows.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { COUNT_COLUMNS, fromColumnValue } from "../../projections/rollup-delta.ts";
import type { Database } from "../../schema.ts";
import { forEachBucket } from "../../projections/sketch-spans.ts";
import { coverDays, type Span } from "../../spans.ts";
import type { Accumulators } from "./accumulators.ts";
import { type GroupBy, groupColumn, groupKey } from "./grouping.ts";

type RollupTable = "rollup_daily" | "rollup_sketch" | "rollup_sla";

/** WHERE brand, whole days and the query's filters, on a rollup table. */
function filtered<T extends RollupTable, O>(
  qb: SelectQueryBuilder<Database, T, O>,
  q: MetricQuery,
  days: { firstDay: string; endDay: string },
): SelectQueryBuilder<Database, T, O> {
  // biome-ignore lint/suspicious/noExplicitAny: the three rollup tables share these key columns.
  let out = (qb as SelectQueryBuilder<any, any, O>)
    .where("brand", "=", q.brand)
    .where("day", ">=", days.firstDay)
    .where("day", "<", days.endDay);
  if (q.agent !== undefined) out = out.where("agent", "=", q.agent);
  if (q.category !== undefined) out = out.where("category", "=", q.category);
  if (q.channel !== undefined) out = out.where("channel", "=", q.channel);
  return out as SelectQueryBuilder<Database, T, O>;
}

/**
 * Adds the rollups of whole local days [firstDay, endDay) to the accumulators: summed counts,
 * merged sketch buckets and finished-clock counts, plus the clocks still running (read live,
 * since their status depends on asOf). Valid only when nothing in the period changed after asOf.
 */
export async function collectRollup(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: { firstDay: string; endDay: string },
): Promise<void> {
  const col = groupColumn(by);
  const groupOf = (row: { g?: unknown }) => groupKey(by, String(row.g ?? ""), String(row.g ?? ""));

  const sums = Object.values(COUNT_COLUMNS).map((c) => sql<number>`coalesce(sum(${sql.ref(c)}), 0)`.as(c));
  let daily = filtered(cdb.db.selectFrom("rollup_daily").select(sums), q, days);
  if (col) daily = daily.select(sql.ref(col).as("g")).groupBy(col);
  for (const row of (await daily.execute()) as Array<Record<string, number> & { g?: string }>) {
    const counts = Object.fromEntries(
      ROLLUP_COUNT_FIELDS.map((f) => [f, fromColumnValue(f, Number(row[COUNT_COLUMNS[f]] ?? 0))]),
    ) as unknown as RollupCounts;
    accs.get(groupOf(row)).addCounts(counts);
  }

  if (q.category === undefined && q.channel === undefined) await addSpanSketches(cdb, q, by, accs, days);
  else await addFineSketches(cdb, q, by, accs, days);

  let sla = filtered(
    cdb.db
      .selectFrom("rollup_sla")
      .select([
        "clock",
        sql<number>`sum(met)`.as("met"),
        sql<number>`sum(late)`.as("late"),
        sql<number>`sum(breached)`.as("breached"),
      ])
      .groupBy("clock"),
    q,
    days,
  );
  if (col) sla = sla.select(sql.ref(col).as("g")).groupBy(col);
  for (const row of (await sla.execute()) as Array<{
    clock: string;
    met: number;
    late: number;
    breached: number;
    g?: string;
  }>) {
    const acc = accs.get(groupOf(row));
    const clock = row.clock as ClockName;
    acc.addClockCounts(clock, "met", Number(row.met));
    acc.addClockCounts(clock, "late", Number(row.late));
    acc.addClockCounts(clock, "breached", Number(row.breached));
  }

  const cal = ctx.policies.calendar(q.brand);
  let running = cdb.db
    .selectFrom("clocks")
    .selectAll()
    .where("brand", "=", q.brand)
    .where("stopped_at", "is", null)
    .where("period_day", ">=", days.firstDay)
    .where("period_day", "<", days.endDay);
  if (q.agent !== undefined) running = running.where("agent", "=", q.agent);
  if (q.category !== undefined) running = running.where("category", "=", q.category);
  if (q.channel !== undefined) running = running.where("channel", "=", q.channel);
  for (const r of await running.execute()) {
    const c = rowToClock(r);
    if (c.startedAt > q.asOf) continue;
    accs.get(groupKey(by, r.period_day, r.agent)).addClock(c.clock, clockState(c, q.asOf, cal));
  }
}

/**
 * Sketch buckets from the span sketches (rollup_sketch_span): whole months, weeks and days of
 * the brand or of its agents, as few as cover the days (only days when grouped by day, weeks
 * and days when grouped by week). Serves every read without a category or channel filter.
 */
async function addSpanSketches(
  cdb: CaliperDb,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: { firstDay: string; endDay: string },
): Promise<void> {
  const kinds: Span[] = by === "day" ? ["day"] : by === "week" ? ["week", "day"] : ["month", "week", "day"];
  const cover = coverDays(days.firstDay, days.endDay, kinds);
  const scope = q.agent !== undefined || by === "agent" ? "agent" : "brand";
  for (const span of kinds) {
    const starts = cover[span];
    for (let i = 0; i < starts.length; i += 500) {
      let rows = cdb.db
        .selectFrom("rollup_sketch_span")
        .select(["start", "agent", "metric", "buckets"])
        .where("brand", "=", q.brand)
        .where("span", "=", span)
        .where("start", "in", starts.slice(i, i + 500))
        .where("scope", "=", scope);
      if (q.agent !== undefined) rows = rows.where("agent", "=", q.agent);
      for (const row of await rows.execute()) {
        const pairs: Array<[number, number]> = [];
        forEachBucket(row.buckets, (b, n) => pairs.push([b, n]));
        accs.get(groupKey(by, row.start, row.agent)).addBuckets(row.metric as DurationMetric, pairs);
      }
    }
  }
}

/** Sketch buckets of whole days from the fine rows (rollup_sketch), for category and channel filters. */
async function addFineSketches(
  cdb: CaliperDb,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: { firstDay: string; endDay: string },
): Promise<void> {
  const col = groupColumn(by);
  const groupOf = (row: { g?: unknown }) => groupKey(by, String(row.g ?? ""), String(row.g ?? ""));
  let sketch = filtered(
    cdb.db
      .selectFrom("rollup_sketch")
      .select(["metric", "bucket", sql<number>`sum(n)`.as("n")])
      .groupBy(["metric", "bucket"]),
    q,
    days,
  );
  if (col) sketch = sketch.select(sql.ref(col).as("g")).groupBy(col);
  const buckets = new Map<string, Map<DurationMetric, Array<[number, number]>>>();
  for (const row of (await sketch.execute()) as Array<{ metric: string; bucket: number; n: number; g?: string }>) {
    const g = groupOf(row);
    const byMetric = buckets.get(g) ?? new Map<DurationMetric, Array<[number, number]>>();
    buckets.set(g, byMetric);
    const list = byMetric.get(row.metric as DurationMetric) ?? [];
    list.push([Number(row.bucket), Number(row.n)]);
    byMetric.set(row.metric as DurationMetric, list);
  }
  for (const [g, byMetric] of buckets) for (const [m, pairs] of byMetric) accs.get(g).addBuckets(m, pairs);
}
