import { queryTimeseries, TIMESERIES_METRICS } from "@caliper/db";
import { z } from "zod";
import { parseQuery } from "../../http/input.ts";
import { MetricFilterParams, metricQuery } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { ErrorResponse } from "../schemas.ts";

const Params = MetricFilterParams.extend({
  metric: z.enum(TIMESERIES_METRICS),
  interval: z.enum(["day", "week"]).default("day"),
});

export const getTimeseries = defineRoute({
  method: "get",
  path: "/v1/metrics/timeseries",
  summary: "A metric per local day or ISO week of the brand's time zone",
  tags: ["metrics"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { query: Params },
  responses: {
    200: { description: "points, oldest first" },
    400: { description: "a bad filter, named", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const { metric, interval } = parseQuery(c, Params);
    const { precision, ...q } = metricQuery(c, s.now());
    return c.json(await queryTimeseries(s.db, s.projection, q, metric, interval, precision));
  },
});
