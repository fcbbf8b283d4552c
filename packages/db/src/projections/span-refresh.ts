import type { Kysely } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import { placeholders, runSql } from "../raw-sql.ts";
import type { Database } from "../schema.ts";
import { monthStart, type Span, spanEnd, spanId, spanStart, weekStart } from "../spans.ts";
import { COUNT_COLUMN_NAMES } from "./count-columns.ts";
import { encodeBuckets, forEachBucket, type SketchSpanKey } from "./sketch-spans.ts";

/*
 * The span rollups (rollup_daily_span, rollup_sla_span, rollup_sketch_span: a brand's and each
 * agent's sums per local day, ISO week and month) hold the same contributions as the per-day
 * rollups. The write that changes a day keeps its day spans up to date in its own transaction,
 * but not the week and month holding it: it marks them in rollup_span_dirty (`markLongSpans`),
 * and `refreshSpans` later sums them again from their day spans and removes the marks. Reads
 * never take a marked week or month: they cover it with its weeks and days instead
 * (`markedLongSpans`, `coverDays`), so every answer holds every write, refreshed or not.
 *
 * Merging every change into the six spans of each changed day in the write was ~300 keyed rows
 * read, merged and written back per commit whatever its size (43% of the time of single events
 * in groups of 64, docs/benchmarks.md). Weeks and months are a third of those rows and the ones
 * every commit of a day touches again; a refresh sums each marked one once, however many commits
 * marked it, and is idempotent: any process may run it at any time, and marks left by a process
 * that stopped before refreshing are refreshed by the next.
 */

/** A week or month span of a brand whose day spans changed since it was last summed. */
export interface LongSpan {
  span: "week" | "month";
  /** First local date of the span. */
  start: string;
}

const LONG: readonly LongSpan["span"][] = ["week", "month"];

const MARK_SQLITE = `on conflict ("brand", "span", "start") do nothing`;
// PostgreSQL: an update takes the row's lock, so a write marking a span that a refresh holds
// (FOR UPDATE) waits for it and then marks it again; with DO NOTHING it could commit day spans
// the refresh did not see, and the refresh would remove the mark.
const MARK_POSTGRES = `on conflict ("brand", "span", "start") do update set "start" = excluded."start"`;

/**
 * Marks the week and month of each (brand, day) given, in the writing transaction: they wait for
 * their refresh. `days` may repeat pairs and carry other fields.
 */
export async function markLongSpans(
  db: Kysely<Database>,
  backend: Backend,
  days: Iterable<{ brand: string; day: string }>,
): Promise<void> {
  const marks = new Map<string, { brand: string; span: string; start: string }>();
  for (const { brand, day } of days)
    for (const span of LONG) {
      const start = spanStart(span, day);
      marks.set(`${brand}\u001f${span}\u001f${start}`, { brand, span, start });
    }
  if (marks.size === 0) return;
  // In key order, so that concurrent writers on PostgreSQL lock marks in the same order.
  const rows = [...marks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  for (let i = 0; i < rows.length; i += 256) {
    const chunk = rows.slice(i, i + 256);
    await runSql(
      db,
      backend,
      `insert into "rollup_span_dirty" ("brand", "span", "start") values ${chunk.map(() => "(?, ?, ?)").join(", ")} ${backend === "postgres" ? MARK_POSTGRES : MARK_SQLITE}`,
      chunk.flatMap((m) => [m.brand, m.span, m.start]),
    );
  }
}

/** The marked weeks and months of a brand that hold any day of [firstDay, endDay), as `spanId`s. */
export async function markedLongSpans(
  db: Kysely<Database>,
  backend: Backend,
  brand: string,
  firstDay: string,
  endDay: string,
): Promise<Set<string>> {
  const from = [monthStart(firstDay), weekStart(firstDay)].sort()[0] as string;
  const rows = await runSql<LongSpan>(
    db,
    backend,
    `select "span", "start" from "rollup_span_dirty" where "brand" = ? and "start" >= ? and "start" < ?`,
    [brand, from, endDay],
  );
  return new Set(rows.map((r) => spanId(r.span, r.start)));
}

/**
 * Most spans one refresh transaction sums, all of one brand (the rest wait for the next). Writes
 * wait while it runs: a month of the 1M-ticket demo store takes ~10 ms, a week less.
 */
export const REFRESH_SPANS = 8;

/** A brand's marked weeks and months that one transaction refreshes. */
export interface RefreshBatch {
  brand: string;
  spans: LongSpan[];
}

/** The spans marked now, as refresh batches: each brand's in order, at most `size` a batch. */
export async function spanRefreshBatches(
  db: Kysely<Database>,
  backend: Backend,
  size = REFRESH_SPANS,
): Promise<RefreshBatch[]> {
  const marks = await runSql<LongSpan & { brand: string }>(
    db,
    backend,
    `select "brand", "span", "start" from "rollup_span_dirty" order by "brand", "span", "start"`,
    [],
  );
  const out: RefreshBatch[] = [];
  for (const m of marks) {
    const last = out[out.length - 1];
    const span = { span: m.span, start: m.start };
    if (last && last.brand === m.brand && last.spans.length < size) last.spans.push(span);
    else out.push({ brand: m.brand, spans: [span] });
  }
  return out;
}

/**
 * Sums the spans of a batch again from their day spans and removes their marks, in one
 * transaction; spans no longer marked (another process refreshed them) are left alone. Returns
 * how many it refreshed. On PostgreSQL the marks are locked first (a write marking one of them
 * meanwhile waits, and marks it again after), and marks another process holds are skipped, so
 * that API processes sharing a database never refresh the same span twice.
 */
export async function refreshSpanBatch(db: Kysely<Database>, backend: Backend, batch: RefreshBatch): Promise<number> {
  if (batch.spans.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const marked: LongSpan[] = [];
    for (const span of LONG) {
      const starts = batch.spans.filter((s) => s.span === span).map((s) => s.start);
      if (starts.length === 0) continue;
      const rows = await runSql<{ start: string }>(
        trx,
        backend,
        `select "start" from "rollup_span_dirty" where "brand" = ? and "span" = ? and "start" in ${placeholders(starts.length)} order by "start"${backend === "postgres" ? " for update skip locked" : ""}`,
        [batch.brand, span, ...starts],
      );
      for (const r of rows) marked.push({ span, start: r.start });
    }
    for (const { span, start } of marked) {
      await sumLongSpan(trx, backend, batch.brand, span, start);
      await runSql(trx, backend, `delete from "rollup_span_dirty" where "brand" = ? and "span" = ? and "start" = ?`, [
        batch.brand,
        span,
        start,
      ]);
    }
    return marked.length;
  });
}

/**
 * Refreshes up to `limit` of the marked spans, oldest brand and span first, a transaction per
 * batch. Returns how many (0: nothing was marked).
 */
export async function refreshSpans(db: Kysely<Database>, backend: Backend, limit: number): Promise<number> {
  let left = limit;
  for (const batch of await spanRefreshBatches(db, backend)) {
    if (left <= 0) break;
    left -= await refreshSpanBatch(db, backend, { brand: batch.brand, spans: batch.spans.slice(0, left) });
  }
  return limit - left;
}

/** Refreshes every marked span, until none is left; returns how many in all. */
export async function refreshAllSpans(db: Kysely<Database>, backend: Backend): Promise<number> {
  let total = 0;
  for (let batches = await spanRefreshBatches(db, backend); batches.length > 0; ) {
    let pass = 0;
    for (const batch of batches) pass += await refreshSpanBatch(db, backend, batch);
    // Nothing this pass: another process holds the marks (PostgreSQL); wait for it to finish.
    if (pass === 0) await new Promise((r) => setTimeout(r, 20));
    total += pass;
    batches = await spanRefreshBatches(db, backend);
  }
  return total;
}

const SPAN_TABLES = ["rollup_daily_span", "rollup_sla_span", "rollup_sketch_span"] as const;
const COUNTS = COUNT_COLUMN_NAMES.map((c) => `"${c}"`).join(", ");
const COUNT_SUMS = COUNT_COLUMN_NAMES.map((c) => `sum("${c}")`).join(", ");

/** A week or month span of one brand, both scopes, summed again from its day spans. */
async function sumLongSpan(db: Kysely<Database>, backend: Backend, brand: string, span: Span, start: string) {
  const key = [brand, span, start];
  for (const table of SPAN_TABLES)
    await runSql(db, backend, `delete from "${table}" where "brand" = ? and "span" = ? and "start" = ?`, key);
  const days = [brand, start, spanEnd(span, start)];
  const ofDays = (table: string) =>
    `from "${table}" where "brand" = ? and "span" = 'day' and "start" >= ? and "start" < ?`;
  await runSql(
    db,
    backend,
    `insert into "rollup_daily_span" ("brand", "span", "start", "scope", "agent", ${COUNTS}) select "brand", cast(? as text), cast(? as text), "scope", "agent", ${COUNT_SUMS} ${ofDays("rollup_daily_span")} group by "brand", "scope", "agent"`,
    [span, start, ...days],
  );
  await runSql(
    db,
    backend,
    `insert into "rollup_sla_span" ("brand", "span", "start", "scope", "agent", "clock", "met", "late", "breached") select "brand", cast(? as text), cast(? as text), "scope", "agent", "clock", sum("met"), sum("late"), sum("breached") ${ofDays("rollup_sla_span")} group by "brand", "scope", "agent", "clock"`,
    [span, start, ...days],
  );
  const daySketches = await runSql<{ scope: "brand" | "agent"; agent: string; metric: string; buckets: string }>(
    db,
    backend,
    `select "scope", "agent", "metric", "buckets" ${ofDays("rollup_sketch_span")}`,
    days,
  );
  const sums = new Map<string, { key: SketchSpanKey; buckets: Map<number, number> }>();
  for (const r of daySketches) {
    const id = `${r.scope}\u001f${r.agent}\u001f${r.metric}`;
    let entry = sums.get(id);
    if (!entry) {
      entry = { key: { brand, span, start, scope: r.scope, agent: r.agent, metric: r.metric }, buckets: new Map() };
      sums.set(id, entry);
    }
    const into = entry.buckets;
    forEachBucket(r.buckets, (b, n) => into.set(b, (into.get(b) ?? 0) + n));
  }
  const rows: Array<SketchSpanKey & { buckets: string }> = [];
  for (const { key, buckets } of sums.values()) {
    const text = encodeBuckets(buckets);
    if (text !== "[]") rows.push({ ...key, buckets: text });
  }
  await writeRows(db, backend, "rollup_sketch_span", rows);
}
