import { listReviews } from "@caliper/db";
import { AgentId, BrandId, Instant, TicketId } from "@caliper/domain";
import { z } from "zod";
import { ApiError, validationError } from "../../errors.ts";
import { parseQuery } from "../../http/input.ts";
import { brandFor } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { auditSummary } from "../../qa/audit-summary.ts";

const ListQuery = z.object({
  brand: BrandId.optional(),
  ticketId: TicketId.optional(),
  agent: AgentId.optional(),
  sampleId: z.string().min(1).max(100).optional(),
});

export const listReviewsRoute = defineRoute({
  method: "get",
  path: "/v1/audits/reviews",
  summary: "QA reviews, oldest first (an agent key sees reviews of its own tickets only)",
  tags: ["audits"],
  access: {
    kind: "key",
    roles: ["admin", "manager", "agent"],
    brand: { from: "query", name: "brand" },
    agent: { from: "filter" },
  },
  request: { query: ListQuery },
  responses: { 200: { description: "{ reviews }" } },
  async handler(c) {
    const q = parseQuery(c, ListQuery);
    const principal = c.get("principal");
    if (principal?.role === "agent" && q.agent !== undefined && q.agent !== principal.agentId)
      throw new ApiError("forbidden", "an agent key may only read reviews of its own tickets");
    const agent = principal?.role === "agent" ? (principal.agentId ?? "") : q.agent;
    const reviews = await listReviews(c.get("services").db, {
      brand: brandFor(c, q.brand),
      ticketId: q.ticketId,
      agent,
      sampleId: q.sampleId,
    });
    return c.json({ reviews });
  },
});

const SummaryQuery = z.object({
  brand: BrandId.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  sampleId: z.string().min(1).max(100).optional(),
});

export const auditSummaryRoute = defineRoute({
  method: "get",
  path: "/v1/audits/summary",
  summary: "Review figures, the estimated compliance rate with its 95% interval, and calibration agreement",
  description:
    "Reviews of tickets created in [from, to) (default: the last 30 days), or of one sample. compliance: Horvitz-Thompson / Hájek estimate of the population pass rate from inclusion probabilities. calibration: Krippendorff's alpha (ordinal) per scorecard category over tickets reviewed by two or more reviewers.",
  tags: ["audits"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { query: SummaryQuery },
  responses: { 200: { description: "{ reviews, averageScore, passRate, criticalFails, compliance, calibration }" } },
  async handler(c) {
    const s = c.get("services");
    const q = parseQuery(c, SummaryQuery);
    const brand = brandFor(c, q.brand);
    const to = q.to ?? s.now().toISOString();
    const from = q.from ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
    if (from >= to) throw validationError([{ path: "query.from", message: "must be before `to`" }]);
    const reviews = await listReviews(s.db, q.sampleId ? { brand, sampleId: q.sampleId } : { brand, from, to });
    return c.json(await auditSummary(s, reviews, s.policies.get(brand).scorecard, q.sampleId));
  },
});
