import { type Kysely, sql } from "kysely";
import type { Backend } from "./dialect.ts";
import type { Database } from "./schema.ts";

/**
 * Secondary indexes set aside during a bulk load: filling a table and then building each index
 * in one sorted pass is several times cheaper than updating every index at every row (clocks
 * have six). Primary keys and unique constraints stay. Each index is kept as the statement that
 * recreates it, read from the catalog, so the definitions stay those of the migrations.
 */
export interface SetAsideIndexes {
  /** CREATE INDEX IF NOT EXISTS statements, one per index dropped. */
  readonly statements: readonly string[];
}

/** Drops the secondary indexes of `tables` and returns how to recreate them. */
export async function dropSecondaryIndexes(
  db: Kysely<Database>,
  backend: Backend,
  tables: readonly string[],
): Promise<SetAsideIndexes> {
  const found =
    backend === "sqlite"
      ? await sql<{ name: string; def: string }>`
          select name, sql as def from sqlite_master
          where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})
          order by name`.execute(db)
      : await sql<{ name: string; def: string }>`
          select i.indexname as name, i.indexdef as def from pg_indexes i
          where i.schemaname = current_schema() and i.tablename in (${sql.join(tables)})
            and not exists (
              select 1 from pg_constraint c
              where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
          order by i.indexname`.execute(db);
  const statements: string[] = [];
  for (const { name, def } of found.rows) {
    statements.push(def.replace(/^\s*create\s+(unique\s+)?index\s+/i, (m) => `${m.trimEnd()} if not exists `));
    await sql`drop index ${sql.id(name)}`.execute(db);
  }
  return { statements };
}

/** Recreates indexes set aside by `dropSecondaryIndexes` (those that exist are left alone). */
export async function restoreIndexes(db: Kysely<Database>, set: SetAsideIndexes): Promise<void> {
  for (const statement of set.statements) await sql.raw(statement).execute(db);
}
