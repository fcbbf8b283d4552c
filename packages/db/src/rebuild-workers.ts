import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { StoredEvent } from "./event-rows.ts";
import { type ComputedPage, computeSubjects } from "./projections/compute-subjects.ts";
import type { ProjectionContext } from "./projections/projector.ts";
import type { WorkerRequest, WorkerSetup } from "./rebuild-worker.ts";

const WORKER_URL = new URL(`./rebuild-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

/**
 * Starts a worker on rebuild-worker. The sources are TypeScript run through tsx, in the CLI and
 * tests alike; a worker thread does not inherit the loader, so it registers tsx itself first.
 */
function startWorker(setup: WorkerSetup): Worker {
  if (!WORKER_URL.pathname.endsWith(".ts")) return new Worker(WORKER_URL, { workerData: setup });
  // tsx's ESM API (`register`); `node --import tsx` registers in the main thread only on Node 20.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Computes pages of projections, in worker threads or, with none, on the calling thread. */
export interface ProjectionComputer {
  compute(kind: "ticket" | "order", subjects: readonly (readonly StoredEvent[])[]): Promise<ComputedPage>;
  close(): Promise<void>;
}

/**
 * Worker threads a big rebuild uses by default: none on one core, two on two or three (on a
 * 2-vCPU machine two workers made a 100,000-ticket rebuild 20-25% faster than none or one,
 * measured in docs/benchmarks.md), else one per core but the calling thread's, at most seven.
 */
export const defaultRebuildWorkers = (cores = availableParallelism()): number =>
  cores < 2 ? 0 : cores < 4 ? 2 : Math.min(7, cores - 1);

/**
 * `workers` threads that share the projection work (message rules, clocks, facts: most of a
 * rebuild's CPU time) while the calling thread reads the log and writes rows. A page is split
 * into one part per worker; the parts come back in order. With 0 workers everything runs on
 * the calling thread.
 */
export function projectionComputer(ctx: ProjectionContext, workers: number): ProjectionComputer {
  if (workers <= 0)
    return { compute: async (kind, subjects) => computeSubjects(ctx, kind, subjects), close: async () => {} };
  const setup: WorkerSetup = { backend: ctx.backend, policyFile: ctx.policies.file };
  const pool = Array.from({ length: workers }, () => startWorker(setup));
  const waiting = new Map<number, { resolve: (p: ComputedPage) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  for (const w of pool) {
    w.on("message", (msg: { id: number; page?: ComputedPage; error?: string }) => {
      const entry = waiting.get(msg.id);
      if (!entry) return;
      waiting.delete(msg.id);
      if (msg.page) entry.resolve(msg.page);
      else entry.reject(new Error(`rebuild worker failed: ${msg.error ?? "unknown error"}`));
    });
    w.on("error", (err) => failAll(err));
    w.on("exit", (code) => {
      if (code !== 0) failAll(new Error(`rebuild worker exited with code ${code}`));
    });
  }
  const send = (w: Worker, kind: "ticket" | "order", subjects: readonly (readonly StoredEvent[])[]) =>
    new Promise<ComputedPage>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, kind, subjects } satisfies WorkerRequest);
    });
  return {
    async compute(kind, subjects) {
      const per = Math.ceil(subjects.length / pool.length);
      const parts = await Promise.all(pool.map((w, i) => send(w, kind, subjects.slice(i * per, (i + 1) * per))));
      // Every part has the requested kind; concatenate their results in page order.
      const results = parts.flatMap((p) => p.results as readonly unknown[]);
      return { kind, results } as ComputedPage;
    },
    async close() {
      failure ??= new Error("rebuild workers closed");
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
