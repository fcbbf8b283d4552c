import { type Kysely, sql } from "kysely";
import type { Backend } from "../dialect.ts";
import { CountSpanDelta } from "./count-spans.ts";
import { COUNT_COLUMN_NAMES } from "./count-columns.ts";
import { SketchSpanDelta } from "./sketch-spans.ts";

/*
 * The span rollups computed in one pass from the per-day rollups, which hold the same
 * contributions: used by migrations 007 and 008 on existing stores and by `rebuild`.
 * Both expect the span tables to be empty.
 */

/** The brands with rows in any of `tables`, each once. */
async function brandsIn(
  // biome-ignore lint/suspicious/noExplicitAny: also runs inside migrations, below the typed schema.
  db: Kysely<any>,
  tables: readonly [string, ...string[]],
): Promise<string[]> {
  const [first, ...rest] = tables;
  let query = db.selectFrom(first).select("brand").distinct();
  for (const table of rest) query = query.union(db.selectFrom(table).select("brand"));
  return ((await query.execute()) as Array<{ brand: string }>).map((r) => r.brand);
}

/**
 * Fills rollup_sketch_span from the fine sketch rows of rollup_sketch, one brand at a time: every
 * brand's, or those of `only` (whose span rows are then expected to be absent).
 */
export async function fillSketchSpans(
  // biome-ignore lint/suspicious/noExplicitAny: also runs inside migrations, below the typed schema.
  db: Kysely<any>,
  backend: Backend,
  only: readonly string[] | null = null,
): Promise<void> {
  for (const brand of only ?? (await brandsIn(db, ["rollup_sketch"]))) {
    const delta = new SketchSpanDelta();
    const rows = (await db
      .selectFrom("rollup_sketch")
      .select(["day", "agent", "metric", "bucket", sql<number>`sum(n)`.as("n")])
      .where("brand", "=", brand)
      .groupBy(["day", "agent", "metric", "bucket"])
      .execute()) as Array<{ day: string; agent: string; metric: string; bucket: number; n: number }>;
    for (const r of rows) delta.add(brand, r.day, r.agent, r.metric, Number(r.bucket), Number(r.n));
    await delta.insertNew(db, backend);
  }
}

/**
 * Fills rollup_daily_span and rollup_sla_span from rollup_daily and rollup_sla, a brand at a time:
 * every brand's, or those of `only`.
 */
export async function fillCountSpans(
  // biome-ignore lint/suspicious/noExplicitAny: also runs inside migrations, below the typed schema.
  db: Kysely<any>,
  backend: Backend,
  only: readonly string[] | null = null,
): Promise<void> {
  for (const brand of only ?? (await brandsIn(db, ["rollup_daily", "rollup_sla"]))) {
    const delta = new CountSpanDelta();
    const daily = (await db
      .selectFrom("rollup_daily")
      .select(["day", "agent", ...COUNT_COLUMN_NAMES.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
      .where("brand", "=", brand)
      .groupBy(["day", "agent"])
      .execute()) as Array<Record<(typeof COUNT_COLUMN_NAMES)[number], number> & { day: string; agent: string }>;
    for (const row of daily)
      delta.addCounts(
        brand,
        row.day,
        row.agent,
        Object.fromEntries(COUNT_COLUMN_NAMES.map((c) => [c, Number(row[c])])) as Record<
          (typeof COUNT_COLUMN_NAMES)[number],
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
    await delta.apply(db, backend);
  }
}
