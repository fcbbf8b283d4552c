import { type Backend, LATEST_MIGRATION, openDatabase, pendingMigrations } from "@caliper/db";
import { createTestDatabase, TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  asStored,
  batches,
  deal,
  demoEvents,
  inspectDatabase,
  killAll,
  Ledger,
  overviewDifferences,
  runCli,
  runClients,
  startServe,
  tempDir,
} from "./harness.ts";

/**
 * Two `caliper serve` processes on one database (a SQLite file in WAL mode whose writers wait for each other's lock,
 * or one PostgreSQL schema), started together on an empty database (both migrate), then sent the
 * same events at the same time, each in its own order and batching, by two clients each. Every
 * event is sent twice; each must be stored and counted exactly once.
 */

// Real processes on a shared 2-core CI machine: generous limits (nothing here asserts on time).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  killAll();
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function emptyTarget(backend: Backend): Promise<string> {
  if (backend === "sqlite") {
    const tmp = tempDir("concurrency");
    cleanup.push(tmp.remove);
    return `${tmp.dir}/shared.db`;
  }
  const t = await createTestDatabase("postgres", { migrate: false });
  cleanup.push(() => t.drop());
  return t.target;
}

describe.each(TEST_BACKENDS)("two API processes on one %s database", (backend) => {
  it("store and count overlapping batches once: count = distinct ids, projections = rebuild, overview = reference", async () => {
    const target = await emptyTarget(backend);
    const events = demoEvents(160, 21);
    const [a, b] = await Promise.all([startServe(target), startServe(target)]);
    if (!a || !b) throw new Error("servers did not start");

    const ledger = new Ledger();
    // The same events, in different orders and batch sizes, to both servers at once.
    await Promise.all([
      runClients(a.url, deal(batches(events, 101, 5, 60), 2), ledger),
      runClients(b.url, deal(batches(events, 202, 20, 120), 2), ledger),
    ]);
    expect(ledger.failed).toEqual([]);
    expect(ledger.refused).toEqual([]);
    // Each event was reported accepted by exactly one response, and as a duplicate by the other.
    const reported = ledger.ok.reduce((n, o) => n + o.accepted + o.duplicates, 0);
    expect(reported).toBe(2 * events.length);
    expect(ledger.accepted).toBe(events.length);

    // Both servers read the same figures, equal to the reference over the distinct events.
    const reference = asStored(events);
    expect(await overviewDifferences(a.url, reference)).toEqual([]);
    expect(await overviewDifferences(b.url, reference)).toEqual([]);

    a.signal("SIGTERM");
    b.signal("SIGTERM");
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });

    const report = await inspectDatabase(target, ledger.acked);
    expect(report.missing).toEqual([]);
    expect(report.rows).toBe(events.length);
    expect(report.distinct).toBe(events.length);
    expect(report.tickets).toBe(160);
    expect(report.rebuilt).toEqual(report.live);
    if (backend === "sqlite") expect(report.integrity).toEqual(["ok"]);
  });
});

describe.each(TEST_BACKENDS)("processes migrating one new %s database at once", (backend) => {
  it("all succeed: one applies the migrations, the others find the schema current", async () => {
    const target = await emptyTarget(backend);
    const runs = await Promise.all([1, 2].map(() => runCli(["migrate", "--db", target])));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs.filter((r) => new RegExp(`Applied .*${LATEST_MIGRATION} in [\\d.]+ s`).test(r.stderr)).length).toBe(1);
    expect(runs.filter((r) => r.stderr.includes("Schema is up to date")).length).toBe(1);
    const cdb = await openDatabase(target, { migrate: false });
    try {
      expect(await pendingMigrations(cdb.db, cdb.backend)).toEqual([]);
    } finally {
      await cdb.close();
    }
  });
});
