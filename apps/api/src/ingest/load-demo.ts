import type { RebuildResult } from "@caliper/db";
import { type DemoOptions, type DemoStats, generateDemo } from "../demo/index.ts";
import type { Services } from "../services.ts";
import { canBulkLoad } from "./bulk-load.ts";
import { importSink } from "./import-sink.ts";

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
  const bulk = await canBulkLoad(services);
  // Ingested into a store that holds events, a brand whose recorded policy is not this process's
  // is refused (see policyGuard); a bulk load rebuilds every projection and records its policies.
  const sink = await importSink(services, { bulk, batchSize: 1000, checkPolicies: !bulk });
  for (const batch of generateDemo(options, stats)) {
    await sink.add(batch);
    onProgress({ phase: bulk ? "log" : "ingest", done: stats.tickets, total: options.tickets });
  }
  const rebuild = await sink.finish((p) =>
    onProgress({ phase: p.phase, done: p.done, total: p.total, ...(p.note ? { note: p.note } : {}) }),
  );
  return { accepted: sink.accepted, duplicates: sink.duplicates, bulk, rebuild };
}
