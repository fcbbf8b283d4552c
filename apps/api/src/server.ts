import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { ConfigError } from "./config.ts";
import type { Services } from "./services.ts";

export interface RunningServer {
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export function startServer(services: Services, port: number, hostname: string): Promise<RunningServer> {
  const app = createApp(services);
  // Weeks and months a process that stopped before refreshing left marked (reads are exact meanwhile).
  services.db.refreshSpansSoon();
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      const host = info.address.includes(":") ? `[${info.address}]` : info.address;
      const url = `http://${host}:${info.port}`;
      let closing: Promise<void> | null = null;
      resolve({
        url,
        close() {
          closing ??= new Promise<void>((done) => {
            (server as Server).close(() => done());
            // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
            (server as Server).closeIdleConnections?.();
          }).then(() => services.db.close());
          return closing;
        },
      });
    }) as Server;
    server.once("error", reject);
    server.keepAliveTimeout = 5_000;
    server.requestTimeout = 60_000;
  });
}

/**
 * A listen error for a host that is no address of this machine (a typo, a name that does not
 * resolve), told as the setting that named it (--host, CALIPER_HOST, CALIPER_METRICS_HOST)
 * instead of getaddrinfo's code alone; any other error as it is.
 */
export function listenError(err: unknown, host: string, setting: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EADDRNOTAVAIL")
    return new ConfigError(`${setting} '${host}' is not an address of this machine to listen on (${code})`);
  return err;
}
