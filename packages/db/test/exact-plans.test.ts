import { sampleHistory } from "@caliper/metrics/testing";
import { loadPolicySet } from "@caliper/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvents, queryOverview } from "../src/index.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

/**
 * Metric reads on a store that has never been analysed (a new store, before SQLite's statistics
 * exist): an exact read takes each ticket's and order's clocks through its subject index, never by
 * walking the brand's clocks (one plan that did made the contention benchmark's reads 7× slower),
 * and running clocks are counted from their covering index (migration 011).
 */
describe.runIf(TEST_BACKENDS.includes("sqlite"))("metric read plans on a store without statistics (SQLite)", () => {
  let t: TestDatabase;
  const policies = loadPolicySet();
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const events = sampleHistory({ brands: ["acme"], minTickets: 40, maxTickets: 40, minOrders: 20, maxOrders: 20 }, 5);
    await appendEvents(t.cdb, { backend: "sqlite", policies }, events);
  });
  afterAll(() => t.drop());

  const q = {
    brand: "acme",
    from: "2024-01-01T00:00:00.000Z",
    to: "2027-01-01T00:00:00.000Z",
    asOf: "2027-01-01T00:00:00.000Z",
  };

  /** The statements an overview at `precision` prepares, on a store without statistics. */
  async function statementsOf(precision: "exact" | "sketch"): Promise<string[]> {
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
      const overview = await queryOverview(t.cdb, { backend: "sqlite", policies }, q, precision);
      expect(overview.tickets.created).toBeGreaterThan(0);
    } finally {
      raw.prepare = prepare;
    }
    return [...statements];
  }

  const planOf = (text: string): string[] => {
    const raw = t.cdb.sqlite as NonNullable<typeof t.cdb.sqlite>;
    const params = Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null);
    return (raw.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  };

  it("counts running clocks from their index alone", async () => {
    const running = (await statementsOf("sketch")).filter((s) => /from "clocks" where .*"stopped_at" is null/.test(s));
    expect(running.length).toBeGreaterThanOrEqual(1);
    for (const text of running)
      expect(planOf(text).join(" | ")).toContain("USING COVERING INDEX clocks_running_period_idx");
  });

  it("reads clocks by ticket and by order", async () => {
    const statements = await statementsOf("exact");
    const clockReads = statements.filter((s) => /"clocks" as "k"/.test(s));
    expect(clockReads.length).toBeGreaterThanOrEqual(2);
    for (const text of clockReads) {
      const plan = planOf(text).filter((d) => d.startsWith("SEARCH k") || d.startsWith("SCAN k"));
      expect(plan.join(" | ")).toMatch(
        /^SEARCH k USING INDEX clocks_(ticket|order)_idx \(brand=\? AND (ticket|order)_id=\?\)$/,
      );
    }
  });
});
