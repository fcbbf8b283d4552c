import {
  appendToLog,
  deleteMeta,
  type RebuildProgress,
  type RebuildResult,
  readMeta,
  rebuildProjections,
  writeMeta,
} from "@caliper/db";
import type { CaliperEvent } from "@caliper/domain";
import { rebuildAtStart, saveFingerprints } from "../policy-sync.ts";
import type { Services } from "../services.ts";
import { forStorage } from "./ingest-events.ts";

/**
 * Bulk loads: the demo history `caliper demo` stores into an empty store goes to the log alone,
 * redacted as ingest would store it, and one rebuild then projects all of it. The result is the
 * same as ingesting it event by event (a rebuild equals live ingest), several times faster: no
 * ticket is projected again at every batch, and rollups are summed once.
 *
 * Until that rebuild ends, the log holds events that no projection shows, and the rebuild commits
 * page by page. A marker in `caliper_meta` says so from before the first event is appended until
 * the rebuild has committed: should the load stop in between (Ctrl-C, a crash), running it again
 * resumes it as a bulk load (`bulkLoadPending`), `caliper serve` rebuilds before it listens
 * (`finishBulkLoad`), and `caliper rebuild` clears it (`clearBulkLoadPending`).
 */

const PENDING_KEY = "bulk_load_pending";

/** Events per log transaction of a bulk load. */
export const BULK_LOG_BATCH = 5000;

/** Whether a bulk load began and its rebuild has not committed yet. */
export async function bulkLoadPending(services: Services): Promise<boolean> {
  return (await readMeta(services.db.db, PENDING_KEY)) !== undefined;
}

/** Whether the log holds no event at all (a new store: where a bulk load may start). */
export async function logIsEmpty(services: Services): Promise<boolean> {
  return (await services.db.db.selectFrom("events").select("id").limit(1).executeTakeFirst()) === undefined;
}

/** Whether a bulk load may start (or resume) here: the log is empty, or a bulk load stopped before its rebuild. */
export async function canBulkLoad(services: Services): Promise<boolean> {
  return (await logIsEmpty(services)) || (await bulkLoadPending(services));
}

async function markPending(services: Services): Promise<void> {
  await writeMeta(services.db.db, PENDING_KEY, new Date().toISOString());
}

/** Clears the marker: a full rebuild (`caliper rebuild`) has projected the whole log. */
export async function clearBulkLoadPending(services: Services): Promise<void> {
  await deleteMeta(services.db.db, PENDING_KEY);
}

/**
 * After the rebuild that ends a bulk load: clears the marker, and records the policies the projections
 * were computed with (as `caliper rebuild` does), so the policy check at the next start has nothing to redo.
 */
async function rebuilt(services: Services): Promise<void> {
  await clearBulkLoadPending(services);
  await saveFingerprints(services);
}

export interface BulkLog {
  /** Redacts and appends events to the log, BULK_LOG_BATCH to a transaction. */
  add(events: readonly CaliperEvent[]): Promise<void>;
  /** Appends what is left, then rebuilds every projection from the log and clears the marker (see `rebuilt`). */
  finish(onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult>;
  /** Events stored, and events already in the log (same brand and id). */
  readonly accepted: number;
  readonly duplicates: number;
}

/** Starts (or resumes) a bulk load: marks it pending, then takes events with `add`; `finish` projects them. */
export async function startBulkLoad(services: Services): Promise<BulkLog> {
  await markPending(services);
  let pending: CaliperEvent[] = [];
  let sent = 0;
  let stored = 0;
  const flush = async () => {
    const batch = pending;
    pending = [];
    stored += await appendToLog(services.db, batch);
    sent += batch.length;
  };
  return {
    async add(events) {
      for (const e of events) pending.push(forStorage(services, e));
      if (pending.length >= BULK_LOG_BATCH) await flush();
    },
    async finish(onProgress) {
      await flush();
      // Page by page: nobody reads a store while its demo history is loaded (RebuildOptions.perPage).
      const result = await rebuildProjections(services.db, services.projection, onProgress, {
        perPage: true,
        workers: "auto",
      });
      await rebuilt(services);
      return result;
    },
    get accepted() {
      return stored;
    },
    get duplicates() {
      return sent - stored;
    },
  };
}

/**
 * For `caliper serve` at start: when a bulk load stopped before its rebuild committed, rebuilds the
 * projections from the log (what running the load again would end with), saying so in the log, and
 * records the policies they were computed with. Null when none was pending.
 */
export async function finishBulkLoad(services: Services): Promise<RebuildResult | null> {
  if (!(await bulkLoadPending(services))) return null;
  const result = await rebuildAtStart(
    services,
    "a bulk load stopped before its rebuild: rebuilding projections from the event log",
  );
  await clearBulkLoadPending(services);
  return result;
}
