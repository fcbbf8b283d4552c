import { createApiKey, hasActiveKey } from "@caliper/db";
import { bootstrap } from "../bootstrap.ts";
import { isProduction, listenUrl } from "../config.ts";
import { opsMetrics } from "../ops/metrics.ts";
import { type MetricsServer, startMetricsServer } from "../ops/metrics-server.ts";
import { finishBulkLoad } from "../ingest/bulk-load.ts";
import { syncPolicies } from "../policy-sync.ts";
import { listenError, type RunningServer, startServer } from "../server.ts";
import type { Services } from "../services.ts";
import { dbTarget, intEnv, listenPort, parseFlags } from "./args.ts";
import { heapNotice } from "./heap-notice.ts";

export const SERVE_USAGE = `caliper serve [--db PATH|postgres://URL] [--policies FILE] [--port N] [--host ADDR]

Runs the API and the dashboard on one port.
  --db        SQLite file or postgres:// URL (env CALIPER_DB; default ./caliper.db)
  --policies  policy file (env CALIPER_POLICIES; default: the built-in stores)
  --port      port (env PORT; default 8787)
  --host      address to listen on (env CALIPER_HOST; default 127.0.0.1; 0.0.0.0 for all)
Env: CALIPER_ADMIN_KEY (an admin key; without it, a store with no admin key gets one, printed once),
CALIPER_SECRET (signs feedback links), CALIPER_PUBLIC_URL,
CALIPER_METRICS_PORT (also serve GET /metrics without a key on this port, on CALIPER_METRICS_HOST,
default 127.0.0.1; without it /metrics needs an admin key).`;

/**
 * What serve says about admin access without CALIPER_ADMIN_KEY (outside production; null
 * otherwise). Only a store without an active (unrevoked) admin key gets a new one, printed once:
 * a key per start would leave every restart's key valid for good. A store that has one is told how
 * to make another.
 */
export async function adminKeyNotice(services: Services): Promise<string | null> {
  if (services.config.adminKeyHash !== null || isProduction()) return null;
  if (await hasActiveKey(services.db, "admin"))
    return "No CALIPER_ADMIN_KEY set; this database has admin keys (caliper keys list): to create another, caliper keys create --role admin";
  const { key } = await createApiKey(services.db, {
    role: "admin",
    brands: null,
    agentId: null,
    label: "serve (generated)",
  });
  return `No CALIPER_ADMIN_KEY set; a new admin key for this database: ${key}`;
}

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    db: { type: "string" },
    policies: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
  });
  const port = listenPort(values.port);
  const host = values.host ?? process.env.CALIPER_HOST ?? "127.0.0.1";
  // -1: no separate metrics listener.
  const metricsPort = intEnv("CALIPER_METRICS_PORT", -1, 0, 65535);
  const services = await bootstrap({
    db: dbTarget(values.db),
    policiesFile: values.policies,
    defaultPublicUrl: listenUrl(host, port),
    backgroundCheckpoints: true,
  });
  let server: RunningServer;
  try {
    // A bulk load (caliper demo into an empty store) that stopped before its rebuild committed.
    await finishBulkLoad(services);
    await syncPolicies(services);
    server = await startServer(services, port, host);
  } catch (err) {
    // Not listening (port taken, a bad setting): close the database, whose background
    // checkpoint and span refresh would otherwise keep the process alive after the error.
    await services.db.close();
    throw listenError(err, host, values.host !== undefined ? "--host" : "CALIPER_HOST");
  }
  const lines = [
    `Caliper is running at ${server.url}  (database: ${services.db.target})`,
    `API reference: ${server.url}/docs`,
  ];
  let metricsServer: MetricsServer | null = null;
  if (metricsPort !== -1) {
    const metricsHost = process.env.CALIPER_METRICS_HOST ?? "127.0.0.1";
    try {
      metricsServer = await startMetricsServer(opsMetrics(services), metricsPort, metricsHost);
    } catch (err) {
      await server.close();
      throw listenError(err, metricsHost, "CALIPER_METRICS_HOST");
    }
    lines.push(`Prometheus metrics at ${metricsServer.url}`);
  }
  const adminLine = await adminKeyNotice(services);
  if (adminLine) lines.push(adminLine);
  const notice = heapNotice();
  if (notice) lines.push(notice);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info("shutting down", { signal });
    const force = setTimeout(() => {
      services.logger.error("shutdown took longer than 15 s; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    Promise.all([server.close(), metricsServer?.close()]).then(
      () => process.exit(0),
      (err: unknown) => {
        services.logger.error("error while shutting down", { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // Announce readiness only once a SIGTERM right after it is handled gracefully.
  process.stderr.write(`${lines.join("\n")}\n`);
}
