import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/database.ts";
import { LATEST_MIGRATION, migrateToLatest, pendingMigrations } from "../src/migrations/index.ts";
import { createTestDatabase, TEST_BACKENDS, TEST_PG_URL } from "../src/testing.ts";

describe.each(TEST_BACKENDS)("pendingMigrations (%s)", (backend) => {
  it("names every migration before the first run, none after, and one whose record is gone", async () => {
    const t = await createTestDatabase(backend, { migrate: false });
    try {
      const all = await pendingMigrations(t.cdb.db, backend);
      expect(all.at(-1)).toBe(LATEST_MIGRATION);
      expect(all.length).toBeGreaterThanOrEqual(9);
      await migrateToLatest(t.cdb.db, backend);
      expect(await pendingMigrations(t.cdb.db, backend)).toEqual([]);
      await sql`delete from kysely_migration where name = ${LATEST_MIGRATION}`.execute(t.cdb.db);
      expect(await pendingMigrations(t.cdb.db, backend)).toEqual([LATEST_MIGRATION]);
    } finally {
      await t.drop();
    }
  });
});

describe.runIf(TEST_BACKENDS.includes("postgres"))("?schema= naming a schema that does not exist (postgres)", () => {
  const url = (schema: string) => `${TEST_PG_URL}${TEST_PG_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  /** Runs `fn` with an admin connection, then drops `schemas` (those that exist). */
  async function withAdmin(schemas: string[], fn: (admin: pg.Client) => Promise<void>): Promise<void> {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await fn(admin);
    } finally {
      for (const s of schemas) await admin.query(`drop schema if exists "${s}" cascade`);
      await admin.end();
    }
  }
  const tables = async (admin: pg.Client, schema: string) =>
    (await admin.query("select count(*)::int as n from pg_tables where schemaname = $1", [schema])).rows[0].n as number;

  it("migrating on open creates the schema and puts the tables in it; opening again finds it", async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    await withAdmin([schema], async (admin) => {
      const cdb = await openDatabase(url(schema));
      try {
        expect(await pendingMigrations(cdb.db, "postgres")).toEqual([]);
        expect((await sql<{ s: string }>`select current_schema() as s`.execute(cdb.db)).rows[0]?.s).toBe(schema);
      } finally {
        await cdb.close();
      }
      expect(await tables(admin, schema)).toBeGreaterThan(5);
      await (await openDatabase(url(schema))).close();
    });
  });

  it("migrateToLatest on a handle opened without migrating creates it too (caliper migrate), as PostgreSQL folds the name", async () => {
    const hex = randomBytes(6).toString("hex");
    const schema = `T_Mixed_${hex}`;
    await withAdmin([schema.toLowerCase()], async (admin) => {
      const cdb = await openDatabase(url(schema), { migrate: false });
      try {
        await migrateToLatest(cdb.db, "postgres");
        expect(await pendingMigrations(cdb.db, "postgres")).toEqual([]);
      } finally {
        await cdb.close();
      }
      expect(await tables(admin, schema.toLowerCase())).toBeGreaterThan(5);
    });
  });

  it("several handles (separate pools, as separate processes have) migrating a new schema at once all succeed", async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    await withAdmin([schema], async (admin) => {
      const opened = await Promise.all([1, 2, 3].map(() => openDatabase(url(schema))));
      try {
        for (const cdb of opened) expect(await pendingMigrations(cdb.db, "postgres")).toEqual([]);
        expect(await tables(admin, schema)).toBeGreaterThan(5);
      } finally {
        await Promise.all(opened.map((c) => c.close()));
      }
    });
  });
});
