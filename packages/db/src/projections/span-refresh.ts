import { DURATION_METRICS } from "@caliper/metrics";
import type { Kysely } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import { placeholders, runSql } from "../raw-sql.ts";
import type { Database } from "../schema.ts";
import type { Span } from "../spans.ts";
import { COUNT_COLUMN_NAMES } from "./count-columns.ts";
import { CountSpanDelta } from "./count-spans.ts";
import { encodeBuckets, forEachBucket, type SketchSpanKey, SketchSpanDelta } from "./sketch-spans.ts";

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
 * wait while it runs: on the 1M-ticket demo store a day takes ~6 ms, half of it reading the day's
 * per-day sketch rows (~1,100 after grouping).
 */
export const REFRESH_DAYS = 4;

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
 * Recomputes the span rollups of the days (of one brand) that are still marked from the per-day
 * rollups and removes their marks, in one transaction; returns how many it refreshed. On
 * PostgreSQL the marks are locked first (a write marking one of those days meanwhile waits, and
 * marks it again after), and marks another process is refreshing are skipped, so that several
 * API processes never do the same refresh twice.
 */
export async function refreshSpanDays(db: Kysely<Database>, backend: Backend, batch: RefreshBatch): Promise<number> {
  if (batch.days.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const marked = await runSql<{ day: string }>(
      trx,
      backend,
      `select "day" from "rollup_span_dirty" where "brand" = ? and "day" in ${placeholders(batch.days.length)} order by "day"${backend === "postgres" ? " for update skip locked" : ""}`,
      [batch.brand, ...batch.days],
    );
    const days = marked.map((m) => m.day);
    if (days.length === 0) return 0;
    await refreshDays(trx, backend, batch.brand, days);
    await runSql(
      trx,
      backend,
      `delete from "rollup_span_dirty" where "brand" = ? and "day" in ${placeholders(days.length)}`,
      [batch.brand, ...days],
    );
    return days.length;
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
    left -= await refreshSpanDays(db, backend, { brand: batch.brand, days: batch.days.slice(0, left) });
  }
  return limit - left;
}

/** Refreshes every marked day, until none is left; returns how many days in all. */
export async function refreshAllSpans(db: Kysely<Database>, backend: Backend): Promise<number> {
  let total = 0;
  for (let batches = await spanRefreshBatches(db, backend); batches.length > 0; ) {
    let pass = 0;
    for (const batch of batches) pass += await refreshSpanDays(db, backend, batch);
    // Nothing this pass: another process holds the marks (PostgreSQL); wait for it to finish.
    if (pass === 0) await new Promise((r) => setTimeout(r, 20));
    total += pass;
    batches = await spanRefreshBatches(db, backend);
  }
  return total;
}

const SPAN_TABLES = ["rollup_daily_span", "rollup_sla_span", "rollup_sketch_span"] as const;
const COUNTS = COUNT_COLUMN_NAMES.map((c) => `"${c}"`).join(", ");
const COUNT_SUMS = COUNT_COLUMN_NAMES.map((c) => `sum("${c}") as "${c}"`).join(", ");
const LONGER: readonly Span[] = ["week", "month"];

type CountColumn = (typeof COUNT_COLUMN_NAMES)[number];
type Counts = Record<CountColumn, number>;
type CountRow = { day: string; agent: string } & Counts;
type SlaRow = { day: string; agent: string; clock: string; met: number; late: number; breached: number };

/**
 * The day spans of `days` (one brand) recomputed from the per-day rows, and the change of each
 * agent's day added to the weeks and months holding it (with the brand's): weeks and months
 * always equal the sum of their stored day spans, so they take the change without being read
 * whole.
 */
async function refreshDays(db: Kysely<Database>, backend: Backend, brand: string, days: readonly string[]) {
  const inDays = placeholders(days.length);
  const params = [brand, ...days];
  const ofDays = `where "brand" = ? and "span" = 'day' and "start" in ${inDays} and "scope" = 'agent'`;
  const oldCounts = await runSql<CountRow>(
    db,
    backend,
    `select "start" as "day", "agent", ${COUNTS} from "rollup_daily_span" ${ofDays}`,
    params,
  );
  const oldSla = await runSql<SlaRow>(
    db,
    backend,
    `select "start" as "day", "agent", "clock", "met", "late", "breached" from "rollup_sla_span" ${ofDays}`,
    params,
  );
  const oldSketches = await runSql<{ day: string; agent: string; metric: string; buckets: string }>(
    db,
    backend,
    `select "start" as "day", "agent", "metric", "buckets" from "rollup_sketch_span" ${ofDays}`,
    params,
  );
  const newCounts = await runSql<CountRow>(
    db,
    backend,
    `select "day", "agent", ${COUNT_SUMS} from "rollup_daily" where "brand" = ? and "day" in ${inDays} group by "day", "agent"`,
    params,
  );
  const newSla = await runSql<SlaRow>(
    db,
    backend,
    `select "day", "agent", "clock", sum("met") as "met", sum("late") as "late", sum("breached") as "breached" from "rollup_sla" where "brand" = ? and "day" in ${inDays} group by "day", "agent", "clock"`,
    params,
  );
  const fine = await runSql<{ day: string; agent: string; metric: string; bucket: number; n: number }>(
    db,
    backend,
    // The key starts (brand, metric, day): naming the metrics lets it seek each one's days.
    `select "day", "agent", "metric", "bucket", sum("n") as "n" from "rollup_sketch" where "brand" = ? and "metric" in ${placeholders(DURATION_METRICS.length)} and "day" in ${inDays} group by "day", "agent", "metric", "bucket"`,
    [brand, ...DURATION_METRICS, ...days],
  );

  // The day spans, written anew: each agent's, and the brand's (the sum of its agents').
  for (const table of SPAN_TABLES)
    await runSql(
      db,
      backend,
      `delete from "${table}" where "brand" = ? and "span" = 'day' and "start" in ${inDays}`,
      params,
    );
  const dayKey = (day: string, scope: "brand" | "agent", agent: string) => ({
    brand,
    span: "day" as const,
    start: day,
    scope,
    agent,
  });
  const countRows = new Map<string, ReturnType<typeof dayKey> & Counts>();
  const slaRows = new Map<string, ReturnType<typeof dayKey> & Omit<SlaRow, "day" | "agent">>();
  const sketches = new SketchSums(brand);
  for (const r of newCounts)
    for (const [scope, agent] of [
      ["agent", r.agent],
      ["brand", ""],
    ] as const) {
      const id = `${r.day}\u001f${scope}\u001f${agent}`;
      let row = countRows.get(id);
      if (!row) {
        row = { ...dayKey(r.day, scope, agent), ...zeroCounts() };
        countRows.set(id, row);
      }
      for (const c of COUNT_COLUMN_NAMES) row[c] += Number(r[c]);
    }
  for (const r of newSla)
    for (const [scope, agent] of [
      ["agent", r.agent],
      ["brand", ""],
    ] as const) {
      const id = `${r.day}\u001f${scope}\u001f${agent}\u001f${r.clock}`;
      let row = slaRows.get(id);
      if (!row) {
        row = { ...dayKey(r.day, scope, agent), clock: r.clock, met: 0, late: 0, breached: 0 };
        slaRows.set(id, row);
      }
      row.met += Number(r.met);
      row.late += Number(r.late);
      row.breached += Number(r.breached);
    }
  for (const r of fine) {
    sketches.add("day", r.day, "agent", r.agent, r.metric, Number(r.bucket), Number(r.n));
    sketches.add("day", r.day, "brand", "", r.metric, Number(r.bucket), Number(r.n));
  }
  await writeRows(db, backend, "rollup_daily_span", [...countRows.values()]);
  await writeRows(db, backend, "rollup_sla_span", [...slaRows.values()]);
  await writeRows(db, backend, "rollup_sketch_span", sketches.rows());

  // Weeks and months: each agent's day, new minus as it was.
  const counts = new CountSpanDelta(LONGER);
  const buckets = new SketchSpanDelta(LONGER);
  for (const [rows, sign] of [
    [oldCounts, -1],
    [newCounts, 1],
  ] as const)
    for (const r of rows) {
      const values = zeroCounts();
      for (const c of COUNT_COLUMN_NAMES) values[c] = sign * Number(r[c]);
      counts.addCounts(brand, r.day, r.agent, values);
    }
  for (const [rows, sign] of [
    [oldSla, -1],
    [newSla, 1],
  ] as const)
    for (const r of rows)
      counts.addClock(brand, r.day, r.agent, r.clock, {
        met: sign * Number(r.met),
        late: sign * Number(r.late),
        breached: sign * Number(r.breached),
      });
  for (const r of oldSketches) forEachBucket(r.buckets, (b, n) => buckets.add(brand, r.day, r.agent, r.metric, b, -n));
  for (const r of fine) buckets.add(brand, r.day, r.agent, r.metric, Number(r.bucket), Number(r.n));
  await counts.apply(db, backend);
  await buckets.apply(db, backend);
}

const zeroCounts = (): Counts => Object.fromEntries(COUNT_COLUMN_NAMES.map((c) => [c, 0])) as Counts;

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
