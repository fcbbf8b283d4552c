import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../src/migrations/index.ts";
import { createTestDatabase } from "../src/testing.ts";

const rows = (brand: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    brand,
    day: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}`,
    agent: `a${i % 3}`,
    category: i % 2 ? "shipping" : "payment",
    channel: "email",
    metric: ["frt", "frt_business", "resolution"][i % 3] as string,
    bucket: i,
    n: 1 + (i % 7),
  }));

describe("migration 012: rollup_sketch clustered by its key (SQLite)", () => {
  it("turns the rowid table of 004 into a WITHOUT ROWID table with every row and its key", async () => {
    const t = await createTestDatabase("sqlite");
    try {
      const db = t.cdb.db;
      // The table as migration 004 left it, holding rows, with 012 not yet applied.
      await sql`drop table rollup_sketch`.execute(db);
      await sql`create table rollup_sketch (brand text not null, day text not null, agent text not null,
        category text not null, channel text not null, metric text not null, bucket integer not null,
        n integer not null, constraint rollup_sketch_pk primary key
        (brand, metric, day, agent, category, channel, bucket))`.execute(db);
      const before = [...rows("eyewear", 300), ...rows("jewelry", 200)];
      await db.insertInto("rollup_sketch").values(before).execute();
      await sql`delete from kysely_migration where name >= '012'`.execute(db);

      const result = await migrateToLatest(db, "sqlite");
      expect(result.results?.map((r) => r.migrationName)).toEqual(["012_rollup_sketch_clustered", "013_bytewise_text"]);
      const def = await sql<{ sql: string }>`select sql from sqlite_master where name = 'rollup_sketch'`.execute(db);
      expect(def.rows[0]?.sql).toMatch(/without rowid\s*$/i);
      const after = await db.selectFrom("rollup_sketch").selectAll().orderBy(["brand", "bucket"]).execute();
      const sorted = [...before].sort((a, b) =>
        a.brand === b.brand ? a.bucket - b.bucket : a.brand < b.brand ? -1 : 1,
      );
      expect(after).toEqual(sorted);
      // The key still holds: an upsert of an existing key adds to it.
      const first = before[0] as (typeof before)[number];
      await db
        .insertInto("rollup_sketch")
        .values({ ...first, n: 5 })
        .onConflict((oc) =>
          oc
            .columns(["brand", "metric", "day", "agent", "category", "channel", "bucket"])
            .doUpdateSet({ n: sql`rollup_sketch.n + excluded.n` }),
        )
        .execute();
      const row = await db
        .selectFrom("rollup_sketch")
        .select("n")
        .where("brand", "=", first.brand)
        .where("bucket", "=", first.bucket)
        .executeTakeFirstOrThrow();
      expect(row.n).toBe(first.n + 5);
    } finally {
      await t.drop();
    }
  });
});
