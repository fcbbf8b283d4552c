/** How a metric read groups what it collects: one total, per local day or week of creation, or per agent. */
export type GroupBy = "none" | "day" | "week" | "agent";

import { weekStart } from "../../spans.ts";

export { weekStart };

/** The group key of a ticket (or clock) with these attributes. Agent '' means unattributed. */
export const groupKey = (by: GroupBy, day: string, agent: string | null): string => {
  switch (by) {
    case "none":
      return "";
    case "day":
      return day;
    case "week":
      return weekStart(day);
    case "agent":
      return agent ?? "";
  }
};

/** The SQL column rollups are grouped by before groupKey maps them (weeks are summed from days). */
export const groupColumn = (by: GroupBy): "day" | "agent" | null =>
  by === "none" ? null : by === "agent" ? "agent" : "day";
