import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase, TEST_BACKENDS, TEST_PG_URL } from "../src/testing.ts";

/**
 * The migrator's table listing on PostgreSQL (current-schema-introspector.ts): only the current
 * schema's tables, so other schemas of the database, and their coming and going, cannot fail a
 * migration. Before, 1 migration in ~100 failed while other sessions created and dropped schemas.
 */
describe.runIf(TEST_BACKENDS.includes("postgres"))("PostgreSQL table listing (current schema only)", () => {
  it("lists this schema's tables with their columns, and none of another schema's", async () => {
    const a = await createTestDatabase("postgres");
    const b = await createTestDatabase("postgres", { migrate: false });
    try {
      await b.cdb.db.schema
        .createTable("only_in_b")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .execute();
      const tables = await a.cdb.db.introspection.getTables();
      const names = tables.map((t) => t.name);
      expect(names).toContain("events");
      expect(names).toContain("tickets");
      expect(names).not.toContain("only_in_b");
      expect(names).not.toContain("kysely_migration");
      expect(new Set(tables.map((t) => t.schema)).size).toBe(1);
      const withInternal = await a.cdb.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(withInternal.map((t) => t.name)).toContain("kysely_migration");
      const seq = (await a.cdb.db.introspection.getTables()).find((t) => t.name === "events")?.columns[0];
      expect(seq).toMatchObject({ name: "seq", isAutoIncrementing: true, isNullable: false });
      const inB = await b.cdb.db.introspection.getTables();
      expect(inB.map((t) => t.name)).toEqual(["only_in_b"]);
      expect(inB[0]?.columns[0]).toMatchObject({ name: "id", dataType: "int4", isAutoIncrementing: true });
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  it("migrates new schemas while other sessions create and drop schemas full of tables", async () => {
    let stop = false;
    const churn = async (k: number) => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      try {
        for (let i = 0; !stop; i++) {
          const s = `churn_${process.pid}_${k}_${i}`;
          await c.query(`create schema ${s}`);
          for (let t = 0; t < 10; t++) await c.query(`create table ${s}.t${t} (id serial primary key, a text)`);
          await c.query(`drop schema ${s} cascade`);
        }
      } finally {
        await c.end();
      }
    };
    const churners = [0, 1].map(churn);
    const failures: string[] = [];
    let migrated = 0;
    try {
      await Promise.all(
        [0, 1, 2].map(async () => {
          for (let i = 0; i < 6; i++) {
            try {
              const t = await createTestDatabase("postgres");
              migrated++;
              await t.drop();
            } catch (err) {
              failures.push(String(err));
            }
          }
        }),
      );
    } finally {
      stop = true;
      await Promise.all(churners);
    }
    expect(failures).toEqual([]);
    expect(migrated).toBe(18);
  });
});
