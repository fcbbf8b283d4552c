import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from "kysely";
import { restoreRecordedIndexes } from "../bulk-indexes.ts";
import type { Backend } from "../dialect.ts";
import * as m001 from "./001_event_log.ts";
import * as m002 from "./002_ticket_projection.ts";
import * as m003 from "./003_clocks_and_orders.ts";
import * as m004 from "./004_rollups.ts";
import * as m005 from "./005_connectors.ts";
import * as m006 from "./006_quality.ts";
import * as m007 from "./007_sketch_spans.ts";
import * as m008 from "./008_count_spans.ts";
import * as m009 from "./009_rating_indexes.ts";
import * as m010 from "./010_partial_subject_indexes.ts";
import * as m011 from "./011_span_refresh_marks.ts";
import * as m012 from "./012_rollup_sketch_clustered.ts";
import * as m013 from "./013_bytewise_text.ts";

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was at its time.
type Up = (db: Kysely<any>, backend: Backend) => Promise<void>;

/** Every migration in order. Names sort lexically; never rename or edit a released one. */
const MIGRATIONS: Record<string, Up> = {
  "001_event_log": m001.up,
  "002_ticket_projection": m002.up,
  "003_clocks_and_orders": m003.up,
  "004_rollups": m004.up,
  "005_connectors": m005.up,
  "006_quality": m006.up,
  "007_sketch_spans": m007.up,
  "008_count_spans": m008.up,
  "009_rating_indexes": m009.up,
  "010_partial_subject_indexes": m010.up,
  "011_span_refresh_marks": m011.up,
  "012_rollup_sketch_clustered": m012.up,
  "013_bytewise_text": m013.up,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1) as string;

// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema.
function migrator(db: Kysely<any>, backend: Backend): Migrator {
  // Its tables go where unqualified names resolve, the current schema, and on PostgreSQL it sees
  // only that schema's tables (current-schema-introspector.ts): several Caliper schemas in one
  // database (tests, tenants) never mistake each other's tables.
  return new Migrator({
    db,
    provider: {
      async getMigrations(): Promise<Record<string, Migration>> {
        return Object.fromEntries(
          Object.entries(MIGRATIONS).map(([name, up]) => [name, { up: (d: Kysely<unknown>) => up(d, backend) }]),
        );
      },
    },
  });
}

/**
 * Brings the schema up to date; throws with the failing migration's name on error. (On PostgreSQL
 * the migrator's table listing sees only the current schema, see current-schema-introspector.ts:
 * schemas that others create and drop meanwhile cannot fail it.)
 */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function migrateToLatest(db: Kysely<any>, backend: Backend): Promise<MigrationResultSet> {
  if (backend === "sqlite") return migrateSqlite(db);
  await createSelectedSchema(db);
  await restoreSetAsideIndexes(db, backend);
  return checked(await migrator(db, backend).migrateToLatest());
}

/**
 * PostgreSQL: `?schema=name` sets the search_path (dialect.ts), and a search_path naming no existing
 * schema leaves nowhere to create tables ("no schema has been selected to create in"). Migrating
 * creates the schema it names first, as it creates the tables: a new tenant needs no separate
 * step. Only the first search_path entry, and only when no entry exists; `$user` is not created.
 * Two processes starting at once may both try: the loser's duplicate error is taken as success.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above.
async function createSelectedSchema(db: Kysely<any>): Promise<void> {
  const found = async () =>
    (
      await sql<{ current: string | null; path: string }>`
        select current_schema() as current, current_setting('search_path') as path`.execute(db)
    ).rows[0];
  const before = await found();
  if (!before || before.current !== null) return;
  const first = (before.path.split(",")[0] ?? "").trim();
  const noSchema = `no schema to create Caliper's tables in: search_path is ${before.path || "empty"} and none of it exists`;
  if (first === "" || first === "$user" || first === '"$user"') throw new Error(noSchema);
  let name: string;
  try {
    // The name as PostgreSQL resolves it in the search_path: folded to lower case unless quoted.
    name = (await sql<{ name: string }>`select (parse_ident(${first}))[1] as name`.execute(db)).rows[0]?.name ?? first;
  } catch {
    throw new Error(`${noSchema} (and "${first}" is not a schema name)`);
  }
  try {
    await sql`create schema if not exists ${sql.id(name)}`.execute(db);
  } catch (err) {
    const code = (err as { code?: string }).code;
    // 23505 / 42P06: another process created it meanwhile.
    if (code !== "23505" && code !== "42P06")
      throw new Error(
        `schema ${name} does not exist and could not be created (${String(err)}); create it (CREATE SCHEMA ${name}) or grant CREATE on the database`,
        { cause: err },
      );
  }
  if ((await found())?.current == null) throw new Error(`schema ${name} was created but is not selected (${noSchema})`);
}

/**
 * Before migrations run on a store whose bulk load stopped with indexes set aside
 * (bulk-indexes.ts), those indexes come back, so that the migrations see the schema they were
 * written against. With nothing to migrate the record stays: the bulk load's finish restores them.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above.
async function restoreSetAsideIndexes(db: Kysely<any>, backend: Backend): Promise<void> {
  const pending = await pendingMigrations(db, backend);
  // caliper_meta comes with the first migration: a new store has nothing set aside.
  if (pending.length === 0 || pending.includes("001_event_log")) return;
  await restoreRecordedIndexes(db);
}

function checked(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

/**
 * kysely runs SQLite migrations outside any transaction and without a lock, so two processes
 * starting on a new file could both apply a migration ("table already exists"), and a crash in
 * the middle of one left it half applied. Here they run in one BEGIN IMMEDIATE transaction: the
 * first process migrates, the others wait for its lock (sqlite-driver.ts) and then find nothing to do; a crash
 * rolls everything back.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above.
async function migrateSqlite(db: Kysely<any>): Promise<MigrationResultSet> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    let result: MigrationResultSet;
    try {
      await restoreSetAsideIndexes(conn, "sqlite");
      result = await migrator(conn, "sqlite").migrateToLatest();
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
    await sql.raw(result.error ? "rollback" : "commit").execute(conn);
    return checked(result);
  });
}

/**
 * Names of the migrations not yet applied, read straight from this schema's own migration table
 * (GET /healthz asks on every call): one or two small queries, where kysely's migrator would list
 * the schema's tables first.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function pendingMigrations(db: Kysely<any>, backend: Backend): Promise<string[]> {
  const table =
    backend === "postgres"
      ? sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`
      : sql<{
          found: string | null;
        }>`select name as found from sqlite_master where type = 'table' and name = 'kysely_migration'`;
  const exists = (await table.execute(db)).rows[0]?.found != null;
  const applied = exists
    ? new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name))
    : new Set<string>();
  return Object.keys(MIGRATIONS).filter((name) => !applied.has(name));
}
