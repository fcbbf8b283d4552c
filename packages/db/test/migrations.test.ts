import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { LATEST_MIGRATION, migrateToLatest, pendingMigrations } from "../src/migrations/index.ts";
import { createTestDatabase, TEST_BACKENDS } from "../src/testing.ts";

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
