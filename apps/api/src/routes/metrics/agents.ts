import { queryAgents } from "@caliper/db";
import { z } from "zod";
import { parseQuery } from "../../http/input.ts";
import { MetricFilterParams, metricQuery } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { withAgentQa } from "../../qa/qa-summary.ts";
import { ErrorResponse } from "../schemas.ts";

const SORTABLE = [
  "agent",
  "tickets",
  "solved",
  "resolutionRate",
  "frtMedianSeconds",
  "frtBusinessMedianSeconds",
  "fcrRate",
  "reopenRate",
  "csatScore",
  "csatResponses",
  "slaBreachRate",
  "qaAverageScore",
  "flags",
] as const;

const Params = MetricFilterParams.extend({
  sort: z.enum(SORTABLE).default("agent"),
  order: z.enum(["asc", "desc"]).default("asc"),
});

export const getAgents = defineRoute({
  method: "get",
  path: "/v1/metrics/agents",
  summary: "One row per agent with the overview's figures",
  description: "Tickets belong to their assignee, else to the agent who sent the first human reply. Nulls sort last.",
  tags: ["metrics"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { query: Params },
  responses: { 200: { description: "agents" }, 400: { description: "a bad filter, named", schema: ErrorResponse } },
  async handler(c) {
    const s = c.get("services");
    const { sort, order } = parseQuery(c, Params);
    const { precision, ...q } = metricQuery(c, s.now());
    const rows = await withAgentQa(s, q, await queryAgents(s.db, s.projection, q, precision));
    const dir = order === "asc" ? 1 : -1;
    rows.sort((a, b) => {
      const x = a[sort];
      const y = b[sort];
      if (x === null) return y === null ? 0 : 1;
      if (y === null) return -1;
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    return c.json({ agents: rows });
  },
});
