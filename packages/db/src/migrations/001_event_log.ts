import type { Kysely } from "kysely";
import type { Backend } from "../dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("seq", backend === "sqlite" ? "integer" : "bigserial", (c) =>
      backend === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("ticket_id", "text")
    .addColumn("order_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addUniqueConstraint("events_brand_id_unique", ["brand", "id"])
    .execute();
  await db.schema.createIndex("events_ticket_idx").on("events").columns(["brand", "ticket_id", "at"]).execute();
  await db.schema.createIndex("events_order_idx").on("events").columns(["brand", "order_id", "at"]).execute();

  await db.schema
    .createTable("caliper_meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("brands", "text")
    .addColumn("agent_id", "text")
    .addColumn("label", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
}
