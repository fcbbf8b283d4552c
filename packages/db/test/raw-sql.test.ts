import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IN_LIST_MAX, KEYED_MAX, paddedList, runForList, runForRows, runSql } from "../src/raw-sql.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

describe("paddedList", () => {
  it("keeps every value, adds only copies of the last, and comes in power-of-two lengths", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: IN_LIST_MAX }), (values) => {
        const out = paddedList(values);
        expect(out.slice(0, values.length)).toEqual(values);
        for (const v of out.slice(values.length)) expect(v).toBe(values[values.length - 1]);
        expect(Math.log2(out.length) % 1).toBe(0);
        expect(out.length).toBeLessThan(2 * values.length);
      }),
    );
    expect(paddedList([])).toEqual([]);
  });
});

describe.each(TEST_BACKENDS)("runForList (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    await t.cdb.db
      .insertInto("caliper_meta")
      .values(Array.from({ length: 1300 }, (_, i) => ({ key: `k${i}`, value: String(i % 7) })))
      .execute();
  });
  afterAll(() => t.drop());

  it("matches exactly the listed rows, over several statements when the list is long", async () => {
    const wanted = Array.from({ length: 1100 }, (_, i) => `k${i * 2}`).filter((k) => Number(k.slice(1)) < 1300);
    const rows = await runForList<{ key: string }, string>(
      t.cdb.db,
      backend,
      `select "key" from "caliper_meta" where "value" <> ? and "key" in $in`,
      ["never"],
      [...wanted, "missing"],
    );
    expect(rows.map((r) => r.key).sort()).toEqual([...wanted].sort());
    await runForList(t.cdb.db, backend, `delete from "caliper_meta" where "value" = ? and "key" in $in`, ["0"], wanted);
    const left = await runSql<{ n: number | string }>(
      t.cdb.db,
      backend,
      `select count(*) as "n" from "caliper_meta"`,
      [],
    );
    const zeroEven = wanted.filter((k) => Number(k.slice(1)) % 7 === 0).length;
    expect(Number(left[0]?.n)).toBe(1300 - zeroEven);
  });

  it("runForRows names each row by its condition, over several statements past KEYED_MAX rows", async () => {
    const all = async () =>
      new Map(
        (
          await runSql<{ key: string; value: string }>(
            t.cdb.db,
            backend,
            `select "key", "value" from "caliper_meta"`,
            [],
          )
        ).map((r) => [r.key, r.value]),
      );
    const before = await all();
    const rows = Array.from({ length: KEYED_MAX * 2 + 5 }, (_, i) => ({
      key: `k${i * 3}`,
      value: String((i * 3) % 7),
    }));
    await runForRows(
      t.cdb.db,
      backend,
      { head: `delete from "caliper_meta"`, condition: `"key" = ? and "value" = ?`, tail: `and "value" <> '6'` },
      rows,
      (r) => [r.key, r.value],
    );
    const gone = rows.filter((r) => before.get(r.key) === r.value && r.value !== "6").map((r) => r.key);
    expect(gone.length).toBeGreaterThan(KEYED_MAX);
    const want = new Map(before);
    for (const k of gone) want.delete(k);
    expect(await all()).toEqual(want);
  });
});
