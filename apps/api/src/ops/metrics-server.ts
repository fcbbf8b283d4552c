import { createServer, type Server } from "node:http";
import type { OpsMetrics } from "./metrics.ts";

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A second listener that answers only `GET /metrics`, without a key: for a Prometheus scraper on
 * a private port (CALIPER_METRICS_PORT). Bind it to an address only the scraper reaches.
 */
export function startMetricsServer(metrics: OpsMetrics, port: number, host: string): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found; try GET /metrics\n");
      return;
    }
    metrics.render().then(
      (text) => res.writeHead(200, { "content-type": metrics.contentType }).end(req.method === "HEAD" ? "" : text),
      (err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${String(err)}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const actual = typeof addr === "object" && addr ? addr.port : port;
      const h = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${h}:${actual}/metrics`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
