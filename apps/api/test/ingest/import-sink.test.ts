import { join } from "node:path";
import { appendToLog, type CaliperDb } from "@caliper/db";
import { snapshotProjections, TEST_BACKENDS } from "@caliper/db/testing";
import type { CaliperEvent } from "@caliper/domain";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { importTwcsBatches } from "../../src/import/index.ts";
import { bulkLoadPending } from "../../src/ingest/bulk-load.ts";
import { importSink, StoreNotEmptyError } from "../../src/ingest/import-sink.ts";
import { forStorage } from "../../src/ingest/ingest-events.ts";
import { countEvents, createTestApi, type TestApi } from "../support.ts";

const TWCS = join(__dirname, "../fixtures/twcs/twcs-sample.csv");

/** Every derived table's rows and the log (without its arrival columns), sorted, as JSON text. */
const snapshot = (cdb: CaliperDb) => snapshotProjections(cdb, { also: ["events"], omit: ["received_at", "seq"] });

describe.each(TEST_BACKENDS)("caliper import's sinks on %s", (backend) => {
  const open: TestApi[] = [];
  afterEach(async () => {
    for (const api of open.splice(0)) await api.close();
  });
  const store = async () => {
    const api = await createTestApi(backend);
    open.push(api);
    return api;
  };

  /** The twcs sample's events, in the chunks the importer yields them. */
  let chunks: CaliperEvent[][];
  beforeAll(async () => {
    chunks = [];
    for await (const items of importTwcsBatches(TWCS))
      chunks.push(items.flatMap((i) => ("event" in i ? [i.event] : [])));
  });

  /** Imports `chunks` through a sink; the rebuild's figures when it was a bulk load. */
  const load = async (api: TestApi, bulk: boolean, batchSize = 5000) => {
    const sink = await importSink(api.services, { bulk, batchSize });
    for (const c of chunks) await sink.add(c);
    return { sink, rebuild: await sink.finish() };
  };

  it("--bulk into an empty store gives exactly what ingest does, and says how its rebuild went", async () => {
    const bulk = await store();
    const live = await store();
    const b = await load(bulk, true);
    const l = await load(live, false, 7);
    expect(b.sink.bulk).toBe(true);
    expect(l.rebuild).toBeNull();
    expect(b.sink.accepted).toBe(108);
    expect([b.sink.accepted, b.sink.duplicates]).toEqual([l.sink.accepted, l.sink.duplicates]);
    expect(b.rebuild).toMatchObject({ events: 108, orders: 0 });
    expect(b.rebuild?.tickets).toBeGreaterThan(10);
    expect(await bulkLoadPending(bulk.services)).toBe(false);
    expect(await snapshot(bulk.db.cdb)).toEqual(await snapshot(live.db.cdb));
  });

  it("--bulk into a store that holds events is refused before anything is written", async () => {
    const api = await store();
    await load(api, false);
    const before = await snapshot(api.db.cdb);
    await expect(importSink(api.services, { bulk: true, batchSize: 5000 })).rejects.toThrow(StoreNotEmptyError);
    expect(await bulkLoadPending(api.services)).toBe(false);
    expect(await snapshot(api.db.cdb)).toEqual(before);
  });

  it("a --bulk import stopped before its rebuild resumes with --bulk, to the same tables", async () => {
    const api = await store();
    // Stopped after its first log transaction (of 40 events here), before its rebuild.
    await importSink(api.services, { bulk: true, batchSize: 5000 });
    await appendToLog(
      api.services.db,
      chunks
        .flat()
        .slice(0, 40)
        .map((e) => forStorage(api.services, e)),
    );
    expect(await bulkLoadPending(api.services)).toBe(true);
    const again = await importSink(api.services, { bulk: true, batchSize: 5000 });
    expect(again.bulk).toBe(true);
    for (const c of chunks) await again.add(c);
    await again.finish();
    expect([again.accepted, again.duplicates]).toEqual([108 - 40, 40]);
    expect(await countEvents(api)).toBe(108);
    const clean = await store();
    await load(clean, true);
    expect(await snapshot(api.db.cdb)).toEqual(await snapshot(clean.db.cdb));
  });
});
