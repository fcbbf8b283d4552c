/** How a metric read groups what it collects: one total, per local day or week of creation, or per agent. */
export type GroupBy = "none" | "day" | "week" | "agent";

/** Monday of the ISO week holding a local date ("2026-03-05" -> "2026-03-02"). */
export const weekStart = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

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
