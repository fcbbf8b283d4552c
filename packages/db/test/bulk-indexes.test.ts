import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { dropSecondaryIndexes, restoreIndexes } from "../src/bulk-indexes.ts";
import type { CaliperDb } from "../src/index.ts";
import { migrateToLatest } from "../src/migrations/index.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

const TABLES = ["tickets", "clocks", "flags", "orders"];

/** Index names and definitions of the tables, as the catalog holds them. */
async function indexes(cdb: CaliperDb): Promise<string[]> {
  const rows =
    cdb.backend === "sqlite"
      ? await sql<{ d: string }>`select name || ': ' || coalesce(sql, 'constraint') as d from sqlite_master
          where type = 'index' and tbl_name in (${sql.join(TABLES)})`.execute(cdb.db)
      : await sql<{ d: string }>`select indexname || ': ' || indexdef as d from pg_indexes
          where schemaname = current_schema() and tablename in (${sql.join(TABLES)})`.execute(cdb.db);
  return rows.rows.map((r) => r.d.replace(/ if not exists/i, "")).sort();
}

const setAsideRecord = (cdb: CaliperDb) =>
  cdb.db.selectFrom("caliper_meta").select("key").where("key", "=", "indexes_set_aside").execute();

describe.each(TEST_BACKENDS)("indexes set aside on %s", (backend) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.drop()));
  });

  it("drops only secondary indexes and restores them as the migrations made them", async () => {
    const t = await createTestDatabase(backend);
    open.push(t);
    const before = await indexes(t.cdb);
    const set = await dropSecondaryIndexes(t.cdb.db, backend, TABLES);
    // clocks alone has six secondary indexes; primary keys stay.
    expect(set.statements.length).toBeGreaterThanOrEqual(6);
    const during = await indexes(t.cdb);
    expect(during.length).toBe(before.length - set.statements.length);
    expect(during.length).toBeGreaterThan(0);
    await restoreIndexes(t.cdb.db, set);
    expect(await indexes(t.cdb)).toEqual(before);
    // Restoring twice (after a failure, say) changes nothing.
    await restoreIndexes(t.cdb.db, set);
    expect(await indexes(t.cdb)).toEqual(before);
  });

  it("a drop that nothing restored (a killed bulk load) is undone by the next drop, so its restore brings every index back", async () => {
    const t = await createTestDatabase(backend);
    open.push(t);
    const before = await indexes(t.cdb);
    const lost = await dropSecondaryIndexes(t.cdb.db, backend, TABLES);
    // The process stops here: no restore. The next rebuild drops again, from the catalog as it is now.
    const again = await dropSecondaryIndexes(t.cdb.db, backend, TABLES);
    expect([...again.statements].sort()).toEqual([...lost.statements].sort());
    await restoreIndexes(t.cdb.db, again);
    expect(await indexes(t.cdb)).toEqual(before);
    expect(await setAsideRecord(t.cdb)).toEqual([]);
  });

  it("an upgrade's migrations find the indexes a stopped bulk load set aside: they are restored before any migration runs", async () => {
    const t = await createTestDatabase(backend);
    open.push(t);
    const before = await indexes(t.cdb);
    await dropSecondaryIndexes(t.cdb.db, backend, TABLES);
    // The store as the release before the last migration left it, with the bulk load stopped.
    await sql`drop table rollup_span_dirty`.execute(t.cdb.db);
    await sql`delete from kysely_migration where name >= '011'`.execute(t.cdb.db);
    const result = await migrateToLatest(t.cdb.db, backend);
    expect(result.results?.map((r) => r.migrationName)).toEqual([
      "011_span_refresh_marks",
      "012_rollup_sketch_clustered",
      "013_bytewise_text",
    ]);
    expect(await indexes(t.cdb)).toEqual(before);
    expect(await setAsideRecord(t.cdb)).toEqual([]);
  });

  it("with no migration to apply, opening the store leaves a stopped bulk load's indexes set aside for its finish", async () => {
    const t = await createTestDatabase(backend);
    open.push(t);
    const set = await dropSecondaryIndexes(t.cdb.db, backend, TABLES);
    const during = await indexes(t.cdb);
    await migrateToLatest(t.cdb.db, backend);
    expect(await indexes(t.cdb)).toEqual(during);
    expect(await setAsideRecord(t.cdb)).toEqual([{ key: "indexes_set_aside" }]);
    await restoreIndexes(t.cdb.db, set);
  });
});
