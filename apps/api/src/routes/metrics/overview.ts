import { queryOverview } from "@caliper/db";
import { defineRoute } from "../../http/route.ts";
import { MetricFilterParams, metricQuery } from "../../http/metric-query.ts";
import { qaSummary } from "../../qa/qa-summary.ts";
import { ErrorResponse } from "../schemas.ts";

export const getOverview = defineRoute({
  method: "get",
  path: "/v1/metrics/overview",
  summary: "Response speed, resolution, satisfaction, SLA and QA for a period",
  description:
    "Counts, rates and means are exact. Percentiles (median, p90) are exact for periods of up to 5000 tickets; beyond that they come from DDSketch rollups, within 1% relative (`precision` in the answer says which).",
  tags: ["metrics"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { query: MetricFilterParams },
  responses: {
    200: { description: "the overview" },
    400: { description: "a bad filter, named", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const { precision, ...q } = metricQuery(c, s.now());
    const overview = await queryOverview(s.db, s.projection, q, precision, await qaSummary(s, q));
    return c.json({ ...overview, period: { from: q.from, to: q.to, asOf: q.asOf } });
  },
});
