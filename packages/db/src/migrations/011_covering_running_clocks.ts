import { type Kysely, sql } from "kysely";

/**
 * The index of running clocks (never stopped) by period day now also holds what the metric reads
 * take from them — the clock, its agent, category and channel, its start and deadlines — so that
 * counting them by status at asOf reads the index alone. Before, each running clock of the period
 * was looked up in the table: on the 1M-ticket demo store ~9,500 rows per 90-day read, 11 of the
 * scorecard's 15 ms in the database (docs/benchmarks.md). Only running clocks are in it, so the
 * wider entries cost little to write.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("clocks_running_period_idx").ifExists().execute();
  await db.schema
    .createIndex("clocks_running_period_idx")
    .on("clocks")
    .columns([
      "brand",
      "period_day",
      "clock",
      "agent",
      "category",
      "channel",
      "started_at",
      "target_deadline",
      "limit_deadline",
      // Always null here, but SQLite reads a column the query names from the table unless the index has it.
      "stopped_at",
    ])
    .where(sql.ref("stopped_at"), "is", null)
    .execute();
}
