import type { CreateTableBuilder, Kysely } from "kysely";
import type { Backend } from "../dialect.ts";
import { fillCountSpans } from "../projections/span-backfill.ts";

const COUNT_COLUMNS = [
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
  "frt_sum_ms",
  "frt_business_sum_ms",
  "resolution_sum_ms",
] as const;

const SPAN_KEY = ["brand", "span", "start", "scope", "agent"] as const;

// biome-ignore lint/suspicious/noExplicitAny: column lists are built in loops, below the typed schema.
type Builder = CreateTableBuilder<any, any>;

/**
 * rollup_daily and rollup_sla summed per local day, ISO week and month of creation, for the
 * whole brand (scope 'brand', agent '') and for each agent (scope 'agent'), without category
 * and channel: reads without those filters sum a few dozen rows instead of one per
 * day × agent × category × channel. Also an index for the orders' "changed after asOf" check.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  let daily: Builder = db.schema.createTable("rollup_daily_span");
  for (const k of SPAN_KEY) daily = daily.addColumn(k, "text", (c) => c.notNull());
  for (const col of COUNT_COLUMNS)
    daily = daily.addColumn(col, col.endsWith("_ms") ? "bigint" : "integer", (c) => c.notNull());
  await daily.addPrimaryKeyConstraint("rollup_daily_span_pk", [...SPAN_KEY]).execute();

  let sla: Builder = db.schema.createTable("rollup_sla_span");
  for (const k of SPAN_KEY) sla = sla.addColumn(k, "text", (c) => c.notNull());
  await sla
    .addColumn("clock", "text", (c) => c.notNull())
    .addColumn("met", "integer", (c) => c.notNull())
    .addColumn("late", "integer", (c) => c.notNull())
    .addColumn("breached", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("rollup_sla_span_pk", [...SPAN_KEY, "clock"])
    .execute();

  await fillCountSpans(db, backend);
  await db.schema.createIndex("orders_last_event_idx").on("orders").columns(["brand", "last_event_at"]).execute();
}
