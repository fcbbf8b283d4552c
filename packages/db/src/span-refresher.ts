import type { Kysely } from "kysely";
import type { Backend } from "./dialect.ts";
import { isTransient } from "./retry.ts";
import { refreshAllSpans, refreshSpanBatch, spanRefreshBatches } from "./projections/span-refresh.ts";
import type { Database } from "./schema.ts";

/**
 * How long after a write marks weeks and months they are refreshed. Writes in between share one
 * refresh, whose cost is that of the spans marked, not of the writes (steady demo traffic marks
 * ~55 weeks and months of five brands every few seconds: orders and returns reach weeks back);
 * the longer the wait the smaller the share of the CPU it takes. Reads are exact meanwhile.
 */
export const SPAN_REFRESH_DELAY_MS = 5_000;

/**
 * Refreshes week and month span rollups in the background of a writing process, a short while
 * after its writes marked them (span-refresh.ts), on the same connection as the writes (so in turn with them).
 * Reads are exact meanwhile; refreshing only keeps them on the span rollups.
 */
export interface SpanRefresher {
  /** A write marked spans: refresh them soon (one refresh for every call until it runs). */
  soon(): void;
  /** Stops the timer and, if this process marked spans since its last refresh, refreshes them all now. */
  stop(): Promise<void>;
}

/** The pause between two transactions of one refresh. */
const BETWEEN_TRANSACTIONS_MS = 25;

export function startSpanRefresher(
  db: Kysely<Database>,
  backend: Backend,
  options: { delayMs?: number; onError?: (message: string) => void } = {},
): SpanRefresher {
  const delayMs = options.delayMs ?? SPAN_REFRESH_DELAY_MS;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  /** Spans this process marked may still be unrefreshed. */
  let pending = false;
  let stopped = false;
  let reported = "";

  /**
   * One refresh: the spans marked when it starts, a transaction per batch, with a pause between
   * batches in which waiting writes have the connection (SQLite's calls hold the thread, so
   * transactions back to back would hold it throughout). Spans marked meanwhile wait for the next
   * refresh, so that steady writes cannot keep one refresh going. Returns when to run the next
   * (null: nothing this process marked is left).
   */
  const run = async (): Promise<number | null> => {
    pending = false;
    try {
      for (const batch of await spanRefreshBatches(db, backend)) {
        if (stopped) {
          // stop() refreshes the rest at once.
          pending = true;
          break;
        }
        await refreshSpanBatch(db, backend, batch);
        await new Promise((r) => setTimeout(r, BETWEEN_TRANSACTIONS_MS));
      }
      return pending ? delayMs : null;
    } catch (err) {
      // The marks stay and reads stay exact; the next turn tries again. Busy or a lost
      // connection is expected now and then, anything else is reported (once per message).
      pending = true;
      const message = err instanceof Error ? err.message : String(err);
      if (!isTransient(err) && message !== reported) {
        reported = message;
        options.onError?.(message);
      }
      return delayMs * 4;
    }
  };
  const arm = (ms: number): void => {
    if (stopped || timer || running) return;
    timer = setTimeout(() => {
      timer = null;
      running = run().then((next) => {
        running = null;
        if (next !== null) arm(next);
      });
    }, ms);
    timer.unref();
  };

  return {
    soon() {
      pending = true;
      arm(delayMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      if (!pending) return;
      pending = false;
      await refreshAllSpans(db, backend).catch((err: unknown) =>
        options.onError?.(err instanceof Error ? err.message : String(err)),
      );
    },
  };
}
