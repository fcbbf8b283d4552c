import type { Kysely } from "kysely";

/**
 * rollup_span_dirty: the ISO weeks and months of a brand whose day spans changed since they were
 * last summed from them. A write keeps the day span rollups up to date and marks the week and
 * month holding each day it changed, instead of merging into them too; `refreshSpans` sums the
 * marked ones again and removes the marks; until then reads cover them with their weeks and days.
 * Nothing to fill on an existing store: its spans are up to date.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rollup_span_dirty")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("span", "text", (c) => c.notNull())
    .addColumn("start", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rollup_span_dirty_pk", ["brand", "span", "start"])
    .execute();
}
