import type { CaliperDb } from "@caliper/db";
import { snapshotProjections, TEST_BACKENDS } from "@caliper/db/testing";
import type { CaliperEvent } from "@caliper/domain";
import { afterEach, describe, expect, it } from "vitest";
import { type DemoOptions, emptyDemoStats, generateDemo } from "../../src/demo/index.ts";
import { BatchWriter } from "../../src/ingest/batch-writer.ts";
import {
  BULK_LOG_BATCH,
  bulkLoadPending,
  clearBulkLoadPending,
  finishBulkLoad,
  startBulkLoad,
} from "../../src/ingest/bulk-load.ts";
import { loadDemo } from "../../src/ingest/load-demo.ts";
import { syncPolicies } from "../../src/policy-sync.ts";
import { createTestApi, type TestApi } from "../support.ts";

const options: DemoOptions = { tickets: 700, days: 20, seed: 11, end: "2026-06-01T00:00:00.000Z" };

/** Every derived table's rows and the log (without its arrival columns), sorted, as JSON text. */
const snapshot = (cdb: CaliperDb) => snapshotProjections(cdb, { also: ["events"], omit: ["received_at", "seq"] });

const demoEvents = (): CaliperEvent[] => [...generateDemo(options)].flat();

describe.each(TEST_BACKENDS)("bulk loads on %s", (backend) => {
  const open: TestApi[] = [];
  afterEach(async () => {
    for (const api of open.splice(0)) await api.close();
  });

  /** The same events ingested batch by batch: what every bulk load must equal. */
  const ingested = async (events: readonly CaliperEvent[]) => {
    const live = await createTestApi(backend);
    open.push(live);
    const writer = new BatchWriter(live.services, 1000);
    await writer.add(events);
    await writer.flush();
    return { api: live, accepted: writer.accepted };
  };

  it("is marked pending from the first event until its rebuild has committed", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    const events = demoEvents();
    expect(await bulkLoadPending(api.services)).toBe(false);
    const bulk = await startBulkLoad(api.services);
    expect(await bulkLoadPending(api.services)).toBe(true);
    await bulk.add(events);
    await bulk.add(events.slice(0, 10));
    expect(await bulkLoadPending(api.services)).toBe(true);
    const r = await bulk.finish();
    expect(await bulkLoadPending(api.services)).toBe(false);
    const live = await ingested(events);
    expect(r.events).toBe(live.accepted);
    expect([bulk.accepted, bulk.duplicates]).toEqual([live.accepted, 10]);
    expect(await snapshot(api.db.cdb)).toEqual(await snapshot(live.api.db.cdb));
  });

  it("stopped before its rebuild, leaves the log unprojected and pending; finishBulkLoad completes it", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    const events = demoEvents();
    expect(events.length).toBeGreaterThan(BULK_LOG_BATCH);
    const stopped = await startBulkLoad(api.services);
    await stopped.add(events); // over BULK_LOG_BATCH: appended to the log, never finished
    const logged = await api.db.cdb.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .execute();
    expect(Number(logged[0]?.n)).toBe(events.length);
    const tickets = await api.db.cdb.db.selectFrom("tickets").select("ticket_id").execute();
    expect(tickets).toEqual([]);
    expect(await bulkLoadPending(api.services)).toBe(true);

    // What `caliper serve` does at start: rebuild, saying so in its log.
    const said: string[] = [];
    const note = (msg: string) => said.push(msg);
    const r = await finishBulkLoad({ ...api.services, logger: { debug: note, info: note, warn: note, error: note } });
    expect(r?.events).toBe(events.length);
    expect(said[0]).toBe("a bulk load stopped before its rebuild: rebuilding projections from the event log");
    expect(said.at(-1)).toBe("projections rebuilt");
    expect(await bulkLoadPending(api.services)).toBe(false);
    expect(await finishBulkLoad(api.services)).toBeNull();
    expect(await snapshot(api.db.cdb)).toEqual(await snapshot((await ingested(events)).api.db.cdb));
  });

  it("stopped before its rebuild, resumes as a bulk load when the demo runs again", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    const events = demoEvents();
    const stopped = await startBulkLoad(api.services);
    await stopped.add(events.slice(0, BULK_LOG_BATCH + 1));
    // The log holds events now, but the load did not finish: running the demo again goes on in bulk.
    const again = await loadDemo(api.services, options, emptyDemoStats(), () => {});
    expect(again.bulk).toBe(true);
    expect(again.rebuild?.events).toBe(events.length);
    expect([again.accepted, again.duplicates]).toEqual([events.length - BULK_LOG_BATCH - 1, BULK_LOG_BATCH + 1]);
    expect(await bulkLoadPending(api.services)).toBe(false);
    expect(await snapshot(api.db.cdb)).toEqual(await snapshot((await ingested(events)).api.db.cdb));
  });

  it("finished at start, leaves nothing for the policy check to rebuild again", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    const events = demoEvents();
    // Policies changed since the fingerprints were saved, and a bulk load stopped before its rebuild.
    const brands = [...new Set(events.map((e) => e.brand))];
    const stale = JSON.stringify(Object.fromEntries(brands.map((b) => [b, "stale"])));
    await api.db.cdb.db.insertInto("caliper_meta").values({ key: "policy_fingerprints", value: stale }).execute();
    const stopped = await startBulkLoad(api.services);
    await stopped.add(events);
    // What `caliper serve` runs at start: the rebuild used the current policies, so one is enough.
    expect(await finishBulkLoad(api.services)).not.toBeNull();
    expect(await syncPolicies(api.services)).toEqual({ changed: [], rebuilt: false });
  });

  it("finished by the demo, leaves nothing for the policy check at the next start either", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    const brands = [...new Set(demoEvents().map((e) => e.brand))];
    const stale = JSON.stringify(Object.fromEntries(brands.map((b) => [b, "stale"])));
    await api.db.cdb.db.insertInto("caliper_meta").values({ key: "policy_fingerprints", value: stale }).execute();
    expect((await loadDemo(api.services, options, emptyDemoStats(), () => {})).bulk).toBe(true);
    expect(await syncPolicies(api.services)).toEqual({ changed: [], rebuilt: false });
  });

  it("clearBulkLoadPending forgets the marker (caliper rebuild calls it after projecting the whole log)", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    await startBulkLoad(api.services);
    await clearBulkLoadPending(api.services);
    expect(await bulkLoadPending(api.services)).toBe(false);
    expect(await finishBulkLoad(api.services)).toBeNull();
  });
});
