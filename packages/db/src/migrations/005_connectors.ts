import type { Kysely } from "kysely";
import type { Backend } from "../dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  await db.schema
    .createTable("connectors")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("secret_id", "text", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("connectors_pk", ["brand", "kind"])
    .execute();
  await db.schema
    .createTable("dead_letters")
    .addColumn("id", backend === "sqlite" ? "integer" : "bigserial", (c) =>
      backend === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("dead_letters_brand_idx").on("dead_letters").columns(["brand", "received_at"]).execute();
}
