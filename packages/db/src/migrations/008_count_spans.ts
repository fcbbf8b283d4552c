import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import { CountSpanDelta } from "../projections/count-spans.ts";

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
export async function up(db: Kysely<any>): Promise<void> {
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

  await backfillCountSpans(db);
  await db.schema.createIndex("orders_last_event_idx").on("orders").columns(["brand", "last_event_at"]).execute();
}

/** Fills rollup_daily_span and rollup_sla_span from rollup_daily and rollup_sla, a brand at a time. */
// biome-ignore lint/suspicious/noExplicitAny: runs inside migration 008, below the typed schema.
export async function backfillCountSpans(db: Kysely<any>): Promise<void> {
  const brands = (await db
    .selectFrom("rollup_daily")
    .select("brand")
    .union(db.selectFrom("rollup_sla").select("brand"))
    .execute()) as Array<{ brand: string }>;
  for (const { brand } of brands) {
    const delta = new CountSpanDelta();
    const daily = (await db
      .selectFrom("rollup_daily")
      .select(["day", "agent", ...COUNT_COLUMNS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
      .where("brand", "=", brand)
      .groupBy(["day", "agent"])
      .execute()) as Array<Record<(typeof COUNT_COLUMNS)[number], number> & { day: string; agent: string }>;
    for (const { day, agent, ...values } of daily)
      delta.addCounts(
        brand,
        day,
        agent,
        Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(values[c])])) as Record<
          (typeof COUNT_COLUMNS)[number],
          number
        >,
      );
    const sla = (await db
      .selectFrom("rollup_sla")
      .select([
        "day",
        "agent",
        "clock",
        sql<number>`sum(met)`.as("met"),
        sql<number>`sum(late)`.as("late"),
        sql<number>`sum(breached)`.as("breached"),
      ])
      .where("brand", "=", brand)
      .groupBy(["day", "agent", "clock"])
      .execute()) as Array<{ day: string; agent: string; clock: string; met: number; late: number; breached: number }>;
    for (const r of sla)
      delta.addClock(brand, r.day, r.agent, r.clock, {
        met: Number(r.met),
        late: Number(r.late),
        breached: Number(r.breached),
      });
    await delta.apply(db);
  }
}
