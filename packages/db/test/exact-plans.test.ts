import { sampleHistory } from "@caliper/metrics/testing";
import { loadPolicySet } from "@caliper/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvents, queryOverview } from "../src/index.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

/**
 * An exact read on a store that has never been analysed (a new store, before SQLite's statistics
 * exist) reads each ticket's and order's clocks through its subject index, never by walking the
 * brand's clocks: one plan that did made the contention benchmark's reads 7× slower.
 */
describe.runIf(TEST_BACKENDS.includes("sqlite"))("exact read plans on a store without statistics (SQLite)", () => {
  let t: TestDatabase;
  const policies = loadPolicySet();
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const events = sampleHistory({ brands: ["acme"], minTickets: 40, maxTickets: 40, minOrders: 20, maxOrders: 20 }, 5);
    await appendEvents(t.cdb, { backend: "sqlite", policies }, events);
  });
  afterAll(() => t.drop());

  it("reads clocks by ticket and by order", async () => {
    const raw = t.cdb.sqlite as NonNullable<typeof t.cdb.sqlite>;
    // No statistics: forget any (the test database may have run `PRAGMA optimize`), and make SQLite reload them.
    if ((raw.prepare("select count(*) as n from sqlite_master where name = 'sqlite_stat1'").get() as { n: number }).n)
      raw.exec("delete from sqlite_stat1; analyze sqlite_schema;");
    const statements = new Set<string>();
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      statements.add(text);
      return prepare(text);
    }) as typeof raw.prepare;
    try {
      const q = {
        brand: "acme",
        from: "2024-01-01T00:00:00.000Z",
        to: "2027-01-01T00:00:00.000Z",
        asOf: "2027-01-01T00:00:00.000Z",
      };
      const overview = await queryOverview(t.cdb, { backend: "sqlite", policies }, q, "exact");
      expect(overview.tickets.created).toBeGreaterThan(0);
    } finally {
      raw.prepare = prepare;
    }
    const clockReads = [...statements].filter((s) => /"clocks" as "k"/.test(s));
    expect(clockReads.length).toBeGreaterThanOrEqual(2);
    for (const text of clockReads) {
      const params = Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null);
      const plan = (raw.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .filter((d) => d.startsWith("SEARCH k") || d.startsWith("SCAN k"));
      expect(plan.join(" | ")).toMatch(
        /^SEARCH k USING INDEX clocks_(ticket|order)_idx \(brand=\? AND (ticket|order)_id=\?\)$/,
      );
    }
  });
});
