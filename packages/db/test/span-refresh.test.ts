import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { arbitraryHistory, sampleHistory, shuffled } from "@caliper/metrics/testing";
import { loadPolicySet } from "@caliper/policy";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { appendEvents, openDatabase, SPAN_REFRESH_DELAY_MS } from "../src/index.ts";
import { fillCountSpans, fillSketchSpans } from "../src/projections/span-backfill.ts";
import { refreshAllSpans, refreshSpans } from "../src/projections/span-refresh.ts";
import { createTestDatabase, TEST_BACKENDS } from "../src/testing.ts";
import type { CaliperDb } from "../src/index.ts";

const SPAN_TABLES = ["rollup_daily_span", "rollup_sla_span", "rollup_sketch_span"] as const;

const spanRows = async (cdb: CaliperDb, only?: "day"): Promise<Record<string, string[]>> => {
  const out: Record<string, string[]> = {};
  for (const t of SPAN_TABLES)
    out[t] = (
      await cdb.db
        .selectFrom(t)
        .selectAll()
        .where("span", "in", only ? [only] : ["day", "week", "month"])
        .execute()
    )
      .map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))
      .sort();
  return out;
};
const marks = async (cdb: CaliperDb): Promise<number> =>
  (await cdb.db.selectFrom("rollup_span_dirty").selectAll().execute()).length;

describe.each(TEST_BACKENDS)("span rollup refresh on %s", (backend) => {
  const ctx = { backend, policies: loadPolicySet() };

  it("keeps day spans exact at every write, and weeks and months once refreshed, however writes and refreshes interleave", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryHistory({ brands: ["acme", "beta"], maxTickets: 25, maxOrders: 4, spanMs: 70 * 86_400_000 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 1, max: 6 }),
        async (events, seed, limit) => {
          const t = await createTestDatabase(backend, { backgroundSpanRefresh: false });
          try {
            const mixed = shuffled(events, seed);
            // Batches of a few events, every other one followed by a refresh of at most `limit`
            // marked weeks and months (the oldest first).
            for (let i = 0; i < mixed.length; i += 4) {
              await appendEvents(t.cdb, ctx, mixed.slice(i, i + 4));
              if ((i / 4) % 2 === seed % 2) await refreshSpans(t.cdb.db, backend, limit);
            }
            const days = await spanRows(t.cdb, "day");
            await refreshAllSpans(t.cdb.db, backend);
            expect(await marks(t.cdb)).toBe(0);
            const refreshed = await spanRows(t.cdb);
            for (const table of SPAN_TABLES) await t.cdb.db.deleteFrom(table).execute();
            await fillSketchSpans(t.cdb.db, backend);
            await fillCountSpans(t.cdb.db, backend);
            expect(days).toEqual(await spanRows(t.cdb, "day"));
            expect(refreshed).toEqual(await spanRows(t.cdb));
          } finally {
            await t.drop();
          }
        },
      ),
      { numRuns: backend === "postgres" ? 6 : 20 },
    );
  });

  it("refreshes from other connections while writes go on, and ends equal to the per-day rows", {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "caliper-spans-race-"));
    const t = await createTestDatabase(backend, {
      backgroundSpanRefresh: false,
      ...(backend === "sqlite" ? { sqlitePath: join(dir, "race.db") } : {}),
    });
    const others = [
      await openDatabase(t.target, { migrate: false, backgroundSpanRefresh: false }),
      await openDatabase(t.target, { migrate: false, backgroundSpanRefresh: false }),
    ];
    try {
      const events = shuffled(
        sampleHistory({ brands: ["acme", "beta"], minTickets: 120, maxTickets: 120, minOrders: 20, maxOrders: 20 }, 5),
        17,
      );
      let writing = true;
      let refreshed = 0;
      // Two refreshers (other connections, as other processes) take a few marks at a time for as
      // long as the writer goes on: on PostgreSQL they skip each other's marks and wait for the
      // writer's, on SQLite they queue for the write lock.
      const refreshers = others.map(async (o) => {
        while (writing) {
          refreshed += await refreshSpans(o.db, backend, 3);
          await new Promise((r) => setTimeout(r, 1));
        }
      });
      for (let i = 0; i < events.length; i += 5) {
        await appendEvents(t.cdb, ctx, events.slice(i, i + 5));
        // A turn of the event loop between writes, as a server has between requests.
        await new Promise((r) => setTimeout(r, 1));
      }
      writing = false;
      await Promise.all(refreshers);
      expect(refreshed).toBeGreaterThan(0);
      await refreshAllSpans(t.cdb.db, backend);
      const after = await spanRows(t.cdb);
      for (const table of SPAN_TABLES) await t.cdb.db.deleteFrom(table).execute();
      await fillSketchSpans(t.cdb.db, backend);
      await fillCountSpans(t.cdb.db, backend);
      expect(after).toEqual(await spanRows(t.cdb));
    } finally {
      for (const o of others) await o.close();
      await t.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a write marks the weeks and months of its days; they are refreshed soon after in the background", {
    timeout: 30_000,
  }, async () => {
    const t = await createTestDatabase(backend);
    try {
      const events = fc.sample(arbitraryHistory({ minTickets: 5, maxTickets: 5 }), { numRuns: 1, seed: 3 })[0] ?? [];
      await appendEvents(t.cdb, ctx, events);
      expect(await marks(t.cdb)).toBeGreaterThan(0);
      await expect.poll(() => marks(t.cdb), { timeout: SPAN_REFRESH_DELAY_MS + 10_000, interval: 100 }).toBe(0);
      expect((await spanRows(t.cdb)).rollup_daily_span?.length).toBeGreaterThan(0);
    } finally {
      await t.drop();
    }
  });
});

describe("span rollup refresh on close (SQLite file)", () => {
  const dir = mkdtempSync(join(tmpdir(), "caliper-spans-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = { backend: "sqlite" as const, policies: loadPolicySet() };

  it("refreshes what the handle marked before it closes, and a handle that marked nothing leaves others' marks", async () => {
    const file = join(dir, "close.db");
    const events = fc.sample(arbitraryHistory({ minTickets: 5, maxTickets: 5 }), { numRuns: 1, seed: 5 })[0] ?? [];
    // A process that stopped before refreshing leaves its marks behind.
    const crashed = await openDatabase(file, { backgroundSpanRefresh: false });
    await appendEvents(crashed, ctx, events.slice(0, 10));
    await crashed.close();
    const reader = await openDatabase(file);
    expect(await marks(reader)).toBeGreaterThan(0);
    await reader.close();
    // A reader's close does not write.
    const writer = await openDatabase(file);
    expect(await marks(writer)).toBeGreaterThan(0);
    await appendEvents(writer, ctx, events.slice(10));
    await writer.close();
    const after = await openDatabase(file);
    try {
      expect(await marks(after)).toBe(0);
    } finally {
      await after.close();
    }
  });
});
