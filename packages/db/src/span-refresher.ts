import type { Kysely } from "kysely";
import type { Backend } from "./dialect.ts";
import { isTransient } from "./retry.ts";
import { REFRESH_DAYS, refreshAllSpans, refreshSpans } from "./projections/span-refresh.ts";
import type { Database } from "./schema.ts";

/** How long after a write marks days the span rollups are refreshed: writes in between share one refresh. */
export const SPAN_REFRESH_DELAY_MS = 500;

/**
 * Runs `refreshSpans` in the background of a writing process, a short while after its writes
 * marked days (span-refresh.ts), on the same connection as the writes (so in turn with them).
 * Reads are exact meanwhile; refreshing only keeps them on the span rollups.
 */
export interface SpanRefresher {
  /** A write marked days: refresh them soon (one refresh for every call until it runs). */
  soon(): void;
  /** Stops the timer and, if this process marked days since its last refresh, refreshes them all now. */
  stop(): Promise<void>;
}

export function startSpanRefresher(
  db: Kysely<Database>,
  backend: Backend,
  options: { delayMs?: number; onError?: (message: string) => void } = {},
): SpanRefresher {
  const delayMs = options.delayMs ?? SPAN_REFRESH_DELAY_MS;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  /** Days this process marked may still be unrefreshed. */
  let pending = false;
  let stopped = false;
  let reported = "";

  /** One refresh; returns when to run the next (null: nothing left). */
  const run = async (): Promise<number | null> => {
    pending = false;
    try {
      // More marked than one transaction takes: go on at once, with writes let in between.
      if ((await refreshSpans(db, backend)) < REFRESH_DAYS) return pending ? delayMs : null;
      pending = true;
      return 0;
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
