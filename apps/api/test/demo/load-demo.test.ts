import type { CaliperDb } from "@caliper/db";
import { snapshotProjections, TEST_BACKENDS } from "@caliper/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type DemoOptions, emptyDemoStats, generateDemo } from "../../src/demo/index.ts";
import { BatchWriter } from "../../src/ingest/batch-writer.ts";
import { loadDemo } from "../../src/ingest/load-demo.ts";
import { createTestApi, type TestApi } from "../support.ts";

const options: DemoOptions = { tickets: 300, days: 20, seed: 3, end: "2026-06-01T00:00:00.000Z" };

/** Every derived table's rows and the log (without its arrival columns), sorted, as JSON text. */
const snapshot = (cdb: CaliperDb) => snapshotProjections(cdb, { also: ["events"], omit: ["received_at", "seq"] });

describe.each(TEST_BACKENDS)("caliper demo's bulk load on %s", (backend) => {
  const open: TestApi[] = [];
  afterEach(async () => {
    for (const api of open.splice(0)) await api.close();
  });

  it("into an empty store gives exactly what ingesting the same demo does", async () => {
    const bulk = await createTestApi(backend);
    const live = await createTestApi(backend);
    open.push(bulk, live);
    const phases = new Set<string>();
    const r = await loadDemo(bulk.services, options, emptyDemoStats(), (p) => phases.add(p.phase));
    expect(r.bulk).toBe(true);
    expect([...phases]).toEqual(["log", "tickets", "orders"]);
    const writer = new BatchWriter(live.services, 1000);
    for (const batch of generateDemo(options)) await writer.add(batch);
    await writer.flush();
    expect(r.accepted).toBe(writer.accepted);
    // The rebuild that projected them, with its figures (caliper demo prints them).
    expect(r.rebuild).toMatchObject({ tickets: 300, events: r.accepted });
    expect(r.accepted).toBeGreaterThan(1000);
    expect(await snapshot(bulk.db.cdb)).toEqual(await snapshot(live.db.cdb));
  });

  it("into a store that holds events goes through ingest, and adds nothing the second time", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    const first = await loadDemo(api.services, options, emptyDemoStats(), () => {});
    const phases = new Set<string>();
    const again = await loadDemo(api.services, options, emptyDemoStats(), (p) => phases.add(p.phase));
    expect(again).toEqual({ accepted: 0, duplicates: first.accepted, bulk: false, rebuild: null });
    expect([...phases]).toEqual(["ingest"]);
  });
});
