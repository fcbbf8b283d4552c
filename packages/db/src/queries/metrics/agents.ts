import { type MetricQuery, type Overview, percentileCont, sortedAscending } from "@caliper/metrics";
import type { CaliperDb } from "../../database.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { collect, type Precision } from "./collect.ts";

/** One agent's figures for a period (agents table, scorecard). */
export interface AgentFigures {
  agent: string;
  tickets: number;
  solved: number;
  resolutionRate: number | null;
  frtMedianSeconds: number | null;
  frtBusinessMedianSeconds: number | null;
  fcrRate: number | null;
  reopenRate: number | null;
  csatScore: number | null;
  csatResponses: number;
  /** Breached over finished response clocks (first and next response) of the agent's tickets. */
  slaBreachRate: number | null;
  qaAverageScore: number | null;
  qaReviews: number;
  flags: number;
}

export function agentFigures(agent: string, o: Overview): AgentFigures {
  const fr = o.sla.first_response;
  const nr = o.sla.next_response;
  const finished = fr.met + fr.late + fr.breached + nr.met + nr.late + nr.breached;
  return {
    agent,
    tickets: o.tickets.created,
    solved: o.tickets.solved,
    resolutionRate: o.resolution.rate,
    frtMedianSeconds: o.firstResponse.medianSeconds,
    frtBusinessMedianSeconds: o.firstResponse.businessMedianSeconds,
    fcrRate: o.resolution.fcrRate,
    reopenRate: o.resolution.reopenRate,
    csatScore: o.csat.score,
    csatResponses: o.csat.responses,
    slaBreachRate: finished > 0 ? (fr.breached + nr.breached) / finished : null,
    qaAverageScore: o.qa.averageScore,
    qaReviews: o.qa.reviews,
    flags: o.qa.flags,
  };
}

/** GET /v1/metrics/agents: one row per attributed agent (unattributed tickets are left out). */
export async function queryAgents(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  precision: Precision = "auto",
): Promise<AgentFigures[]> {
  const accs = await collect(cdb, ctx, q, "agent", precision);
  return [...accs.groups]
    .filter(([agent]) => agent !== "")
    .map(([agent, acc]) => agentFigures(agent, acc.finalize()))
    .sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
}

/** The median of each figure over agents (null where no agent has the figure). */
export function teamMedian(rows: readonly AgentFigures[]): Omit<AgentFigures, "agent"> {
  const med = (pick: (r: AgentFigures) => number | null): number | null =>
    percentileCont(sortedAscending(rows.map(pick).filter((v): v is number => v !== null)), 0.5);
  return {
    tickets: med((r) => r.tickets) ?? 0,
    solved: med((r) => r.solved) ?? 0,
    resolutionRate: med((r) => r.resolutionRate),
    frtMedianSeconds: med((r) => r.frtMedianSeconds),
    frtBusinessMedianSeconds: med((r) => r.frtBusinessMedianSeconds),
    fcrRate: med((r) => r.fcrRate),
    reopenRate: med((r) => r.reopenRate),
    csatScore: med((r) => r.csatScore),
    csatResponses: med((r) => r.csatResponses) ?? 0,
    slaBreachRate: med((r) => r.slaBreachRate),
    qaAverageScore: med((r) => r.qaAverageScore),
    qaReviews: med((r) => r.qaReviews) ?? 0,
    flags: med((r) => r.flags) ?? 0,
  };
}
