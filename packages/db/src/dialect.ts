import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type PostgresDialect,
  SqliteDialect,
  SqliteDriver,
} from "kysely";
import pg from "pg";
import { CurrentSchemaPostgresDialect } from "./current-schema-introspector.ts";

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/**
 * kysely prepares every query anew; preparing is a measurable share of a write. Statements are
 * reusable in better-sqlite3, so keep the most recent ones by SQL text (a statement still busy
 * iterating is never handed out twice).
 */
function cachingStatements(raw: SQLite.Database, size = 256) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string): SQLite.Statement {
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
    },
  };
}

export type Backend = "sqlite" | "postgres";

/** True when a target names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/**
 * SQLite: WAL, a busy timeout, and transactions that take the write lock at BEGIN
 * (BEGIN IMMEDIATE), so two writers wait for each other instead of failing half-way.
 */
export function sqliteDialect(
  path: string,
  options: { backgroundCheckpoints?: boolean } = {},
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
  raw.pragma("busy_timeout = 5000");
  raw.pragma("foreign_keys = ON");
  raw.pragma("cache_size = -65536");
  raw.pragma("temp_store = MEMORY");
  const config = { database: cachingStatements(raw) };
  const dialect = new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new ImmediateSqliteDriver(config);
    }
  })(config);
  return { dialect, raw };
}

/** PostgreSQL through `pg`; `?schema=name` in the URL sets the search_path (used by tests). */
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
