import { appendToLog, type RebuildResult, rebuildProjections } from "@caliper/db";
import { type DemoOptions, type DemoStats, generateDemo } from "../demo/index.ts";
import type { Services } from "../services.ts";
import { BatchWriter } from "./batch-writer.ts";
import { forStorage } from "./ingest-events.ts";

export interface LoadProgress {
  /** ingest: through normal ingest; log, then tickets and orders: a bulk load and its rebuild. */
  phase: "ingest" | "log" | "tickets" | "orders";
  done: number;
  total: number;
  /** What runs when nothing advances (the rebuild's rollups and indexes, after its last page). */
  note?: string;
}

/** Events per log transaction of a bulk load. */
const LOG_BATCH = 5000;

/**
 * Stores a demo history. Into an empty store it is a bulk load: the events go to the log
 * alone (redacted as ingest would), then one rebuild projects them — the same projections
 * as ingesting them (rebuild equals live ingest), several times faster. Into a store that
 * already holds events it goes through normal ingest, batch by batch. `rebuild` is the bulk
 * load's rebuild (its rate and where its time went), null when the events were ingested.
 */
export async function loadDemo(
  services: Services,
  options: DemoOptions,
  stats: DemoStats,
  onProgress: (p: LoadProgress) => void,
): Promise<{ accepted: number; duplicates: number; bulk: boolean; rebuild: RebuildResult | null }> {
  const any = await services.db.db.selectFrom("events").select("id").limit(1).executeTakeFirst();
  if (any) {
    const writer = new BatchWriter(services, 1000);
    for (const batch of generateDemo(options, stats)) {
      await writer.add(batch);
      onProgress({ phase: "ingest", done: stats.tickets, total: options.tickets });
    }
    await writer.flush();
    return { accepted: writer.accepted, duplicates: writer.duplicates, bulk: false, rebuild: null };
  }
  let pending: ReturnType<typeof forStorage>[] = [];
  let sent = 0;
  let stored = 0;
  const flush = async () => {
    stored += await appendToLog(services.db, pending);
    sent += pending.length;
    pending = [];
  };
  for (const batch of generateDemo(options, stats)) {
    for (const e of batch) pending.push(forStorage(services, e));
    if (pending.length >= LOG_BATCH) await flush();
    onProgress({ phase: "log", done: stats.tickets, total: options.tickets });
  }
  await flush();
  const rebuild = await rebuildProjections(
    services.db,
    services.projection,
    (p) => onProgress({ phase: p.phase, done: p.done, total: p.total, ...(p.note ? { note: p.note } : {}) }),
    { perPage: true, workers: "auto" },
  );
  return { accepted: stored, duplicates: sent - stored, bulk: true, rebuild };
}
