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
 *    "C": in the suite's plans, sorts and groupings of text keys (the per-day sketch rows of an
 *    overview filtered by category: 1.3-1.5x faster in the database on the 50,000-ticket store).
 *
 * The columns are those of the tables the earlier migrations created (read from the catalog of the
 * current schema; kysely's own tables are left alone). Changing a column's collation rewrites no
 * table, but rebuilds every index on the column: on an existing store this takes about as long as
 * building its indexes (4.6 s for the 50,000-ticket demo store). Later migrations declare their
 * text columns `COLLATE "C"` on PostgreSQL; a test checks that every text column has it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema before it exists.
export async function up(db: Kysely<any>, backend: Backend): Promise<void> {
  if (backend !== "postgres") return;
  const found = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.data_type = 'text' and c.collation_name is distinct from 'C'
      and c.table_name not like 'kysely\\_%'
    order by c.table_name, c.ordinal_position`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of found.rows) {
    const columns = byTable.get(table_name);
    if (columns) columns.push(column_name);
    else byTable.set(table_name, [column_name]);
  }
  // One statement per table: its indexes are rebuilt once, not once per column.
  for (const [table, columns] of byTable)
    await sql`alter table ${sql.id(table)} ${sql.join(
      columns.map((c) => sql`alter column ${sql.id(c)} type text collate "C"`),
    )}`.execute(db);
}
