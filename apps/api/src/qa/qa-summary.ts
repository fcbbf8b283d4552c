import type { AgentFigures } from "@caliper/db";
import type { MetricQuery, QaSummary } from "@caliper/metrics";
import type { Services } from "../services.ts";

/** QA figures of the overview for a period (reviews arrive with the audits module). */
export async function qaSummary(_s: Services, _q: MetricQuery): Promise<QaSummary | undefined> {
  return undefined;
}

/** Adds each agent's QA figures to agents-table rows. */
export async function withAgentQa(_s: Services, _q: MetricQuery, rows: AgentFigures[]): Promise<AgentFigures[]> {
  return rows;
}
