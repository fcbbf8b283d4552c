import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Checkpoints of a SQLite write-ahead log, moved off the writing thread. SQLite's automatic
 * checkpoint runs inside the commit that crosses its threshold, so every few dozen group commits
 * one took ~50 ms (more than half of all commit time in groups of 64 events, and the single-event
 * p99): the writer then waits while pages are copied into the database file and synced.
 *
 * Here a worker thread with a connection of its own runs a PASSIVE checkpoint every `intervalMs`:
 * it copies what the log holds while writers go on (it takes no write lock), and when it has
 * copied everything the next writer starts the log again from its beginning. The writer's own
 * automatic checkpoint stays as a backstop at a higher threshold (see `sqliteDialect`), should
 * this thread fall behind or stop.
 *
 * The worker is plain JavaScript evaluated in place (no loader needed), and holds only its
 * connection: `stop()` ends it and closes that connection.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const messageOf = (err) => String((err && err.message) || err);
let db = null;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma("busy_timeout = 1000");
  db.pragma("cache_size = -2048");
} catch (err) {
  // Reported as a message (an error thrown here reaches the parent without its text), and the
  // thread waits for stop() instead of exiting, so that nothing races the message's delivery.
  db?.close();
  db = null;
  parentPort.postMessage({ error: messageOf(err) });
}
let reported = "";
const checkpoint = () => {
  if (!db) return;
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    // SQLITE_BUSY and the like: the next turn tries again; anything else is reported once (not every turn).
    const message = messageOf(err);
    if (/busy|locked/i.test(message) || message === reported) return;
    reported = message;
    parentPort.postMessage({ error: message });
  }
};
const timer = db ? setInterval(checkpoint, workerData.intervalMs) : null;
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  if (timer) clearInterval(timer);
  checkpoint();
  db?.close();
  parentPort.postMessage("stopped");
});
`;

export function startCheckpointer(
  path: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, intervalMs: options.intervalMs ?? 200 },
  });
  // A background thread must never keep the process alive on its own.
  worker.unref();
  const stopped = new Promise<void>((resolve) => {
    worker.on("message", (m: unknown) => {
      if (m === "stopped") resolve();
      else if (m && typeof m === "object" && "error" in m) options.onError?.(String((m as { error: unknown }).error));
    });
    worker.once("exit", () => resolve());
    worker.once("error", (err: unknown) => {
      options.onError?.(err instanceof Error && err.message ? err.message : String(err));
      resolve();
    });
  });
  return {
    async stop() {
      worker.postMessage("stop");
      await stopped;
      await worker.terminate();
    },
  };
}
