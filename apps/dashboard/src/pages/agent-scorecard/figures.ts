import type { AgentFigures, Scorecard } from "@caliper/client";
import type { Better } from "../../lib/change.ts";
import { formatCount, formatDuration, formatPercent, formatScoreOutOf100 } from "../../lib/format.ts";

export interface FigureRow {
  id: keyof Omit<AgentFigures, "agent">;
  label: string;
  agent: number | null;
  team: number | null;
  format: (v: number | null) => string;
  better: Better;
}

const DEFS: Omit<FigureRow, "agent" | "team">[] = [
  { id: "tickets", label: "Tickets", format: formatCount, better: "neutral" },
  { id: "solved", label: "Solved", format: formatCount, better: "neutral" },
  { id: "resolutionRate", label: "Resolution rate", format: formatPercent, better: "higher" },
  { id: "frtMedianSeconds", label: "Median first response", format: formatDuration, better: "lower" },
  {
    id: "frtBusinessMedianSeconds",
    label: "Median first response (business hours)",
    format: formatDuration,
    better: "lower",
  },
  { id: "fcrRate", label: "First-contact resolution", format: formatPercent, better: "higher" },
  { id: "reopenRate", label: "Reopen rate", format: formatPercent, better: "lower" },
  { id: "csatScore", label: "CSAT", format: formatPercent, better: "higher" },
  { id: "csatResponses", label: "CSAT responses", format: formatCount, better: "neutral" },
  { id: "slaBreachRate", label: "SLA breach rate", format: formatPercent, better: "lower" },
  { id: "qaAverageScore", label: "QA score", format: formatScoreOutOf100, better: "higher" },
  { id: "qaReviews", label: "QA reviews", format: formatCount, better: "neutral" },
  // Every agent message of the agent's tickets, whoever wrote it: not the list of the agent's own
  // flagged messages further down the scorecard.
  { id: "flags", label: "Message flags on assigned tickets", format: formatCount, better: "lower" },
];

/** The agent's figures beside the team median, one row per figure. */
export function figureRows(s: Scorecard): FigureRow[] {
  return DEFS.map((d) => ({ ...d, agent: s.figures[d.id], team: s.teamMedian[d.id] }));
}

/** "better" / "worse" / "same" than the team median, or "" when it does not apply. */
export function comparison(row: FigureRow): string {
  if (row.better === "neutral" || row.agent === null || row.team === null) return "";
  if (row.agent === row.team) return "same as team";
  const higher = row.agent > row.team;
  return (row.better === "higher") === higher ? "better than team" : "worse than team";
}
