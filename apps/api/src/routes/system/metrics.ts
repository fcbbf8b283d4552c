import { defineRoute } from "../../http/route.ts";
import { opsMetrics } from "../../ops/metrics.ts";

/** Prometheus exposition for an admin key (CALIPER_METRICS_PORT serves the same without a key). */
export const getMetrics = defineRoute({
  method: "get",
  path: "/metrics",
  summary: "Prometheus metrics",
  description:
    "Request latency by route pattern and status class, ingest counters (accepted, duplicate, rejected events), ingest transaction time, and process metrics, in the Prometheus text format. Admin keys only; set CALIPER_METRICS_PORT to serve them on a separate port without a key.",
  tags: ["system"],
  access: { kind: "key", roles: ["admin"], brand: { from: "none" } },
  responses: { 200: { description: "metrics", contentType: "text/plain; version=0.0.4" } },
  async handler(c) {
    const m = opsMetrics(c.get("services"));
    return c.body(await m.render(), 200, { "content-type": m.contentType, "cache-control": "no-store" });
  },
});
