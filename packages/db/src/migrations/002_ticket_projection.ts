import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tickets")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text")
    .addColumn("created_by", "text")
    .addColumn("created_day", "text")
    .addColumn("channel", "text")
    .addColumn("category", "text")
    .addColumn("priority", "text")
    .addColumn("subject", "text")
    .addColumn("customer_id", "text")
    .addColumn("order_id", "text")
    .addColumn("status", "text")
    .addColumn("assignee", "text")
    .addColumn("first_reply_at", "text")
    .addColumn("first_reply_agent", "text")
    .addColumn("human_replies", "integer", (c) => c.notNull())
    .addColumn("reopens", "integer", (c) => c.notNull())
    .addColumn("solved_at", "text")
    .addColumn("agent", "text")
    .addColumn("frt_applies", "integer", (c) => c.notNull())
    .addColumn("frt_seconds", "double precision")
    .addColumn("frt_business_seconds", "double precision")
    .addColumn("resolution_seconds", "double precision")
    .addColumn("rating", "integer")
    .addColumn("rating_at", "text")
    .addColumn("rating_comment", "text")
    .addColumn("flags", "integer", (c) => c.notNull())
    .addColumn("last_event_at", "text", (c) => c.notNull())
    .addColumn("event_count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tickets_pk", ["brand", "ticket_id"])
    .execute();
  await db.schema.createIndex("tickets_created_idx").on("tickets").columns(["brand", "created_at"]).execute();
  await db.schema.createIndex("tickets_agent_idx").on("tickets").columns(["brand", "agent", "created_at"]).execute();
  await db.schema.createIndex("tickets_last_event_idx").on("tickets").columns(["brand", "last_event_at"]).execute();
}
