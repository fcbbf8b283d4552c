import { analyzeDatabase } from "@caliper/db";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { BrandId, type CaliperEvent } from "@caliper/domain";
import { bootstrap } from "../bootstrap.ts";
import { mapZendeskFile } from "../connectors/zendesk/index.ts";
import { importTwcsBatches, readNdjson } from "../import/index.ts";
import { bulkLoadPending, logIsEmpty } from "../ingest/bulk-load.ts";
import { importSink, StoreNotEmptyError } from "../ingest/import-sink.ts";
import { silentLogger } from "../logger.ts";
import type { Services } from "../services.ts";
import { dbTarget, intFlag, parseFlags, UsageError } from "./args.ts";
import { phaseBars } from "./phase-bars.ts";
import { fileProgress } from "./file-progress.ts";
import { progress } from "./progress.ts";
import { rebuildSummary } from "./rebuild-summary.ts";

export const IMPORT_USAGE = `caliper import --format ndjson|twcs|zendesk-ticket-events|zendesk-satisfaction [--brand B] [--batch N | --bulk] [--rejects FILE] [--policies FILE] [--db …] FILE

Streams FILE into the event log in batches of --batch events (default 5,000, at most 20,000), each
stored and projected in one transaction. Larger batches import faster (a ticket whose events share a
batch is projected once) but hold the write lock longer: 5,000 events take about half a second here,
well inside the 5 s a server writing to the same SQLite file waits; lower it if one does.
--bulk, into an empty store only: the events go to the log alone, then one rebuild projects them all
(the same tables, 1.5-2x faster on a large file). The projections stay empty until that rebuild
ends, so nothing else may write to the store meanwhile. Interrupted, run it again: it resumes, and
caliper serve finishes its rebuild at start.
--policies, the policy file the events are projected with (env CALIPER_POLICIES; default: the
built-in stores): pass the one caliper serve uses for this store. A brand whose policy recorded by
caliper serve or caliper rebuild differs from this one is refused before any of its events is
stored (exit 2), rather than leave its tickets projected with two policies.
  ndjson                  one Caliper event per line (the format: docs/events.md, or /docs on a server)
  twcs                    the Customer Support on Twitter CSV (brand = the replying company's handle)
  zendesk-ticket-events   Incremental Ticket Event Export pages or items (needs --brand)
  zendesk-satisfaction    satisfaction_ratings (good -> 5, bad -> 1; needs --brand)
Running the same file again adds nothing (event ids are idempotent), so an interrupted import
resumes by running it again. Rejected rows go to FILE.rejects.ndjson (or --rejects) with line and reason.`;

/**
 * Events per import transaction. A twcs file of 150,000 events took 31 s at 500, 20 s at 2,000, 14 s
 * at 5,000 and 12 s at 10,000 (same peak RSS, ~500 MB): each batch projects its tickets again from
 * all their stored events, so fewer, larger batches repeat less of that work.
 */
export const IMPORT_BATCH = 5_000;
const IMPORT_BATCH_MAX = 20_000;

const FORMATS = ["ndjson", "twcs", "zendesk-ticket-events", "zendesk-satisfaction"] as const;
type Format = (typeof FORMATS)[number];

interface Rejected {
  line: number;
  reason: string;
}

export async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, {
    db: { type: "string" },
    format: { type: "string" },
    brand: { type: "string" },
    batch: { type: "string" },
    bulk: { type: "boolean" },
    rejects: { type: "string" },
    policies: { type: "string" },
  });
  const file = positionals[0];
  if (!file) throw new UsageError("give the file to import");
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  const needsBrand = format.startsWith("zendesk");
  if (needsBrand && !BrandId.safeParse(values.brand).success) throw new UsageError(`--format ${format} needs --brand`);
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const batchSize = intFlag(values.batch, "batch", IMPORT_BATCH, 1, IMPORT_BATCH_MAX);
  const bulk = values.bulk === true;
  if (bulk && values.batch !== undefined)
    throw new UsageError("--batch and --bulk do not go together (a bulk load projects once, at the end)");
  const services = await bootstrap({
    db: dbTarget(values.db),
    policiesFile: values.policies,
    logger: silentLogger,
    backgroundCheckpoints: true,
  });
  const rejects: Rejected[] = [];
  let skipped = 0;
  let read = 0;
  const bar = fileProgress("import", "rows");
  const t0 = performance.now();
  try {
    const writer = await importSink(services, { bulk, batchSize });
    const hint = bulk ? null : await bulkHint(services);
    if (hint) process.stderr.write(`${hint}\n`);
    const reject = (line: number, reason: string) => rejects.push({ line, reason });
    if (format === "twcs") {
      // A tweet (a row) may give several items, one per event, and they come together: rows are
      // counted by line.
      let lastLine = -1;
      for await (const items of importTwcsBatches(file, {
        // Two passes over the file: the thread index, then the events.
        onProgress: (p) =>
          bar.update(p.rows, p.bytes, p.totalBytes, p.phase === "index" ? "indexing threads" : "events"),
      })) {
        const events: CaliperEvent[] = [];
        for (const item of items) {
          if (item.line !== lastLine) read++;
          lastLine = item.line;
          if ("event" in item) events.push(item.event);
          else if ("skipped" in item) skipped++;
          else reject(item.line, item.error);
        }
        await writer.add(events);
      }
    } else if (format === "ndjson") {
      const stream = createReadStream(file);
      for await (const item of readNdjson(stream)) {
        read++;
        if ("event" in item) await writer.add([item.event]);
        else
          reject(
            item.line,
            [item.error.message, ...(item.error.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join("; "),
          );
        if (read % 1000 === 0) bar.update(read, stream.bytesRead, totalBytes);
      }
    } else {
      const stream = createReadStream(file);
      const kind = format === "zendesk-ticket-events" ? "ticket-events" : "satisfaction";
      for await (const row of mapZendeskFile(stream, kind, { brand: values.brand as string })) {
        read++;
        if ("events" in row) await writer.add(row.events);
        else if ("ignored" in row) skipped++;
        else reject(row.line, row.error);
        if (read % 200 === 0) bar.update(read, stream.bytesRead, totalBytes);
      }
    }
    bar.done();
    // A bulk load's rebuild, phase by phase, as caliper demo shows it.
    const bars = phaseBars({ tickets: progress("tickets", "tickets"), orders: progress("orders ", "orders") });
    const rebuild = await writer.finish((p) => bars.update(p.phase, p.done, p.total, p.note));
    bars.close();
    await analyzeDatabase(services.db);
    const seconds = (performance.now() - t0) / 1000;
    const lines = [
      `Imported ${file}: ${read} rows in ${seconds.toFixed(1)} s${bulk ? " (bulk load)" : ""}`,
      `  events stored: ${writer.accepted}, already there (duplicates): ${writer.duplicates}, rows skipped: ${skipped}, rows rejected: ${rejects.length}`,
    ];
    if (rebuild) lines.push(rebuildSummary(rebuild, "  "));
    if (rejects.length > 0) {
      const path = values.rejects ?? `${file}.rejects.ndjson`;
      const out = createWriteStream(path);
      for (const r of rejects) out.write(`${JSON.stringify(r)}\n`);
      await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
      lines.push(`  rejected rows with line numbers and reasons: ${path}`);
      for (const r of rejects.slice(0, 5)) lines.push(`    line ${r.line}: ${r.reason}`);
    }
    process.stderr.write(`${lines.join("\n")}\n`);
  } catch (err) {
    throw err instanceof StoreNotEmptyError ? new UsageError(err.message) : err;
  } finally {
    await services.db.close();
  }
}

/** Without --bulk: what --bulk would do here (finish an interrupted bulk load, or load an empty store faster), or null. */
async function bulkHint(services: Services): Promise<string | null> {
  if (await bulkLoadPending(services))
    return "A bulk load of this store stopped before its rebuild: run it again with --bulk to finish it (or caliper rebuild).";
  if (await logIsEmpty(services))
    return "The store is empty: --bulk would load it faster (the log, then one rebuild) if nothing else writes to it meanwhile.";
  return null;
}
