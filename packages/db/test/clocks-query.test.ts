import type { CaliperEvent } from "@caliper/domain";
import { sampleHistory } from "@caliper/metrics/testing";
import { loadPolicySet } from "@caliper/policy";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvents, type ClockStatusFilter, type ClockView, queryClocks } from "../src/index.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

const policies = loadPolicySet();
const STATUSES: ClockStatusFilter[] = ["met", "late", "breached", "running", "atRisk"];

describe.each(TEST_BACKENDS)("SLA clocks page on %s", (backend) => {
  const ctx = { backend, policies };
  let db: TestDatabase;
  let events: CaliperEvent[];
  beforeAll(async () => {
    db = await createTestDatabase(backend);
    events = sampleHistory({ brands: ["acme"], minTickets: 120, maxTickets: 120, minOrders: 40, maxOrders: 40 }, 11);
    await appendEvents(db.cdb, ctx, events);
  });
  afterAll(async () => {
    await db.drop();
  });

  /** Every page of a query, following the cursor. */
  async function all(status: ClockStatusFilter | undefined, asOf: string): Promise<ClockView[]> {
    const out: ClockView[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await queryClocks(db.cdb, policies, {
        brand: "acme",
        asOf,
        limit: 7,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.clocks);
      if (!page.nextCursor) return out;
      cursor = page.nextCursor;
    }
  }

  it("each status filter returns exactly the clocks whose state at asOf has that status, in page order", async () => {
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -5 * 24, max: 90 * 24 }), async (hours) => {
        const asOf = new Date(Date.UTC(2025, 2, 1) + hours * 3_600_000).toISOString();
        const every = await all(undefined, asOf);
        for (const status of STATUSES) {
          const want = every.filter((c) => (status === "atRisk" ? c.atRisk : c.status === status));
          const got = await all(status, asOf);
          expect(got).toEqual(want);
          seen += got.length;
        }
      }),
      { numRuns: backend === "postgres" ? 8 : 20 },
    );
    expect(seen).toBeGreaterThan(50);
  });
});
