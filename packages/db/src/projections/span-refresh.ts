import { DURATION_METRICS } from "@caliper/metrics";
import type { Kysely } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import { placeholders, runSql } from "../raw-sql.ts";
import type { Database } from "../schema.ts";
import { type Span, spanEnd, spanStart } from "../spans.ts";
import { COUNT_COLUMN_NAMES } from "./count-columns.ts";
import { encodeBuckets, forEachBucket, type SketchSpanKey } from "./sketch-spans.ts";

/*
 * The span rollups (rollup_daily_span, rollup_sla_span, rollup_sketch_span: a brand's and each
 * agent's sums per local day, ISO week and month) are kept up to date after the write that
 * changed the per-day rollups, not in it. Ingest marks the changed (brand, day) pairs in
 * rollup_span_dirty (`markSpanDays`, in its own transaction); `refreshSpans` later recomputes the
 * spans holding marked days from the per-day rows and removes the marks, in one transaction;
 * reads take marked days from the per-day rows (`dirtySpanDays`), so they never see a stale span.
 *
 * Merging into the span rows in every ingest transaction was ~300 keyed rows read, merged and
 * written back per commit whatever its size: 43% of the time of single events in groups of 64
 * (docs/benchmarks.md). A refresh recomputes each marked day's spans once, however many commits
 * marked it, and is idempotent: any process may run it at any time, and marks left by a process
 * that stopped before refreshing are refreshed by the next.
 */

/** A (brand, local day) whose per-day rollups a write changed. */
export interface BrandDay {
  brand: string;
  day: string;
}

const MARK_SQLITE = `on conflict ("brand", "day") do nothing`;
// PostgreSQL: an update takes the row's lock, so a write marking a day that a refresh holds (FOR
// UPDATE) waits for it and then marks the day again; with DO NOTHING it could commit per-day
// changes the refresh did not see, and the refresh would remove the mark.
const MARK_POSTGRES = `on conflict ("brand", "day") do update set "day" = excluded."day"`;

/** Marks the days (in the writing transaction): their span rollups are out of date until refreshed. */
export async function markSpanDays(db: Kysely<Database>, backend: Backend, days: Iterable<BrandDay>): Promise<void> {
  const seen = new Map<string, BrandDay>();
  for (const d of days) seen.set(`${d.brand}\u001f${d.day}`, d);
  if (seen.size === 0) return;
  // In key order, so that concurrent writers on PostgreSQL lock marks in the same order.
  const rows = [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
  for (let i = 0; i < rows.length; i += 256) {
    const chunk = rows.slice(i, i + 256);
    await runSql(
      db,
      backend,
      `insert into "rollup_span_dirty" ("brand", "day") values ${chunk.map(() => "(?, ?)").join(", ")} ${backend === "postgres" ? MARK_POSTGRES : MARK_SQLITE}`,
      chunk.flatMap((d) => [d.brand, d.day]),
    );
  }
}

/** The marked days of a brand in [firstDay, endDay), in order: reads take them from the per-day rollups. */
export async function dirtySpanDays(
  db: Kysely<Database>,
  backend: Backend,
  brand: string,
  firstDay: string,
  endDay: string,
): Promise<string[]> {
  const rows = await runSql<{ day: string }>(
    db,
    backend,
    `select "day" from "rollup_span_dirty" where "brand" = ? and "day" >= ? and "day" < ? order by "day"`,
    [brand, firstDay, endDay],
  );
  return rows.map((r) => r.day);
}

/**
 * Most days one refresh transaction takes, all of one brand (the rest wait for the next). Writes
 * wait while it runs: a day of a busy brand takes 1-3 ms, mostly reading its per-day sketch rows,
 * and each week and month it touches ~1 ms more.
 */
export const REFRESH_DAYS = 16;

/** A brand's marked days, in order, that one transaction refreshes. */
export interface RefreshBatch {
  brand: string;
  days: string[];
}

/** The days marked now, as refresh batches: each brand's days in order, at most `size` a batch. */
export async function spanRefreshBatches(
  db: Kysely<Database>,
  backend: Backend,
  size = REFRESH_DAYS,
): Promise<RefreshBatch[]> {
  const marks = await runSql<BrandDay>(
    db,
    backend,
    `select "brand", "day" from "rollup_span_dirty" order by "brand", "day"`,
    [],
  );
  const out: RefreshBatch[] = [];
  for (const m of marks) {
    const last = out[out.length - 1];
    if (last && last.brand === m.brand && last.days.length < size) last.days.push(m.day);
    else out.push({ brand: m.brand, days: [m.day] });
  }
  return out;
}

/**
 * Recomputes the span rollups of the days (of one brand) from the per-day rollups and removes
 * their marks, in one transaction. Days no longer marked (another process refreshed them) are
 * recomputed all the same: a refresh only ever writes what the per-day rows say.
 */
export async function refreshSpanDays(db: Kysely<Database>, backend: Backend, batch: RefreshBatch): Promise<void> {
  const { brand, days } = batch;
  if (days.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const inDays = placeholders(days.length);
    // PostgreSQL: a write marking one of these days meanwhile waits, and marks it again after.
    if (backend === "postgres")
      await runSql(
        trx,
        backend,
        `select "day" from "rollup_span_dirty" where "brand" = ? and "day" in ${inDays} order by "day" for update`,
        [brand, ...days],
      );
    await refreshDays(trx, backend, brand, days);
    await runSql(trx, backend, `delete from "rollup_span_dirty" where "brand" = ? and "day" in ${inDays}`, [
      brand,
      ...days,
    ]);
  });
}

/**
 * Refreshes up to `limit` of the marked days, oldest brand and day first, a transaction per
 * batch. Returns how many days (0: nothing was marked).
 */
export async function refreshSpans(db: Kysely<Database>, backend: Backend, limit: number): Promise<number> {
  let left = limit;
  for (const batch of await spanRefreshBatches(db, backend)) {
    if (left <= 0) break;
    const days = batch.days.slice(0, left);
    await refreshSpanDays(db, backend, { brand: batch.brand, days });
    left -= days.length;
  }
  return limit - left;
}

/** Refreshes every marked day, until none is left; returns how many days in all. */
export async function refreshAllSpans(db: Kysely<Database>, backend: Backend): Promise<number> {
  let total = 0;
  for (let batches = await spanRefreshBatches(db, backend); batches.length > 0; ) {
    for (const batch of batches) {
      await refreshSpanDays(db, backend, batch);
      total += batch.days.length;
    }
    batches = await spanRefreshBatches(db, backend);
  }
  return total;
}

const SPAN_TABLES = ["rollup_daily_span", "rollup_sla_span", "rollup_sketch_span"] as const;
const COUNTS = COUNT_COLUMN_NAMES.map((c) => `"${c}"`).join(", ");
const COUNT_SUMS = COUNT_COLUMN_NAMES.map((c) => `sum("${c}")`).join(", ");
const SLA_SUMS = `sum("met"), sum("late"), sum("breached")`;

/** The day spans of `days`, then the weeks and months holding them, of one brand. */
async function refreshDays(db: Kysely<Database>, backend: Backend, brand: string, days: readonly string[]) {
  const inDays = placeholders(days.length);
  for (const table of SPAN_TABLES)
    await runSql(db, backend, `delete from "${table}" where "brand" = ? and "span" = 'day' and "start" in ${inDays}`, [
      brand,
      ...days,
    ]);
  // Each day's sums, per agent and for the whole brand.
  for (const [scope, agent, group] of [
    ["agent", `"agent"`, `"day", "agent"`],
    ["brand", `''`, `"day"`],
  ] as const) {
    await runSql(
      db,
      backend,
      `insert into "rollup_daily_span" ("brand", "span", "start", "scope", "agent", ${COUNTS}) select "brand", 'day', "day", '${scope}', ${agent}, ${COUNT_SUMS} from "rollup_daily" where "brand" = ? and "day" in ${inDays} group by "brand", ${group}`,
      [brand, ...days],
    );
    await runSql(
      db,
      backend,
      `insert into "rollup_sla_span" ("brand", "span", "start", "scope", "agent", "clock", "met", "late", "breached") select "brand", 'day', "day", '${scope}', ${agent}, "clock", ${SLA_SUMS} from "rollup_sla" where "brand" = ? and "day" in ${inDays} group by "brand", ${group}, "clock"`,
      [brand, ...days],
    );
  }
  const fine = await runSql<{ day: string; agent: string; metric: string; bucket: number; n: number }>(
    db,
    backend,
    // The key starts (brand, metric, day): naming the metrics lets it seek each one's days.
    `select "day", "agent", "metric", "bucket", sum("n") as "n" from "rollup_sketch" where "brand" = ? and "metric" in ${placeholders(DURATION_METRICS.length)} and "day" in ${inDays} group by "day", "agent", "metric", "bucket"`,
    [brand, ...DURATION_METRICS, ...days],
  );
  const sketches = new SketchSums(brand);
  for (const r of fine) {
    sketches.add("day", r.day, "agent", r.agent, r.metric, Number(r.bucket), Number(r.n));
    sketches.add("day", r.day, "brand", "", r.metric, Number(r.bucket), Number(r.n));
  }
  await writeRows(db, backend, "rollup_sketch_span", sketches.rows());

  // Weeks and months: the sums of their day spans, now up to date.
  const longer = new Map<string, { span: Span; start: string }>();
  for (const day of days)
    for (const span of ["week", "month"] as const)
      longer.set(`${span}:${spanStart(span, day)}`, { span, start: spanStart(span, day) });
  for (const { span, start } of longer.values()) await refreshLongSpan(db, backend, brand, span, start);
}

/** A week or month span of one brand, from its day spans. */
async function refreshLongSpan(db: Kysely<Database>, backend: Backend, brand: string, span: Span, start: string) {
  const key = [brand, span, start];
  for (const table of SPAN_TABLES)
    await runSql(db, backend, `delete from "${table}" where "brand" = ? and "span" = ? and "start" = ?`, key);
  const days = [brand, start, spanEnd(span, start)];
  const ofDays = `from "%t" where "brand" = ? and "span" = 'day' and "start" >= ? and "start" < ?`;
  await runSql(
    db,
    backend,
    `insert into "rollup_daily_span" ("brand", "span", "start", "scope", "agent", ${COUNTS}) select "brand", cast(? as text), cast(? as text), "scope", "agent", ${COUNT_SUMS} ${ofDays.replace("%t", "rollup_daily_span")} group by "brand", "scope", "agent"`,
    [span, start, ...days],
  );
  await runSql(
    db,
    backend,
    `insert into "rollup_sla_span" ("brand", "span", "start", "scope", "agent", "clock", "met", "late", "breached") select "brand", cast(? as text), cast(? as text), "scope", "agent", "clock", ${SLA_SUMS} ${ofDays.replace("%t", "rollup_sla_span")} group by "brand", "scope", "agent", "clock"`,
    [span, start, ...days],
  );
  const daySketches = await runSql<{ scope: "brand" | "agent"; agent: string; metric: string; buckets: string }>(
    db,
    backend,
    `select "scope", "agent", "metric", "buckets" ${ofDays.replace("%t", "rollup_sketch_span")}`,
    days,
  );
  const sketches = new SketchSums(brand);
  for (const r of daySketches)
    forEachBucket(r.buckets, (b, n) => sketches.add(span, start, r.scope, r.agent, r.metric, b, n));
  await writeRows(db, backend, "rollup_sketch_span", sketches.rows());
}

/** Sketch buckets summed per span sketch key, written as rollup_sketch_span rows. */
class SketchSums {
  private readonly sums = new Map<string, { key: SketchSpanKey; buckets: Map<number, number> }>();
  constructor(private readonly brand: string) {}

  add(span: Span, start: string, scope: "brand" | "agent", agent: string, metric: string, bucket: number, n: number) {
    const id = `${span}\u001f${start}\u001f${scope}\u001f${agent}\u001f${metric}`;
    let entry = this.sums.get(id);
    if (!entry) {
      entry = { key: { brand: this.brand, span, start, scope, agent, metric }, buckets: new Map() };
      this.sums.set(id, entry);
    }
    entry.buckets.set(bucket, (entry.buckets.get(bucket) ?? 0) + n);
  }

  rows(): Array<SketchSpanKey & { buckets: string }> {
    const out: Array<SketchSpanKey & { buckets: string }> = [];
    for (const { key, buckets } of this.sums.values()) {
      const text = encodeBuckets(buckets);
      if (text !== "[]") out.push({ ...key, buckets: text });
    }
    return out;
  }
}
