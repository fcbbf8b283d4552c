import type BetterSqlite3 from "better-sqlite3";
import { Kysely, sql } from "kysely";
import { startCheckpointer } from "./checkpointer.ts";
import {
  type Backend,
  isPostgresUrl,
  LOCK_WAIT_MS,
  postgresDialect,
  sqliteDialect,
  withBusyTimeout,
} from "./dialect.ts";
import { migrateToLatest, pendingMigrations } from "./migrations/index.ts";
import { PROJECTION_TABLES } from "./projections/index.ts";
import type { Database } from "./schema.ts";
import { startSpanRefresher } from "./span-refresher.ts";

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
  /**
   * Refreshes soon the week and month span rollups that writes marked (span-refresh.ts); `appendEvents`
   * calls it after each commit. A server calls it once at start for marks a stopped process left.
   */
  refreshSpansSoon(): void;
  /** Refreshes what this handle's writes marked, then closes. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /**
   * Called before migrations run on open, with the names of those not yet applied (not called when
   * none are): some take a while on a big store (013 rebuilds a PostgreSQL store's indexes).
   */
  onMigrating?: (pending: readonly string[]) => void;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * SQLite files: checkpoint the write-ahead log in a background thread (checkpointer.ts)
   * instead of inside the commits that cross SQLite's threshold. For long-running writers (the
   * server, demo, import); off by default, so short-lived handles start no thread.
   */
  backgroundCheckpoints?: boolean;
  /** Called with the message when a background checkpoint fails for a reason other than a busy database. */
  onCheckpointError?: (message: string) => void;
  /**
   * Refresh the week and month span rollups this handle's writes marked, soon after the writes and on
   * close (default true). False leaves it to explicit `refreshSpans` calls (tests that hold
   * marked spans on purpose).
   */
  backgroundSpanRefresh?: boolean;
  /** Called with the message when a span rollup refresh fails for a reason other than a busy database. */
  onSpanRefreshError?: (message: string) => void;
  /**
   * SQLite: how long a statement waits, in all, for another connection's write lock before it
   * fails with SQLITE_BUSY (default LOCK_WAIT_MS, 5 s). The wait does not block the event loop.
   */
  lockWaitMs?: number;
}

const redact = (target: string): string =>
  isPostgresUrl(target) ? target.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@") : target;

/**
 * Opens Caliper's database: `postgres://…` (or `postgresql://…`) selects PostgreSQL, anything
 * else is a SQLite file path (or `:memory:`). Migrations run unless `migrate: false`.
 */
export async function openDatabase(target: string, options: OpenOptions = {}): Promise<CaliperDb> {
  const backend: Backend = isPostgresUrl(target) ? "postgres" : "sqlite";
  const background = backend === "sqlite" && options.backgroundCheckpoints === true && target !== ":memory:";
  let db: Kysely<Database>;
  let raw: BetterSqlite3.Database | undefined;
  if (backend === "postgres") {
    const { dialect } = postgresDialect(target, options.poolSize);
    db = new Kysely<Database>({ dialect });
  } else {
    const opened = sqliteDialect(target, {
      backgroundCheckpoints: background,
      ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}),
    });
    raw = opened.raw;
    db = new Kysely<Database>({ dialect: opened.dialect });
  }
  try {
    if (options.migrate !== false) {
      if (options.onMigrating) {
        const pending = await pendingMigrations(db, backend);
        if (pending.length > 0) options.onMigrating(pending);
      }
      await migrateToLatest(db, backend);
    }
    // SQLite plans well only with table statistics; refresh those missing or stale (cheap: sampled).
    if (raw) {
      const sqlite = raw;
      sqlite.pragma("analysis_limit = 1000");
      withBusyTimeout(sqlite, options.lockWaitMs ?? LOCK_WAIT_MS, () => sqlite.pragma("optimize = 0x10002"));
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }
  // Started once the file exists and is migrated (the worker opens it with fileMustExist).
  const checkpointer = background
    ? startCheckpointer(target, options.onCheckpointError ? { onError: options.onCheckpointError } : {})
    : null;
  const spans =
    options.backgroundSpanRefresh === false
      ? null
      : startSpanRefresher(db, backend, options.onSpanRefreshError ? { onError: options.onSpanRefreshError } : {});
  return {
    db,
    backend,
    target: redact(target),
    ...(raw ? { sqlite: raw } : {}),
    refreshSpansSoon: () => spans?.soon(),
    close: async () => {
      await spans?.stop();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Refreshes the query planner's table statistics; run after bulk loads (demo, import,
 * rebuild), which change table sizes by orders of magnitude at once.
 */
export async function analyzeDatabase(cdb: CaliperDb): Promise<void> {
  const raw = cdb.sqlite;
  if (raw) {
    raw.pragma("analysis_limit = 1000");
    withBusyTimeout(raw, LOCK_WAIT_MS, () => raw.exec("ANALYZE"));
  } else {
    // Only this schema's tables (a database may hold several Caliper schemas).
    const tables = ["events", ...PROJECTION_TABLES].map((t) => sql.table(t));
    await sql`analyze ${sql.join(tables)}`.execute(cdb.db);
  }
}

/** Round-trips a trivial query; throws when the database cannot be reached. */
export async function pingDatabase(cdb: CaliperDb): Promise<void> {
  await sql`select 1`.execute(cdb.db);
}
