import { queryAgents } from "@caliper/db";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Context } from "hono";
import { stream } from "hono/streaming";
import type { AppEnv } from "../../context.ts";
import { agentCsv } from "../../export/agent-rows.ts";
import { ticketCsv } from "../../export/ticket-rows.ts";
import { MetricFilterParams, metricQuery } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { withAgentQa } from "../../qa/qa-summary.ts";

/**
 * Streams CSV lines in chunks of ~64 KiB. After each chunk the export waits for the event loop's
 * next turn: SQLite reads are synchronous, so without it a year's export (minutes of pages on a
 * big store) would hold the whole server, health checks included, until its last line.
 */
const csvResponse = (c: Context<AppEnv>, name: string, lines: AsyncIterable<string> | Iterable<string>) => {
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="${name}"`);
  c.header("cache-control", "no-store");
  return stream(c, async (out) => {
    let buffer = "";
    for await (const line of lines) {
      buffer += line;
      if (buffer.length > 64 * 1024) {
        await out.write(buffer);
        buffer = "";
        await nextTurn();
      }
    }
    if (buffer) await out.write(buffer);
  });
};

export const exportTickets = defineRoute({
  method: "get",
  path: "/v1/export/tickets.csv",
  summary: "One CSV row per ticket of the period: first response, resolution, CSAT, SLA statuses, flags (streamed)",
  tags: ["export"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { query: MetricFilterParams },
  responses: { 200: { description: "CSV", contentType: "text/csv" } },
  async handler(c) {
    const s = c.get("services");
    const { precision: _p, ...q } = metricQuery(c, s.now());
    return csvResponse(c, `tickets-${q.brand}.csv`, ticketCsv(s, q));
  },
});

export const exportAgents = defineRoute({
  method: "get",
  path: "/v1/export/agents.csv",
  summary: "The agents table as CSV",
  tags: ["export"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { query: MetricFilterParams },
  responses: { 200: { description: "CSV", contentType: "text/csv" } },
  async handler(c) {
    const s = c.get("services");
    const { precision, ...q } = metricQuery(c, s.now());
    const rows = await withAgentQa(s, q, await queryAgents(s.db, s.projection, q, precision));
    return csvResponse(c, `agents-${q.brand}.csv`, agentCsv(rows));
  },
});
