import { DURATION_METRICS, type DurationMetric, type MetricQuery } from "@caliper/metrics";
import type { ClockName } from "@caliper/policy";
import { type SelectQueryBuilder, sql } from "kysely";
import type { CaliperDb } from "../../database.ts";
import { COUNT_COLUMNS, countsOfRow } from "../../projections/count-columns.ts";
import type { Database } from "../../schema.ts";
import type { Accumulators } from "./accumulators.ts";
import { addSpanRollups, type MarkedSpans } from "./collect-spans.ts";
import { type GroupBy, groupColumn, groupKey } from "./grouping.ts";
import type { DayRange } from "./period.ts";

type RollupTable = "rollup_daily" | "rollup_sketch" | "rollup_sla";

/** WHERE brand, whole days and the query's filters, on a rollup table. */
function filtered<T extends RollupTable, O>(
  qb: SelectQueryBuilder<Database, T, O>,
  q: MetricQuery,
  days: DayRange,
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
 * since their status depends on asOf); sketches and clocks only if the accumulators count them.
 * Valid only for days in which nothing changed after asOf.
 */
export async function collectRollup(
  cdb: CaliperDb,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: DayRange,
  markedSpans: MarkedSpans,
): Promise<void> {
  // Independent reads, at once on PostgreSQL; each adds to the accumulators in one synchronous
  // step per row, and sums and sketch merges do not depend on the order.
  await Promise.all([
    q.category === undefined && q.channel === undefined
      ? addSpanRollups(cdb, q, by, accs, days, markedSpans)
      : addFineRollups(cdb, q, by, accs, days),
    accs.clocks ? addRunningClocks(cdb, q, by, accs, days) : undefined,
  ]);
}

/** Counts, sketch buckets and finished clocks of whole days from the per-day rows (any filter). */
async function addFineRollups(
  cdb: CaliperDb,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: DayRange,
): Promise<void> {
  const col = groupColumn(by);
  const groupOf = (row: { g?: unknown }) => groupKey(by, String(row.g ?? ""), String(row.g ?? ""));

  const sums = Object.values(COUNT_COLUMNS).map((c) => sql<number>`coalesce(sum(${sql.ref(c)}), 0)`.as(c));
  let daily = filtered(cdb.db.selectFrom("rollup_daily").select(sums), q, days);
  if (col) daily = daily.select(sql.ref(col).as("g")).groupBy(col);
  // The key is (brand, metric, day, ...): naming the metrics lets both databases seek each
  // metric's day range instead of reading every row of the brand (a 90-day read filtered by
  // category on the 1M store: 132 -> 51-65 ms in SQLite, see docs/benchmarks.md).
  let sketch = filtered(
    cdb.db
      .selectFrom("rollup_sketch")
      .select(["metric", "bucket", sql<number>`sum(n)`.as("n")])
      .where("metric", "in", DURATION_METRICS)
      .groupBy(["metric", "bucket"]),
    q,
    days,
  );
  if (col) sketch = sketch.select(sql.ref(col).as("g")).groupBy(col);
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
  // Three tables, read at once (on PostgreSQL, over pooled connections side by side).
  const [dailyRows, sketchRows, slaRows] = await Promise.all([
    daily.execute(),
    accs.durations ? sketch.execute() : [],
    accs.clocks ? sla.execute() : [],
  ]);

  for (const row of dailyRows as Array<Record<string, number> & { g?: string }>) {
    accs.get(groupOf(row)).addCounts(countsOfRow(row));
  }
  const buckets = new Map<string, Map<DurationMetric, Array<[number, number]>>>();
  for (const row of sketchRows as Array<{ metric: string; bucket: number; n: number; g?: string }>) {
    const g = groupOf(row);
    const byMetric = buckets.get(g) ?? new Map<DurationMetric, Array<[number, number]>>();
    buckets.set(g, byMetric);
    const list = byMetric.get(row.metric as DurationMetric) ?? [];
    list.push([Number(row.bucket), Number(row.n)]);
    byMetric.set(row.metric as DurationMetric, list);
  }
  for (const [g, byMetric] of buckets) for (const [m, pairs] of byMetric) accs.get(g).addBuckets(m, pairs);
  for (const row of slaRows as Array<{
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
}

/**
 * Clocks still open: their status depends on asOf, so they are counted live — past their limit
 * at asOf: breached; else running, and at risk once past their target (DESIGN.md §4). Deadlines
 * and asOf are canonical ISO-8601 UTC text, so comparing text compares instants.
 */
async function addRunningClocks(
  cdb: CaliperDb,
  q: MetricQuery,
  by: GroupBy,
  accs: Accumulators,
  days: DayRange,
): Promise<void> {
  const col = by === "none" ? null : by === "agent" ? "agent" : "period_day";
  let open = cdb.db
    .selectFrom("clocks")
    .select([
      "clock",
      sql<number>`sum(case when limit_deadline < ${q.asOf} then 1 else 0 end)`.as("breached"),
      sql<number>`sum(case when limit_deadline >= ${q.asOf} then 1 else 0 end)`.as("running"),
      sql<number>`sum(case when limit_deadline >= ${q.asOf} and target_deadline < ${q.asOf} then 1 else 0 end)`.as(
        "at_risk",
      ),
    ])
    .where("brand", "=", q.brand)
    .where("stopped_at", "is", null)
    .where("period_day", ">=", days.firstDay)
    .where("period_day", "<", days.endDay)
    .where("started_at", "<=", q.asOf)
    .groupBy("clock");
  if (q.agent !== undefined) open = open.where("agent", "=", q.agent);
  if (q.category !== undefined) open = open.where("category", "=", q.category);
  if (q.channel !== undefined) open = open.where("channel", "=", q.channel);
  if (col) open = open.select(sql.ref(col).as("g")).groupBy(col);
  for (const r of (await open.execute()) as Array<{
    clock: string;
    breached: number;
    running: number;
    at_risk: number;
    g?: string;
  }>) {
    const g = groupKey(by, String(r.g ?? ""), String(r.g ?? ""));
    accs.get(g).addOpenClockCounts(r.clock as ClockName, {
      running: Number(r.running),
      breached: Number(r.breached),
      atRisk: Number(r.at_risk),
    });
  }
}
