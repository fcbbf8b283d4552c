import type { Kysely } from "kysely";

/**
 * rollup_span_dirty: the local days of a brand whose per-day rollups changed since their span
 * rollups (day, ISO week and month; rollup_daily_span, rollup_sketch_span, rollup_sla_span) were
 * last brought up to date. Ingest marks a day here in its own transaction instead of merging
 * into ~300 span rows per commit; `refreshSpans` recomputes the spans of marked days from the
 * per-day rows and removes the marks; until then reads take those days from the per-day rows.
 * Nothing to fill on an existing store: its spans are up to date.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rollup_span_dirty")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rollup_span_dirty_pk", ["brand", "day"])
    .execute();
}
