import type { CreateTableBuilder, Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: column lists are built in loops, below the typed schema.
type Builder = CreateTableBuilder<any, any>;

const KEY = ["brand", "day", "agent", "category", "channel"] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per (brand, local day of creation, agent, category, channel): sums of ticket contributions.
  let daily: Builder = db.schema.createTable("rollup_daily");
  for (const k of KEY) daily = daily.addColumn(k, "text", (c) => c.notNull());
  for (const col of [
    "created",
    "solved",
    "frt_count",
    "awaiting",
    "resolution_count",
    "fcr",
    "reopened",
    "csat_responses",
    "csat_satisfied",
    "csat_rating_sum",
    "flags",
  ])
    daily = daily.addColumn(col, "integer", (c) => c.notNull());
  // Duration sums in whole milliseconds: integer sums are exact, so adding and removing
  // contributions in any order leaves no floating-point residue.
  for (const col of ["frt_sum_ms", "frt_business_sum_ms", "resolution_sum_ms"])
    daily = daily.addColumn(col, "bigint", (c) => c.notNull());
  await daily.addPrimaryKeyConstraint("rollup_daily_pk", [...KEY]).execute();

  // DDSketch buckets of duration metrics (frt, frt_business, resolution), mergeable by SUM(n) GROUP BY bucket.
  let sketch: Builder = db.schema.createTable("rollup_sketch");
  for (const k of KEY) sketch = sketch.addColumn(k, "text", (c) => c.notNull());
  sketch = sketch
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("bucket", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull());
  await sketch
    .addPrimaryKeyConstraint("rollup_sketch_pk", ["brand", "metric", "day", "agent", "category", "channel", "bucket"])
    .execute();

  // Finished SLA clock instances by status (running ones are read live from clocks).
  let sla: Builder = db.schema.createTable("rollup_sla");
  for (const k of KEY) sla = sla.addColumn(k, "text", (c) => c.notNull());
  sla = sla
    .addColumn("clock", "text", (c) => c.notNull())
    .addColumn("met", "integer", (c) => c.notNull())
    .addColumn("late", "integer", (c) => c.notNull())
    .addColumn("breached", "integer", (c) => c.notNull());
  await sla
    .addPrimaryKeyConstraint("rollup_sla_pk", ["brand", "day", "agent", "category", "channel", "clock"])
    .execute();
}
