import { type Kysely, sql } from "kysely";
import type { Backend } from "./dialect.ts";
import { deleteMeta, readMeta, writeMeta } from "./meta.ts";
import type { Database } from "./schema.ts";

/**
 * Secondary indexes set aside during a bulk load: filling a table and then building each index
 * in one sorted pass is several times cheaper than updating every index at every row (clocks
 * have six). Primary keys and unique constraints stay. Each index is kept as the statement that
 * recreates it, read from the catalog, so the definitions stay those of the migrations.
 *
 * The statements are also recorded in `caliper_meta`, with the drop, and forgotten with the
 * restore: a rebuild that commits page by page and is killed in between (a bulk load) would
 * otherwise lose the indexes for good, since the next one reads the catalog. The next drop
 * restores recorded indexes first.
 */
export interface SetAsideIndexes {
  /** CREATE INDEX IF NOT EXISTS statements, one per index dropped. */
  readonly statements: readonly string[];
}

const RECORD_KEY = "indexes_set_aside";

/** The statements of indexes a stopped earlier drop set aside and nothing restored, or none. */
async function recorded(db: Kysely<Database>): Promise<string[]> {
  const value = await readMeta(db, RECORD_KEY);
  return value === undefined ? [] : (JSON.parse(value) as string[]);
}

/**
 * Drops the secondary indexes of `tables` (after restoring any that an earlier drop recorded and
 * nothing restored) and returns how to recreate them; records that too.
 */
export async function dropSecondaryIndexes(
  db: Kysely<Database>,
  backend: Backend,
  tables: readonly string[],
): Promise<SetAsideIndexes> {
  for (const statement of await recorded(db)) await sql.raw(statement).execute(db);
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
  await writeMeta(db, RECORD_KEY, JSON.stringify(statements));
  return { statements };
}

/**
 * Brings back the indexes a stopped bulk load recorded and forgets the record. The migrations
 * call it before applying any: one that changes or drops such an index must find it, or its DROP
 * finds nothing and a later restore brings back the old definition.
 */
export async function restoreRecordedIndexes(db: Kysely<Database>): Promise<void> {
  await restoreIndexes(db, { statements: await recorded(db) });
}

/** Recreates indexes set aside by `dropSecondaryIndexes` (those that exist are left alone) and forgets the record. */
export async function restoreIndexes(db: Kysely<Database>, set: SetAsideIndexes): Promise<void> {
  for (const statement of set.statements) await sql.raw(statement).execute(db);
  await deleteMeta(db, RECORD_KEY);
}
