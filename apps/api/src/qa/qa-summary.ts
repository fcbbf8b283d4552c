import { type AgentFigures, listReviews, type ReviewRecord } from "@caliper/db";
import type { MetricQuery, QaSummary } from "@caliper/metrics";
import type { Services } from "../services.ts";

/** Review figures over a set of reviews (flags come from the ticket rollups). */
export function reviewFigures(reviews: readonly ReviewRecord[]): Omit<QaSummary, "flags"> {
  const scored = reviews.filter((r) => r.score !== null);
  return {
    reviews: reviews.length,
    averageScore: scored.length ? scored.reduce((s, r) => s + (r.score as number), 0) / scored.length : null,
    passRate: reviews.length ? reviews.filter((r) => r.pass).length / reviews.length : null,
    criticalFails: reviews.filter((r) => r.criticalFail).length,
  };
}

/** Reviews of tickets created in the period (and matching its agent filter). */
export function periodReviews(s: Services, q: MetricQuery): Promise<ReviewRecord[]> {
  return listReviews(s.db, {
    brand: q.brand,
    from: q.from,
    to: q.to,
    ...(q.agent !== undefined ? { agent: q.agent } : {}),
  });
}

/** The overview's review figures for a period. */
export async function qaSummary(s: Services, q: MetricQuery): Promise<Omit<QaSummary, "flags">> {
  return reviewFigures(await periodReviews(s, q));
}

/** Adds each agent's review figures to agents-table rows. */
export async function withAgentQa(s: Services, q: MetricQuery, rows: AgentFigures[]): Promise<AgentFigures[]> {
  const reviews = await periodReviews(s, q);
  const byAgent = new Map<string, ReviewRecord[]>();
  for (const r of reviews) {
    if (r.agent === null) continue;
    const list = byAgent.get(r.agent) ?? [];
    list.push(r);
    byAgent.set(r.agent, list);
  }
  return rows.map((row) => {
    const f = reviewFigures(byAgent.get(row.agent) ?? []);
    return { ...row, qaAverageScore: f.averageScore, qaReviews: f.reviews };
  });
}
