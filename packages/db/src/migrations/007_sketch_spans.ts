import { type Kysely, sql } from "kysely";
import type { Backend } from "../dialect.ts";
import { fillSketchSpans } from "../projections/span-backfill.ts";

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
  await fillSketchSpans(db, backend);

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
