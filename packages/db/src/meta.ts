import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * `caliper_meta`: small named values the store keeps about itself (the policy fingerprints its
 * projections were computed with, a bulk load still pending, indexes set aside, the development
 * secret). One row per key.
 */

/** The value stored under `key`, or undefined. */
export async function readMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return (await db.selectFrom("caliper_meta").select("value").where("key", "=", key).executeTakeFirst())?.value;
}

/** Stores `value` under `key`, replacing what was there. */
export async function writeMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto("caliper_meta")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** Forgets `key` (nothing happens if it is not there). */
export async function deleteMeta(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("caliper_meta").where("key", "=", key).execute();
}
