import type { CaliperDb } from "../database.ts";

/** Whether the log holds any event of `brand` (one seek of the (brand, id) key). */
export async function brandHasEvents(cdb: CaliperDb, brand: string): Promise<boolean> {
  const row = await cdb.db.selectFrom("events").select("id").where("brand", "=", brand).limit(1).executeTakeFirst();
  return row !== undefined;
}
