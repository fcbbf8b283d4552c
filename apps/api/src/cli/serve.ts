import { createApiKey } from "@caliper/db";
import { bootstrap } from "../bootstrap.ts";
import { isProduction } from "../config.ts";
import { syncPolicies } from "../policy-sync.ts";
import { startServer } from "../server.ts";
import { dbTarget, intFlag, parseFlags } from "./args.ts";

export const SERVE_USAGE = `caliper serve [--db PATH|postgres://URL] [--policies FILE] [--port N] [--host ADDR]

Runs the API and the dashboard on one port.
  --db        SQLite file or postgres:// URL (env CALIPER_DB; default ./caliper.db)
  --policies  policy file (env CALIPER_POLICIES; default: the built-in stores)
  --port      port (env PORT; default 8787)
  --host      address to listen on (env CALIPER_HOST; default 127.0.0.1; 0.0.0.0 for all)
Env: CALIPER_ADMIN_KEY (an admin key), CALIPER_SECRET (signs feedback links), CALIPER_PUBLIC_URL.`;

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    db: { type: "string" },
    policies: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
  });
  const port = intFlag(values.port ?? process.env.PORT, "port", 8787, 0, 65535);
  const host = values.host ?? process.env.CALIPER_HOST ?? "127.0.0.1";
  const services = await bootstrap({
    db: dbTarget(values.db),
    policiesFile: values.policies,
    publicUrl: process.env.CALIPER_PUBLIC_URL ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
  });
  await syncPolicies(services);
  const server = await startServer(services, port, host);
  const lines = [
    `Caliper is running at ${server.url}  (database: ${services.db.target})`,
    `API reference: ${server.url}/docs`,
  ];
  if (services.config.adminKeyHash === null && !isProduction()) {
    const { key } = await createApiKey(services.db, {
      role: "admin",
      brands: null,
      agentId: null,
      label: "serve (generated)",
    });
    lines.push(`No CALIPER_ADMIN_KEY set; a new admin key for this database: ${key}`);
  }
  process.stderr.write(`${lines.join("\n")}\n`);
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
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        services.logger.error("error while shutting down", { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
