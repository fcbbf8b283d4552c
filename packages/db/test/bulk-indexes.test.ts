import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { dropSecondaryIndexes, restoreIndexes } from "../src/bulk-indexes.ts";
import type { CaliperDb } from "../src/index.ts";
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
    const record = await t.cdb.db
      .selectFrom("caliper_meta")
      .select("key")
      .where("key", "=", "indexes_set_aside")
      .execute();
    expect(record).toEqual([]);
  });
});
