import type BetterSqlite3 from "better-sqlite3";
import { Kysely, sql } from "kysely";
import { type Backend, isPostgresUrl, postgresDialect, sqliteDialect } from "./dialect.ts";
import { migrateToLatest } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export interface CaliperDb {
  readonly db: Kysely<Database>;
  readonly backend: Backend;
  /** The path or URL it was opened with, with any password removed. */
  readonly target: string;
  /**
   * SQLite only: the raw better-sqlite3 handle under kysely (online backups, integrity checks,
   * pragmas). Queries should go through `db`; never close it directly, use `close()`.
   */
  readonly sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

const redact = (target: string): string =>
  isPostgresUrl(target) ? target.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@") : target;

/**
 * Opens Caliper's database: `postgres://…` (or `postgresql://…`) selects PostgreSQL, anything
 * else is a SQLite file path (or `:memory:`). Migrations run unless `migrate: false`.
 */
export async function openDatabase(target: string, options: OpenOptions = {}): Promise<CaliperDb> {
  const backend: Backend = isPostgresUrl(target) ? "postgres" : "sqlite";
  let db: Kysely<Database>;
  let raw: BetterSqlite3.Database | undefined;
  if (backend === "postgres") {
    const { dialect } = postgresDialect(target, options.poolSize);
    db = new Kysely<Database>({ dialect });
  } else {
    const opened = sqliteDialect(target);
    raw = opened.raw;
    db = new Kysely<Database>({ dialect: opened.dialect });
  }
  try {
    if (options.migrate !== false) await migrateToLatest(db, backend);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    db,
    backend,
    target: redact(target),
    ...(raw ? { sqlite: raw } : {}),
    close: () => db.destroy(),
  };
}

/** Round-trips a trivial query; throws when the database cannot be reached. */
export async function pingDatabase(cdb: CaliperDb): Promise<void> {
  await sql`select 1`.execute(cdb.db);
}
