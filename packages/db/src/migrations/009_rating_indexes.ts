import { type Kysely, sql } from "kysely";

/**
 * Recent customer ratings (scorecard, overview): the newest rated tickets of a brand or an
 * agent, found from the newest rating back instead of through every ticket of the period.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("tickets_rating_idx")
    .ifNotExists()
    .on("tickets")
    .columns(["brand", "rating_at"])
    .where(sql.ref("rating"), "is not", null)
    .execute();
  await db.schema
    .createIndex("tickets_agent_rating_idx")
    .ifNotExists()
    .on("tickets")
    .columns(["brand", "agent", "rating_at"])
    .where(sql.ref("rating"), "is not", null)
    .execute();
}
