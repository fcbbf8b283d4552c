import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Backend } from "./dialect.ts";
import { type CaliperDb, type OpenOptions, openDatabase } from "./database.ts";
import { PROJECTION_TABLES } from "./projections/index.ts";
import { refreshAllSpans } from "./projections/span-refresh.ts";
import type { Database } from "./schema.ts";

/** PostgreSQL server used by tests; override with CALIPER_TEST_PG. */
export const TEST_PG_URL = process.env.CALIPER_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

/** Backends the suite runs on: both unless CALIPER_TEST_BACKENDS says otherwise ("sqlite", "postgres"). */
export const TEST_BACKENDS: Backend[] = (process.env.CALIPER_TEST_BACKENDS ?? "sqlite,postgres")
  .split(",")
  .map((s) => s.trim())
  .filter((s): s is Backend => s === "sqlite" || s === "postgres");

export interface TestDatabase {
  cdb: CaliperDb;
  /** The target to open the same database again (another connection or process). */
  target: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty, migrated database: an in-memory SQLite one, or a new PostgreSQL schema
 * that `drop()` removes. Each test file (or test) gets its own, so they never see each other.
 */
export async function createTestDatabase(
  backend: Backend,
  options: OpenOptions & { sqlitePath?: string; pgUrl?: string } = {},
): Promise<TestDatabase> {
  if (backend === "sqlite") {
    const target = options.sqlitePath ?? ":memory:";
    const cdb = await openDatabase(target, options);
    return { cdb, target, drop: () => cdb.close() };
  }
  const server = options.pgUrl ?? TEST_PG_URL;
  const schema = `t_${randomBytes(6).toString("hex")}`;
  // Created here, not by migrating (migrations/index.ts would): a test may open it with `migrate: false`.
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const sep = server.includes("?") ? "&" : "?";
  const target = `${server}${sep}schema=${schema}`;
  const cdb = await openDatabase(target, options);
  return {
    cdb,
    target,
    async drop() {
      await cdb.close();
      await dropPostgresSchema(schema, server);
    },
  };
}

/** Drops a PostgreSQL schema, if it exists, with its tables: one a test had Caliper create. */
export async function dropPostgresSchema(schema: string, pgUrl: string = TEST_PG_URL): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(`drop schema if exists "${schema.replaceAll('"', '""')}" cascade`);
  } finally {
    await c.end();
  }
}

/**
 * Every projection table's rows (and those of `also`), sorted, as JSON text without the columns
 * in `omit`: equal snapshots mean equal stores. The span rollups are refreshed first, as a
 * writer's refresh does soon after its commits (and a restarted server at start).
 */
export async function snapshotProjections(
  cdb: CaliperDb,
  options: { also?: ReadonlyArray<keyof Database>; omit?: readonly string[] } = {},
): Promise<Record<string, string[]>> {
  await refreshAllSpans(cdb.db, cdb.backend);
  const omit = new Set(options.omit ?? []);
  const out: Record<string, string[]> = {};
  for (const table of [...PROJECTION_TABLES, ...(options.also ?? [])]) {
    const rows = (await cdb.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(r)
              .filter(([k]) => !omit.has(k))
              .sort(([a], [b]) => a.localeCompare(b)),
          ),
        ),
      )
      .sort();
  }
  return out;
}
