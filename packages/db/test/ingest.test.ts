import type { CaliperEvent } from "@caliper/domain";
import { arbitraryHistory, sampleHistory, shuffled } from "@caliper/metrics/testing";
import { loadPolicySet, parsePolicyFile } from "@caliper/policy";
import fc from "fast-check";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { appendEvents, getTicket, type RebuildProgress, rebuildProjections } from "../src/index.ts";
import { fillCountSpans, fillSketchSpans } from "../src/projections/span-backfill.ts";
import { createTestDatabase, snapshotProjections, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

const ev = (id: string, type: CaliperEvent["type"], at: string, data: object, extra: object = {}): CaliperEvent =>
  ({
    id,
    type,
    brand: "acme",
    ticketId: "T1",
    at,
    actor: { type: "customer", id: "c1" },
    data,
    ...extra,
  }) as CaliperEvent;

const created = ev("e1", "ticket.created", "2025-03-03T10:00:00.000Z", { channel: "email", category: "order" });
const reply = ev(
  "e2",
  "message.agent",
  "2025-03-03T11:00:00.000Z",
  { body: "hi" },
  { actor: { type: "agent", id: "a1" } },
);
const solved = ev(
  "e3",
  "ticket.status",
  "2025-03-03T12:00:00.000Z",
  { status: "solved" },
  { actor: { type: "agent", id: "a1" } },
);

describe.each(TEST_BACKENDS)("event log on %s", (backend) => {
  const open: TestDatabase[] = [];
  const fresh = async () => {
    const t = await createTestDatabase(backend);
    open.push(t);
    return t;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.drop()));
  });
  const ctx = { backend, policies: loadPolicySet() };

  it("stores an event once and reports the repeat as a duplicate", async () => {
    const { cdb } = await fresh();
    expect(await appendEvents(cdb, ctx, [created])).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await appendEvents(cdb, ctx, [created])).toMatchObject({ accepted: 0, duplicates: 1, stored: [false] });
    const n = await cdb.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("counts a repeat inside one batch as a duplicate", async () => {
    const { cdb } = await fresh();
    const r = await appendEvents(cdb, ctx, [created, reply, created]);
    expect(r).toEqual({ accepted: 2, duplicates: 1, stored: [true, true, false] });
  });

  it("keeps the same event id apart across brands", async () => {
    const { cdb } = await fresh();
    const other = { ...created, brand: "other" } as CaliperEvent;
    expect(await appendEvents(cdb, ctx, [created, other])).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  it("projects ticket state in the same write", async () => {
    const { cdb } = await fresh();
    await appendEvents(cdb, ctx, [solved, reply, created]);
    const t = await getTicket(cdb, "acme", "T1");
    expect(t?.ticket).toMatchObject({
      status: "solved",
      channel: "email",
      category: "order",
      createdAt: "2025-03-03T10:00:00.000Z",
      firstReplyAt: "2025-03-03T11:00:00.000Z",
      firstReplyAgent: "a1",
      solvedAt: "2025-03-03T12:00:00.000Z",
      humanReplies: 1,
    });
    expect(t?.timeline.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
  });

  it("gives the same projections whatever the arrival order and batching", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryHistory({ brands: ["acme", "beta"] }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 7 }),
        async (events, seed, batch) => {
          const a = await fresh();
          const b = await fresh();
          await appendEvents(a.cdb, ctx, events);
          const mixed = shuffled(events, seed);
          for (let i = 0; i < mixed.length; i += batch) await appendEvents(b.cdb, ctx, mixed.slice(i, i + batch));
          expect(await snapshotProjections(b.cdb)).toEqual(await snapshotProjections(a.cdb));
          await Promise.all(open.splice(0).map((t) => t.drop()));
        },
      ),
      { numRuns: backend === "postgres" ? 10 : 30 },
    );
  });

  it("rebuild replays the log into identical projections", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryHistory({ brands: ["acme", "beta"], maxTickets: 20 }),
        fc.integer({ min: 1, max: 12 }),
        async (events, pageRows) => {
          const { cdb } = await fresh();
          await appendEvents(cdb, ctx, events);
          const live = await snapshotProjections(cdb);
          const progress: RebuildProgress[] = [];
          const r = await rebuildProjections(cdb, ctx, (p) => progress.push(p));
          expect(r.events).toBe(events.length);
          // Each phase is reported from 0 when it starts, never goes back, and ends at its total.
          for (const [phase, count] of [
            ["tickets", r.tickets],
            ["orders", r.orders],
          ] as const) {
            const seen = progress.filter((p) => p.phase === phase);
            expect(seen[0]).toMatchObject({ done: 0, total: count });
            expect(seen.at(-1)).toMatchObject({ done: count, total: count });
            for (let i = 1; i < seen.length; i++)
              expect((seen[i] as RebuildProgress).done).toBeGreaterThanOrEqual((seen[i - 1] as RebuildProgress).done);
          }
          // After the last page, each remaining step is told.
          expect(progress.filter((p) => p.note !== undefined).map((p) => p.note)).toEqual([
            "writing rollups…",
            "building indexes…",
            "filling span rollups…",
          ]);
          expect(await snapshotProjections(cdb)).toEqual(live);
          // Committing page by page (bulk loads) gives the same tables.
          await rebuildProjections(cdb, ctx, undefined, { perPage: true });
          expect(await snapshotProjections(cdb)).toEqual(live);
          // Reads of a few rows cut subjects in two, and a subject may not fit in one read.
          const small = await rebuildProjections(cdb, ctx, undefined, { pageRows });
          expect(small).toMatchObject({ tickets: r.tickets, orders: r.orders });
          expect(await snapshotProjections(cdb)).toEqual(live);
          await Promise.all(open.splice(0).map((t) => t.drop()));
        },
      ),
      { numRuns: backend === "postgres" ? 8 : 25 },
    );
  });

  it("rebuilding the brands whose policy changed equals a full rebuild and leaves the other brands' rows alone", async () => {
    // beta's store moves to Tokyo and answers faster: its local days, clocks and rollups all change.
    const parsed = parsePolicyFile({
      brands: {
        beta: {
          timezone: "Asia/Tokyo",
          holidays: ["2025-03-04"],
          clocks: { first_response: { target: "2h", limit: "4h" } },
        },
      },
    });
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    const changed = { backend, policies: loadPolicySet(parsed.file) };
    const rowsOf = (snapshot: Record<string, string[]>, brands: readonly string[]) =>
      Object.fromEntries(
        Object.entries(snapshot).map(([table, rows]) => [
          table,
          rows.filter((r) => brands.includes((JSON.parse(r) as { brand: string }).brand)),
        ]),
      );
    await fc.assert(
      fc.asyncProperty(
        arbitraryHistory({ brands: ["acme", "beta", "gamma"], maxTickets: 24 }),
        fc.integer({ min: 1, max: 12 }),
        async (events, pageRows) => {
          const { cdb } = await fresh();
          await appendEvents(cdb, ctx, events);
          const before = await snapshotProjections(cdb);
          const r = await rebuildProjections(cdb, changed, undefined, { brands: ["beta"], pageRows });
          expect(r.brands).toEqual(["beta"]);
          expect(r.events).toBe(events.filter((e) => e.brand === "beta").length);
          const partial = await snapshotProjections(cdb);
          // The other brands' rows are untouched...
          expect(rowsOf(partial, ["acme", "gamma"])).toEqual(rowsOf(before, ["acme", "gamma"]));
          // ...and the whole store is what a full rebuild with the new policies gives.
          await rebuildProjections(cdb, changed);
          expect(partial).toEqual(await snapshotProjections(cdb));
          await Promise.all(open.splice(0).map((t) => t.drop()));
        },
      ),
      { numRuns: backend === "postgres" ? 8 : 25 },
    );
  });

  it("rebuilding brands keeps the secondary indexes and rejects an empty list", async () => {
    const { cdb } = await fresh();
    await appendEvents(cdb, ctx, sampleHistory({ brands: ["acme", "beta"], maxTickets: 10 }, 7));
    const indexes = async () =>
      backend === "sqlite"
        ? (
            await sql<{ name: string }>`select name from sqlite_master where type = 'index' order by name`.execute(
              cdb.db,
            )
          ).rows
        : (
            await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where schemaname = current_schema() order by indexname`.execute(
              cdb.db,
            )
          ).rows;
    const names = await indexes();
    const progress: RebuildProgress[] = [];
    await rebuildProjections(cdb, ctx, (p) => progress.push(p), { brands: ["acme"] });
    expect(await indexes()).toEqual(names);
    expect(progress.filter((p) => p.note !== undefined).map((p) => p.note)).toEqual([
      "writing rollups…",
      "filling span rollups…",
    ]);
    await expect(rebuildProjections(cdb, ctx, undefined, { brands: [] })).rejects.toThrow(/brands is empty/);
  });

  it("rebuild with worker threads computing the projections gives the same tables", async () => {
    const events = sampleHistory({ brands: ["acme", "beta"], maxTickets: 40 }, 42);
    const { cdb } = await fresh();
    await appendEvents(cdb, ctx, events);
    const live = await snapshotProjections(cdb);
    const r = await rebuildProjections(cdb, ctx, undefined, { workers: 2, pageRows: 25 });
    expect(r.events).toBe(events.length);
    expect(await snapshotProjections(cdb)).toEqual(live);
  });

  it("a rebuild that fails half-way committing page by page leaves the indexes in place and the log intact", async () => {
    const events = sampleHistory({ brands: ["acme", "beta"], maxTickets: 30 }, 7);
    const { cdb } = await fresh();
    await appendEvents(cdb, ctx, events);
    const live = await snapshotProjections(cdb);
    const indexCount = async () =>
      backend === "sqlite"
        ? Number(
            (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'index'`.execute(cdb.db))
              .rows[0]?.n,
          )
        : Number(
            (
              await sql<{
                n: number;
              }>`select count(*) as n from pg_indexes where schemaname = current_schema()`.execute(cdb.db)
            ).rows[0]?.n,
          );
    const before = await indexCount();
    let calls = 0;
    const failing = {
      ...ctx,
      policies: {
        ...ctx.policies,
        get: (brand: string) => {
          if (++calls > 1) throw new Error("policy store unavailable");
          return ctx.policies.get(brand);
        },
      },
    };
    await expect(rebuildProjections(cdb, failing, undefined, { perPage: true, pageRows: 10 })).rejects.toThrow(
      "policy store unavailable",
    );
    expect(await indexCount()).toBe(before);
    // The log is whole: rebuilding again gives the live tables back.
    await rebuildProjections(cdb, ctx, undefined, { perPage: true });
    expect(await snapshotProjections(cdb)).toEqual(live);
  });

  it("span rollups backfilled from the per-day rows (migrations 007, 008) equal the live ones", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryHistory({ brands: ["acme", "beta"], maxTickets: 30 }), async (events) => {
        const { cdb } = await fresh();
        await appendEvents(cdb, ctx, events);
        const live = await snapshotProjections(cdb);
        for (const t of ["rollup_sketch_span", "rollup_daily_span", "rollup_sla_span"] as const)
          await cdb.db.deleteFrom(t).execute();
        await fillSketchSpans(cdb.db, backend);
        await fillCountSpans(cdb.db, backend);
        expect(await snapshotProjections(cdb)).toEqual(live);
        await Promise.all(open.splice(0).map((t) => t.drop()));
      }),
      { numRuns: backend === "postgres" ? 5 : 15 },
    );
  });
});
