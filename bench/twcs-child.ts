/**
 * Child process of the twcs benchmark: runs the twcs importer (importTwcsBatches, both passes: the
 * on-disk thread index, then the events) over FILE without storing the events, and prints a
 * JSON summary on stdout. With --expose-gc it also measures the live heap after a full GC
 * every half second (what memory the importer really holds, without the GC's slack).
 *
 *   node --expose-gc --import tsx bench/twcs-child.ts FILE [--store DB]
 *
 * With --store DB the events are stored exactly as `caliper import --format twcs` does it
 * (bootstrap, BatchWriter of IMPORT_BATCH events, ingestEvents), so the live heap of the whole import is
 * measured too.
 */
import { bootstrap } from "../apps/api/src/bootstrap.ts";
import { importTwcsBatches } from "../apps/api/src/import/index.ts";
import { IMPORT_BATCH } from "../apps/api/src/cli/import.ts";
import { BatchWriter } from "../apps/api/src/ingest/batch-writer.ts";
import { silentLogger } from "../apps/api/src/logger.ts";

const file = process.argv[2];
const storeDb = process.argv[3] === "--store" ? process.argv[4] : undefined;
if (!file) {
  process.stderr.write("usage: bench/twcs-child.ts FILE [--store DB]\n");
  process.exit(2);
}
const services = storeDb ? await bootstrap({ db: storeDb, logger: silentLogger, backgroundCheckpoints: true }) : null;
const writer = services ? new BatchWriter(services, IMPORT_BATCH) : null;
const gc = (globalThis as { gc?: () => void }).gc;
const t0 = performance.now();
const counts = { events: 0, skipped: 0, errors: 0 };
let indexSeconds = 0;
let lastGc = 0;
const liveHeap: { phase: string; mb: number; t: number }[] = [];
for await (const items of importTwcsBatches(file, {
  onProgress: (p) => {
    const now = performance.now();
    const phaseChange = p.phase === "events" && indexSeconds === 0;
    if (phaseChange) indexSeconds = (now - t0) / 1000;
    if (gc && (now - lastGc > 500 || phaseChange)) {
      lastGc = now;
      gc();
      liveHeap.push({ phase: p.phase, mb: process.memoryUsage().heapUsed / 2 ** 20, t: (now - t0) / 1000 });
    }
  },
})) {
  const events = [];
  for (const item of items) {
    if ("event" in item) events.push(item.event);
    else if ("skipped" in item) counts.skipped++;
    else counts.errors++;
  }
  counts.events += events.length;
  if (writer) await writer.add(events);
}
await writer?.flush();
await services?.db.close();
const seconds = (performance.now() - t0) / 1000;
const max = liveHeap.reduce((m, s) => Math.max(m, s.mb), 0);
process.stdout.write(
  `${JSON.stringify({ ...counts, stored: writer?.accepted ?? 0, indexSeconds, seconds, liveHeapMaxMb: max, liveHeap })}\n`,
);
