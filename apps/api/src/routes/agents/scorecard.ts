import { listFlags, listReviews, queryAgents, queryTimeseriesSet, teamMedian } from "@caliper/db";
import { AgentId } from "@caliper/domain";
import { z } from "zod";
import { parseParams } from "../../http/input.ts";
import { MetricFilterParams, metricQuery } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { recentFeedback } from "../../qa/recent-feedback.ts";
import { withAgentQa } from "../../qa/qa-summary.ts";
import { withBodies } from "../../qa/ticket-flags.ts";
import { ErrorResponse } from "../schemas.ts";

const Params = z.object({ id: AgentId });

export const getScorecard = defineRoute({
  method: "get",
  path: "/v1/agents/{id}/scorecard",
  summary: "An agent's figures beside the team median, weekly trend and recent customer comments",
  tags: ["agents"],
  access: {
    kind: "key",
    roles: ["admin", "manager", "agent"],
    brand: { from: "query", name: "brand" },
    agent: { from: "param", name: "id" },
  },
  request: { params: Params, query: MetricFilterParams.omit({ agent: true }) },
  responses: {
    200: { description: "the scorecard" },
    403: { description: "another agent's scorecard", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const { id } = parseParams(c, Params);
    const { precision, agent: _ignored, ...team } = metricQuery(c, s.now());
    const own = { ...team, agent: id };
    const range = { brand: team.brand, agent: id, from: team.from, to: team.to };
    // The parts do not depend on each other: on PostgreSQL they go out on several pooled
    // connections at once instead of one round trip after another (SQLite runs them in turn).
    const [rows, trend, feedback, reviews, flags] = await Promise.all([
      queryAgents(s.db, s.projection, team, precision).then((r) => withAgentQa(s, team, r)),
      queryTimeseriesSet(s.db, s.projection, own, ["tickets", "frt_median", "csat_score"], "week", precision),
      recentFeedback(s, own, 10),
      listReviews(s.db, range),
      listFlags(s.db, { ...range, limit: 50 }).then((f) => withBodies(s, team.brand, f)),
    ]);
    const figures =
      rows.find((r) => r.agent === id) ??
      (await withAgentQa(s, own, await queryAgents(s.db, s.projection, own, precision)))[0];
    return c.json({
      agent: id,
      brand: team.brand,
      period: { from: team.from, to: team.to, asOf: team.asOf },
      figures: figures ?? {
        ...teamMedian([]),
        agent: id,
        tickets: 0,
        solved: 0,
        csatResponses: 0,
        qaReviews: 0,
        flags: 0,
      },
      teamMedian: teamMedian(rows),
      trend: trend.tickets.map((p, i) => ({
        start: p.start,
        tickets: p.value ?? 0,
        frtMedianSeconds: trend.frt_median[i]?.value ?? null,
        csatScore: trend.csat_score[i]?.value ?? null,
      })),
      recentFeedback: feedback,
      reviews,
      flags,
    });
  },
});
