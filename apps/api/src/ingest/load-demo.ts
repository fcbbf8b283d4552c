import type { RebuildResult } from "@caliper/db";
import { type DemoOptions, type DemoStats, generateDemo } from "../demo/index.ts";
import type { Services } from "../services.ts";
import { BatchWriter } from "./batch-writer.ts";
import { canBulkLoad, startBulkLoad } from "./bulk-load.ts";

export interface LoadProgress {
  /** ingest: through normal ingest; log, then tickets and orders: a bulk load and its rebuild. */
  phase: "ingest" | "log" | "tickets" | "orders";
  done: number;
  total: number;
  /** What runs when nothing advances (the rebuild's rollups and indexes, after its last page). */
  note?: string;
}

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
  // A bulk load that stopped before its rebuild committed resumes as one (see bulk-load.ts).
  if (await canBulkLoad(services)) {
    const bulk = await startBulkLoad(services);
    for (const batch of generateDemo(options, stats)) {
      await bulk.add(batch);
      onProgress({ phase: "log", done: stats.tickets, total: options.tickets });
    }
    const rebuild = await bulk.finish((p) =>
      onProgress({ phase: p.phase, done: p.done, total: p.total, ...(p.note ? { note: p.note } : {}) }),
    );
    return { accepted: bulk.accepted, duplicates: bulk.duplicates, bulk: true, rebuild };
  }
  const writer = new BatchWriter(services, 1000);
  for (const batch of generateDemo(options, stats)) {
    await writer.add(batch);
    onProgress({ phase: "ingest", done: stats.tickets, total: options.tickets });
  }
  await writer.flush();
  return { accepted: writer.accepted, duplicates: writer.duplicates, bulk: false, rebuild: null };
}
