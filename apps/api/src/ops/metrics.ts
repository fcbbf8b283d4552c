import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Services } from "../services.ts";

/**
 * Prometheus metrics of one API instance. Each Services (one per app, hence per test) gets its
 * own registry, never prom-client's global one, so apps in one process never share or collide.
 * Process metrics (CPU, memory, event-loop lag, GC, handles) describe the whole process and are
 * kept once per process in a registry of their own; `render()` concatenates both.
 */
export interface OpsMetrics {
  readonly registry: Registry;
  /** Request latency by route pattern ("/v1/tickets/{id}", never the raw path) and status class. */
  readonly httpDuration: Histogram<"method" | "route" | "status_class">;
  readonly httpInFlight: Gauge;
  /** Events by outcome: accepted (stored now), duplicate (already stored), rejected (invalid). */
  readonly ingestEvents: Counter<"outcome">;
  /** Wall time of the ingest write (append + projection, in one transaction, retries included). */
  readonly ingestTransaction: Histogram<"outcome">;
  /** Weeks and months whose span rollups wait for their background refresh (read from the database at each scrape). */
  readonly spansWaiting: Gauge;
  /** The exposition text: this instance's metrics, then the process's. */
  render(): Promise<string>;
  readonly contentType: string;
}

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | null = null;

/** Default process and Node.js metrics, registered once per process (not in the global registry). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

function createOpsMetrics(services: Services): OpsMetrics {
  const registry = new Registry();
  const httpDuration = new Histogram({
    name: "caliper_http_request_duration_seconds",
    help: "HTTP request latency by method, route pattern and status class (2xx, 4xx, 5xx)",
    labelNames: ["method", "route", "status_class"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const httpInFlight = new Gauge({
    name: "caliper_http_requests_in_flight",
    help: "HTTP requests being handled now",
    registers: [registry],
  });
  const ingestEvents = new Counter({
    name: "caliper_ingest_events_total",
    help: "Events received for ingest by outcome: accepted (stored), duplicate (already stored), rejected (invalid, nothing of the batch stored)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  for (const outcome of ["accepted", "duplicate", "rejected"]) ingestEvents.inc({ outcome }, 0);
  const ingestTransaction = new Histogram({
    name: "caliper_db_ingest_transaction_seconds",
    help: "Duration of the ingest write (append to the event log and project, one transaction, retries included) by outcome",
    labelNames: ["outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const spansWaiting = new Gauge({
    name: "caliper_spans_waiting",
    help: "Week and month span rollups (per brand) waiting for their background refresh; reads cover them with their weeks and days meanwhile",
    registers: [registry],
    async collect() {
      const row = await services.db.db
        .selectFrom("rollup_span_dirty")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });
  const proc = processMetrics();
  return {
    registry,
    httpDuration,
    httpInFlight,
    ingestEvents,
    ingestTransaction,
    spansWaiting,
    contentType: registry.contentType,
    async render() {
      return `${await registry.metrics()}\n${await proc.metrics()}`;
    },
  };
}

const byServices = new WeakMap<Services, OpsMetrics>();

/** The metrics of the app instance these services belong to (created on first use). */
export function opsMetrics(services: Services): OpsMetrics {
  let m = byServices.get(services);
  if (!m) {
    m = createOpsMetrics(services);
    byServices.set(services, m);
  }
  return m;
}

/** Counts the events a refused ingest request carried: each invalid event once (at least one). */
export function countRejected(services: Services, issues: readonly { path: string }[] | undefined): void {
  const events = new Set<string>();
  for (const i of issues ?? []) {
    const m = /^events\.(\d+)/.exec(i.path);
    events.add(m ? (m[1] as string) : "");
  }
  opsMetrics(services).ingestEvents.inc({ outcome: "rejected" }, Math.max(1, events.size));
}
