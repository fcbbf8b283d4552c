/**
 * Worker thread of `rebuild` (see rebuild-workers.ts): computes the projections of the pages of
 * subjects it is sent, with the same policies as the main thread, and sends them back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadPolicySet, type PolicyFile } from "@caliper/policy";
import type { Backend } from "./dialect.ts";
import type { StoredEvent } from "./event-rows.ts";
import { computeSubjects } from "./projections/compute-subjects.ts";

export interface WorkerSetup {
  readonly backend: Backend;
  readonly policyFile: PolicyFile | undefined;
}

export interface WorkerRequest {
  readonly id: number;
  readonly kind: "ticket" | "order";
  readonly subjects: readonly (readonly StoredEvent[])[];
}

const setup = workerData as WorkerSetup;
const ctx = { backend: setup.backend, policies: loadPolicySet(setup.policyFile) };
const port = parentPort;
if (!port) throw new Error("rebuild-worker.ts runs as a worker thread only");

port.on("message", (req: WorkerRequest) => {
  try {
    port.postMessage({ id: req.id, page: computeSubjects(ctx, req.kind, req.subjects) });
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
