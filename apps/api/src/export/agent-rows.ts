import type { AgentFigures } from "@caliper/db";
import { csvLine } from "./csv.ts";

export const AGENT_COLUMNS = [
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
  "qaReviews",
  "flags",
] as const satisfies readonly (keyof AgentFigures)[];

export function* agentCsv(rows: readonly AgentFigures[]): Generator<string> {
  yield csvLine([...AGENT_COLUMNS]);
  for (const r of rows) yield csvLine(AGENT_COLUMNS.map((c) => r[c]));
}
