import SQLite from "better-sqlite3";
import { type Driver, type PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { CurrentSchemaPostgresDialect } from "./current-schema-introspector.ts";
import { WaitingSqliteDriver } from "./sqlite-driver.ts";

/** SQLite: how long a statement waits, in all, for another connection's write lock (default). */
export const LOCK_WAIT_MS = 5_000;

/**
 * kysely prepares every query anew; preparing is a measurable share of a write. Statements are
 * reusable in better-sqlite3, so keep the most recent ones by SQL text (a statement still busy
 * iterating is never handed out twice).
 */
function cachingStatements(raw: SQLite.Database, size = 256): (sql: string) => SQLite.Statement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql) => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const stmt = raw.prepare(sql);
    cache.set(sql, stmt);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return stmt;
  };
}

export type Backend = "sqlite" | "postgres";

/** True when a target names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/**
 * SQLite: WAL, and transactions that take the write lock at BEGIN (BEGIN IMMEDIATE), so two
 * writers wait for each other instead of failing half-way. The wait for another connection's
 * write lock is asynchronous (sqlite-driver.ts): the connection itself has no busy timeout, but
 * for the synchronous maintenance calls of `withBusyTimeout`.
 */
export function sqliteDialect(
  path: string,
  options: { backgroundCheckpoints?: boolean; lockWaitMs?: number } = {},
): { dialect: SqliteDialect; raw: SQLite.Database } {
  const raw = new SQLite(path);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  // Checkpoint the write-ahead log every 10,000 pages (40 MB) instead of SQLite's 1,000: each
  // checkpoint syncs the files, and at the default it cost ingest about a third of its commit
  // time (group commits of a few dozen events, measured; see docs/benchmarks.md). With
  // checkpoints in a background thread (checkpointer.ts) this is only the backstop: 100,000
  // pages (400 MB), should that thread fall behind.
  raw.pragma(`wal_autocheckpoint = ${options.backgroundCheckpoints ? 100_000 : 10_000}`);
  raw.pragma("busy_timeout = 0");
  raw.pragma("foreign_keys = ON");
  raw.pragma("cache_size = -65536");
  raw.pragma("temp_store = MEMORY");
  const prepare = cachingStatements(raw);
  const lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
  const dialect = new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new WaitingSqliteDriver({ raw, prepare, lockWaitMs });
    }
  })({ database: raw });
  return { dialect, raw };
}

/**
 * Runs a synchronous call on the raw connection (ANALYZE, PRAGMA optimize) with SQLite's own
 * busy timeout for its duration: it may need the write lock, and has no asynchronous wait.
 */
export function withBusyTimeout<T>(raw: SQLite.Database, ms: number, fn: () => T): T {
  raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
  try {
    return fn();
  } finally {
    raw.pragma("busy_timeout = 0");
  }
}

/**
 * PostgreSQL through `pg`; `?schema=name` in the URL sets the search_path (tests, tenants). Migrating
 * creates that schema when it does not exist yet (migrations/index.ts).
 */
export function postgresDialect(url: string, poolSize = 10): { dialect: PostgresDialect; pool: pg.Pool } {
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  const pool = new pg.Pool({
    connectionString: u.toString(),
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: (oid: number, format?: "text" | "binary") =>
        // int8 (20) and numeric (1700) as JS numbers: counts and sums stay far below 2^53.
        oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    },
  });
  return { dialect: new CurrentSchemaPostgresDialect({ pool }), pool };
}
