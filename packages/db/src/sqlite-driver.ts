import type SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from "kysely";

/** What the driver needs: the connection, its statement cache and the wait's limit. */
export interface SqliteDriverConfig {
  /** The connection (busy_timeout 0, see above). */
  readonly raw: SQLite.Database;
  /** Prepares a statement (dialect.ts keeps recent ones). */
  readonly prepare: (sql: string) => SQLite.Statement;
  /** How long a statement waits, in all, for another connection's write lock. */
  readonly lockWaitMs: number;
}

/**
 * Pauses between attempts: from 1 ms, doubling, at most this, each with ±50% jitter. A failed
 * attempt costs microseconds; a longer pause would let the other process's gaps go by unused.
 */
const MAX_PAUSE_MS = 10;

const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
};

const quote = (id: string): string => `"${id.replaceAll('"', '""')}"`;

/**
 * One holder at a time (SQLite has one connection here, as in kysely's own driver), in turn; a
 * write that has been waiting for the file's lock takes it back ahead of the queue, so a stream
 * of reads cannot keep it from trying again the moment the other process lets go.
 */
class Mutex {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  lock(first = false): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      if (first) this.#waiting.unshift(resolve);
      else this.#waiting.push(resolve);
    });
  }

  /** Hands the connection to the next in line, if any. */
  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

class WaitingConnection implements DatabaseConnection {
  readonly #config: SqliteDriverConfig;
  readonly #mutex: Mutex;

  constructor(config: SqliteDriverConfig, mutex: Mutex) {
    this.#config = config;
    this.#mutex = mutex;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.#run<R>(query));
    } catch (err) {
      if (!isBusy(err) || this.#config.raw.inTransaction || this.#config.lockWaitMs <= 0) return Promise.reject(err);
      return this.#waitAndRun<R>(query, err);
    }
  }

  /** Tries `query` again after pauses, releasing the connection to this process's other queries meanwhile. */
  async #waitAndRun<R>(query: CompiledQuery, first: unknown): Promise<QueryResult<R>> {
    const deadline = performance.now() + this.#config.lockWaitMs;
    let last = first;
    for (let pause = 1; performance.now() < deadline; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
      const wait = Math.min(pause * (0.5 + Math.random()), Math.max(0, deadline - performance.now()));
      this.#mutex.unlock();
      try {
        await new Promise((resolve) => setTimeout(resolve, wait));
      } finally {
        await this.#mutex.lock(true);
      }
      try {
        return this.#run<R>(query);
      } catch (err) {
        if (!isBusy(err) || this.#config.raw.inTransaction) throw err;
        last = err;
      }
    }
    throw last;
  }

  #run<R>(query: CompiledQuery): QueryResult<R> {
    const stmt = this.#config.prepare(query.sql);
    if (stmt.reader) return { rows: stmt.all(query.parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(query.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.#config.prepare(query.sql);
    if (!stmt.reader) throw new Error("SQLite streams only statements that return rows");
    for (const row of stmt.iterate(query.parameters)) yield { rows: [row as R] };
  }
}

/**
 * kysely's SQLite driver for Caliper's one better-sqlite3 connection per process, which waits for
 * another process's write lock without blocking the event loop.
 *
 * better-sqlite3 is synchronous: with SQLite's own busy timeout, a statement that finds the
 * write lock taken (another `caliper serve` committing, a `caliper import` or `rebuild` holding it
 * for minutes) sleeps inside the call, and the whole process stops — health checks, reads,
 * timers — for up to the timeout, on every attempt. Here the connection has no busy timeout: a
 * statement outside a transaction (BEGIN IMMEDIATE itself, or an autocommit write) that fails with
 * SQLITE_BUSY is tried again after an asynchronous pause, up to `lockWaitMs` in all, and the
 * connection is free for this process's other queries during each pause. Then SQLITE_BUSY goes
 * to the caller as before (ingest retries it; the API answers 503). Inside a transaction nothing
 * is retried: BEGIN IMMEDIATE took the write lock, and a failure there is the transaction's.
 *
 * Transactions take the write lock when they start (BEGIN IMMEDIATE), so two writers wait for
 * each other instead of failing half-way through.
 */
export class WaitingSqliteDriver implements Driver {
  readonly #config: SqliteDriverConfig;
  readonly #mutex = new Mutex();
  readonly #connection: WaitingConnection;

  constructor(config: SqliteDriverConfig) {
    this.#config = config;
    this.#connection = new WaitingConnection(config, this.#mutex);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quote(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quote(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quote(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.#config.raw.close();
  }
}
