import { sql } from "kysely";
import type { CaliperDb } from "../database.ts";
import type { Database } from "../schema.ts";

/**
 * `table` as a FROM item that SQLite reads along `index` (INDEXED BY): for the few queries
 * whose plan SQLite gets wrong whatever its statistics say. PostgreSQL plans them itself and
 * gets the plain table. Usable in `selectFrom` and inside `sql` templates alike.
 */
export function indexedTable<T extends keyof Database & string>(cdb: CaliperDb, table: T, index: string): T {
  const from = cdb.backend === "sqlite" ? sql`${sql.table(table)} indexed by ${sql.raw(index)}` : sql.table(table);
  return from as unknown as T;
}
