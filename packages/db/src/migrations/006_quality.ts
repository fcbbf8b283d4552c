import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  // Message-rule flags on agent messages: derived (rebuilt from the log like every projection).
  await db.schema
    .createTable("flags")
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("span_start", "integer", (c) => c.notNull())
    .addColumn("span_end", "integer", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("policy", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("agent", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("flags_pk", ["brand", "event_id", "rule"])
    .execute();
  await db.schema.createIndex("flags_ticket_idx").on("flags").columns(["brand", "ticket_id"]).execute();
  await db.schema.createIndex("flags_agent_idx").on("flags").columns(["brand", "agent", "at"]).execute();

  // QA reviews and audit samples are records people make, not projections: rebuild keeps them.
  await db.schema
    .createTable("reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("agent", "text")
    .addColumn("reviewer", "text", (c) => c.notNull())
    .addColumn("sample_id", "text")
    .addColumn("ratings", "text", (c) => c.notNull())
    .addColumn("comments", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("score", "double precision")
    .addColumn("pass", "integer", (c) => c.notNull())
    .addColumn("critical_fail", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reviews_ticket_idx").on("reviews").columns(["brand", "ticket_id"]).execute();
  await db.schema.createIndex("reviews_agent_idx").on("reviews").columns(["brand", "agent"]).execute();
  await db.schema.createIndex("reviews_sample_idx").on("reviews").columns(["sample_id"]).execute();

  await db.schema
    .createTable("audit_samples")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("per_agent", "integer", (c) => c.notNull())
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("strategy", "text", (c) => c.notNull())
    /** JSON: stratum -> population size when drawn (for the Horvitz-Thompson estimate). */
    .addColumn("strata", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_samples_brand_idx").on("audit_samples").columns(["brand", "created_at"]).execute();
  await db.schema
    .createTable("audit_sample_tickets")
    .addColumn("sample_id", "text", (c) => c.notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("agent", "text")
    .addColumn("stratum", "text", (c) => c.notNull())
    .addColumn("inclusion_probability", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("audit_sample_tickets_pk", ["sample_id", "ticket_id"])
    .execute();
}
