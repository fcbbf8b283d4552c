import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { chunkSizes, writeRows } from "../src/bulk-write.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

describe("chunkSizes", () => {
  it("covers every row once, never over the statement size, with few distinct sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 600 }), (n, per) => {
        const sizes = chunkSizes(n, per);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
        for (const s of sizes) expect(s).toBeGreaterThanOrEqual(1);
        for (const s of sizes) expect(s).toBeLessThanOrEqual(per);
        // Full statements, then at most one of each power of two below `per`.
        expect(new Set(sizes).size).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(per + 1)));
      }),
    );
  });
});

const daily = (agent: string, created: number, solved: number) => ({
  brand: "acme",
  day: "2025-03-03",
  agent,
  category: "order",
  channel: "email",
  created,
  solved,
  frt_count: 0,
  awaiting: 0,
  frt_sum_ms: 0,
  frt_business_sum_ms: 0,
  resolution_count: 0,
  resolution_sum_ms: 0,
  fcr: 0,
  reopened: 0,
  csat_responses: 0,
  csat_satisfied: 0,
  csat_rating_sum: 0,
  flags: 0,
});

describe.each(TEST_BACKENDS)("writeRows on %s", (backend) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.drop()));
  });
  const fresh = async () => {
    const t = await createTestDatabase(backend);
    open.push(t);
    return t.cdb;
  };
  const KEY = ["brand", "day", "agent", "category", "channel"];

  it("adds to stored counts, replaces stored values, or leaves them, as asked", async () => {
    const cdb = await fresh();
    // 1,234 rows: several statements of different sizes.
    const rows = Array.from({ length: 1234 }, (_, i) => daily(`a${i}`, 1, i));
    await writeRows(cdb.db, backend, "rollup_daily", rows);
    await writeRows(cdb.db, backend, "rollup_daily", rows, { kind: "add", keys: KEY });
    const sum = await cdb.db
      .selectFrom("rollup_daily")
      .select((eb) => [
        eb.fn.sum<number>("created").as("c"),
        eb.fn.sum<number>("solved").as("s"),
        eb.fn.countAll<number>().as("n"),
      ])
      .executeTakeFirstOrThrow();
    expect([Number(sum.n), Number(sum.c), Number(sum.s)]).toEqual([1234, 2468, 2 * ((1233 * 1234) / 2)]);

    await writeRows(cdb.db, backend, "rollup_daily", [daily("a7", 40, 41)], { kind: "replace", keys: KEY });
    const a7 = await cdb.db.selectFrom("rollup_daily").selectAll().where("agent", "=", "a7").executeTakeFirstOrThrow();
    expect([Number(a7.created), Number(a7.solved)]).toEqual([40, 41]);

    const kept = await writeRows(
      cdb.db,
      backend,
      "rollup_daily",
      [daily("a7", 1, 1), daily("new", 5, 5)],
      { kind: "ignore", keys: KEY },
      ["agent"],
    );
    expect(kept).toEqual([{ agent: "new" }]);
    const again = await cdb.db
      .selectFrom("rollup_daily")
      .selectAll()
      .where("agent", "=", "a7")
      .executeTakeFirstOrThrow();
    expect(Number(again.created)).toBe(40);
  });

  it("writes nothing for no rows, and a plain insert of a stored key fails", async () => {
    const cdb = await fresh();
    expect(await writeRows(cdb.db, backend, "rollup_daily", [])).toEqual([]);
    await writeRows(cdb.db, backend, "rollup_daily", [daily("a", 1, 0)]);
    await expect(writeRows(cdb.db, backend, "rollup_daily", [daily("a", 1, 0)])).rejects.toThrow();
  });

  it("stores any text and number exactly: quotes, backslashes, braces, commas, NULL-like words, Unicode", async () => {
    const cdb = await fresh();
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            id: fc.oneof(
              fc.string(),
              fc.constantFrom('"', "\\", "{}", "a,b", "NULL", "null", " ", '{"x": [1, 2]}', "é𝄞\u0001"),
            ),
            n: fc.double({ noNaN: true, noDefaultInfinity: true }),
            maybe: fc.option(fc.string(), { nil: null }),
          }),
          { selector: (r) => r.id, maxLength: 40 },
        ),
        async (values) => {
          const safe = values.filter((v) => !v.id.includes("\u0000") && !(v.maybe ?? "").includes("\u0000"));
          await cdb.db.deleteFrom("connectors").execute();
          const rows = safe.map((v, i) => ({
            brand: v.id,
            kind: `k${i}`,
            secret_id: v.maybe ?? "",
            config: JSON.stringify({ n: v.n }),
            created_at: String(v.n),
          }));
          await writeRows(cdb.db, backend, "connectors", rows);
          const back = await cdb.db.selectFrom("connectors").selectAll().orderBy("kind").execute();
          const byKind = (a: { kind: string }, b: { kind: string }) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
          expect([...back].sort(byKind)).toEqual([...rows].sort(byKind));
        },
      ),
      { numRuns: 30 },
    );
  });
});
