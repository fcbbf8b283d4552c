import type { RebuildProgress, RebuildResult } from "@caliper/db";
import type { CaliperEvent } from "@caliper/domain";
import { policyGuard } from "../policy-sync.ts";
import type { Services } from "../services.ts";
import { BatchWriter } from "./batch-writer.ts";
import { canBulkLoad, startBulkLoad } from "./bulk-load.ts";

/**
 * Where a loader puts the events it reads (`caliper import`, `caliper demo`'s history): ingest,
 * batch by batch (each stored and projected in one transaction), or a bulk load into an empty
 * store (the log alone, then one rebuild of every projection: the same tables, faster; see
 * bulk-load.ts). A bulk load leaves the store's projections empty until its rebuild ends and
 * replaces every derived row then, so nothing else may write to the store meanwhile: `caliper
 * demo` bulk-loads any empty store, `caliper import` only with `--bulk`.
 */
export interface ImportSink {
  readonly bulk: boolean;
  add(events: readonly CaliperEvent[]): Promise<void>;
  /** Stores what is left. A bulk load then rebuilds the projections and returns its figures; ingest returns null. */
  finish(onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult | null>;
  /** Events stored, and events already in the log (same brand and id). */
  readonly accepted: number;
  readonly duplicates: number;
}

/** `--bulk` asked of a store that already holds events (and no unfinished bulk load). */
export class StoreNotEmptyError extends Error {}

/**
 * The sink of an import: a bulk load when `bulk` (refused with StoreNotEmptyError, before anything
 * is written, unless `canBulkLoad`), else ingest in batches of `batchSize`.
 */
export async function importSink(
  services: Services,
  options: { bulk: boolean; batchSize: number; checkPolicies?: boolean },
): Promise<ImportSink> {
  // Refuses a brand whose recorded policy is not this process's before any of its events is
  // stored (a mismatch is thrown from add, and what waits in a batch is dropped with it). Unless
  // `checkPolicies` is false: caliper demo's bulk load, whose rebuild projects the whole store
  // with its policies and records them (a server with others then rebuilds those brands at start).
  const guard = await policyGuard(services, options.checkPolicies !== false);
  if (!options.bulk) {
    const writer = new BatchWriter(services, options.batchSize);
    return {
      bulk: false,
      async add(events) {
        guard.check(events);
        await writer.add(events);
      },
      async finish() {
        await writer.flush();
        await guard.record();
        return null;
      },
      get accepted() {
        return writer.accepted;
      },
      get duplicates() {
        return writer.duplicates;
      },
    };
  }
  if (!(await canBulkLoad(services)))
    throw new StoreNotEmptyError(
      "--bulk loads only an empty store (this one holds events): import without --bulk to add to it",
    );
  const load = await startBulkLoad(services);
  return {
    bulk: true,
    async add(events) {
      guard.check(events);
      await load.add(events);
    },
    // Its rebuild records the policies of every brand.
    finish: (onProgress) => load.finish(onProgress),
    get accepted() {
      return load.accepted;
    },
    get duplicates() {
      return load.duplicates;
    },
  };
}
