import { type MigrationResultSet, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { LATEST_MIGRATION, listingRaced, migrateToLatest, pendingMigrations } from "../src/migrations/index.ts";
import { createTestDatabase, TEST_BACKENDS } from "../src/testing.ts";

const failure = (code: string, ran: "none" | "failed"): MigrationResultSet => ({
  error: Object.assign(new Error("relation does not exist"), { code }),
  results: ran === "none" ? [] : [{ migrationName: "008_count_spans", direction: "Up", status: "Error" }],
});

describe("PostgreSQL migration retries", () => {
  it("look again when another schema's table or the schema vanished while tables were listed", () => {
    expect(listingRaced(failure("42P01", "none"))).toBe(true);
    expect(listingRaced(failure("3F000", "none"))).toBe(true);
  });

  it("never retry a migration that failed, nor other errors", () => {
    expect(listingRaced(failure("42P01", "failed"))).toBe(false);
    expect(listingRaced(failure("42601", "none"))).toBe(false);
  });
});

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
