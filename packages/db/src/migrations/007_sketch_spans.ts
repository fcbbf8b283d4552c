import { type Kysely, sql } from "kysely";
import type { Backend } from "../dialect.ts";
import { SketchSpanDelta } from "../projections/sketch-spans.ts";

/**
 * Coarse sketches for fast reads, and indexes found missing by the read benchmarks
 * (docs/benchmarks.md, Reads 4 and 6).
 *
 * rollup_sketch_span holds one DDSketch per (brand, span, start, scope, agent, metric): the
 * merged buckets of every ticket created in that local day, ISO week or month, for the whole
 * brand (scope 'brand', agent '') or one agent (scope 'agent'). A 90-day overview merges a few
 * hundred of these instead of every bucket row of rollup_sketch.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  await db.schema
    .createTable("rollup_sketch_span")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("span", "text", (c) => c.notNull())
    .addColumn("start", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("agent", "text", (c) => c.notNull())
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("buckets", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rollup_sketch_span_pk", ["brand", "span", "start", "scope", "agent", "metric"])
    .execute();
  await backfillSketchSpans(db, backend);

  // Running clocks of a period (every metric read): only never-stopped clocks are indexed.
  await db.schema
    .createIndex("clocks_running_period_idx")
    .on("clocks")
    .columns(["brand", "period_day"])
    .where(sql.ref("stopped_at"), "is", null)
    .execute();
  // The SLA clocks page's order, so that a page stops after `limit` rows.
  await db.schema
    .createIndex("clocks_page_idx")
    .on("clocks")
    .columns(["brand", "started_at", "clock", "subject_id", "seq"])
    .execute();
}

/** Fills rollup_sketch_span from the fine sketch rows of rollup_sketch, one brand at a time. */
// biome-ignore lint/suspicious/noExplicitAny: runs inside migration 007, below the typed schema.
export async function backfillSketchSpans(db: Kysely<any>, backend: Backend): Promise<void> {
  const brands = (await db.selectFrom("rollup_sketch").select("brand").distinct().execute()) as Array<{
    brand: string;
  }>;
  for (const { brand } of brands) {
    const delta = new SketchSpanDelta();
    const rows = (await db
      .selectFrom("rollup_sketch")
      .select(["day", "agent", "metric", "bucket", sql<number>`sum(n)`.as("n")])
      .where("brand", "=", brand)
      .groupBy(["day", "agent", "metric", "bucket"])
      .execute()) as Array<{ day: string; agent: string; metric: string; bucket: number; n: number }>;
    for (const r of rows) delta.add(brand, r.day, r.agent, r.metric, Number(r.bucket), Number(r.n));
    await delta.apply(db, backend);
  }
}
