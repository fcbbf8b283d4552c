import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("orders")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull())
    .addColumn("placed_at", "text")
    .addColumn("shipped_at", "text")
    .addColumn("delivered_at", "text")
    .addColumn("return_requested_at", "text")
    .addColumn("return_reason", "text")
    .addColumn("return_received_at", "text")
    .addColumn("passed_inspection", "integer")
    .addColumn("refunded_at", "text")
    .addColumn("refund_amount", "double precision")
    .addColumn("refund_currency", "text")
    .addColumn("period_at", "text", (c) => c.notNull())
    .addColumn("period_day", "text", (c) => c.notNull())
    .addColumn("last_event_at", "text", (c) => c.notNull())
    .addColumn("event_count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("orders_pk", ["brand", "order_id"])
    .execute();
  await db.schema.createIndex("orders_period_idx").on("orders").columns(["brand", "period_at"]).execute();

  await db.schema
    .createTable("clocks")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("clock", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("ticket_id", "text")
    .addColumn("order_id", "text")
    .addColumn("period_at", "text", (c) => c.notNull())
    .addColumn("period_day", "text", (c) => c.notNull())
    .addColumn("agent", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("stopped_at", "text")
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("target_text", "text", (c) => c.notNull())
    .addColumn("limit_text", "text", (c) => c.notNull())
    .addColumn("target_deadline", "text", (c) => c.notNull())
    .addColumn("limit_deadline", "text", (c) => c.notNull())
    .addColumn("factor", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("clocks_pk", ["brand", "clock", "subject_id", "seq"])
    .execute();
  await db.schema.createIndex("clocks_period_idx").on("clocks").columns(["brand", "period_at", "clock"]).execute();
  await db.schema
    .createIndex("clocks_running_idx")
    .on("clocks")
    .columns(["brand", "stopped_at", "limit_deadline"])
    .execute();
  await db.schema.createIndex("clocks_ticket_idx").on("clocks").columns(["brand", "ticket_id"]).execute();
  await db.schema.createIndex("clocks_order_idx").on("clocks").columns(["brand", "order_id"]).execute();
}
