import { type Kysely, sql } from "kysely";
import type { Backend } from "../dialect.ts";

/**
 * On PostgreSQL, every text column of Caliper's tables compares bytewise (`COLLATE "C"`), as
 * every column does on SQLite. Before, they took the database's default collation, so:
 *
 *  - the order of ids, agents, channels and categories depended on how the database was created
 *    (on an ICU "en-US" database "ana" sorts before "Zoe", on SQLite after it), and the two
 *    backends could list the same rows in different orders;
 *  - every comparison of keys, days and ISO-8601 timestamps in an index, a sort or a filter went
 *    through the locale's rules (strcoll), even on "C.UTF-8", which PostgreSQL does not treat as
 *    "C". Over HTTP, reads were 1.00-1.21x faster at p50 (the overview filtered by category,
 *    which sorts and groups the per-day sketch rows by text keys: 1.16x on the 50,000-ticket
 *    store, 1.21x on the 1,000,000-ticket one; docs/benchmarks.md).
 *
 * The columns are those of the tables the earlier migrations created (read from the catalog of the
 * current schema; kysely's own tables are left alone). Changing a column's collation rewrites no
 * table, but rebuilds every index on the column: on an existing store this takes about as long as
 * building its indexes (4 s for the 50,000-ticket demo store, about a minute for the 1,000,000-ticket
 * one), and each table that holds rows is analysed again,
 * since the change drops its columns' statistics. Later migrations declare their
 * text columns `COLLATE "C"` on PostgreSQL; a test checks that every text column has it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  if (backend !== "postgres") return;
  // From the catalog itself: information_schema's views take ~20 ms for the same answer.
  const found = await sql<{ table_name: string; column_name: string }>`
    select r.relname as table_name, a.attname as column_name
    from pg_attribute a
    join pg_class r on r.oid = a.attrelid
    where r.relnamespace = (select oid from pg_namespace where nspname = current_schema())
      and r.relkind = 'r' and r.relname not like 'kysely\\_%'
      and a.attnum > 0 and not a.attisdropped
      and a.atttypid = 'text'::regtype and a.attcollation <> '"C"'::regcollation
    order by r.relname, a.attnum`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of found.rows) {
    const columns = byTable.get(table_name);
    if (columns) columns.push(column_name);
    else byTable.set(table_name, [column_name]);
  }
  for (const [table, columns] of byTable) {
    // One statement per table: its indexes are rebuilt once, not once per column.
    await sql`alter table ${sql.id(table)} ${sql.join(
      columns.map((c) => sql`alter column ${sql.id(c)} type text collate "C"`),
    )}`.execute(db);
    // Altering a column's type drops its statistics, and autovacuum does not count that as a
    // change to analyse again: without this the planner guesses, and on the 50,000-ticket store
    // reads were 1.3-2.7x slower (p50) until an ANALYZE. (A new store's empty tables have none.)
    const held = await sql<{ any: boolean }>`select exists (select 1 from ${sql.id(table)}) as "any"`.execute(db);
    if (held.rows[0]?.any) await sql`analyze ${sql.id(table)}`.execute(db);
  }
}
