import type { BusinessCalendar } from "@caliper/policy";

import { nextDay } from "../../spans.ts";

export { nextDay };

/** Whole local days [firstDay, endDay) of a brand. */
export interface DayRange {
  firstDay: string;
  endDay: string;
}

export interface PeriodSplit {
  /** Whole local days [firstDay, endDay) answered from rollups; null when the range holds none. */
  days: DayRange | null;
  /** Instant ranges [from, to) outside whole days, answered from ticket rows. */
  edges: Array<{ from: string; to: string }>;
}

/** Splits [from, to) into whole local days of the brand and the partial days at either end. */
export function splitPeriod(cal: BusinessCalendar, from: string, to: string): PeriodSplit {
  let firstDay = cal.localDate(from);
  if (cal.startOfLocalDay(firstDay) < from) firstDay = nextDay(firstDay);
  const endDay = cal.localDate(to);
  const firstStart = cal.startOfLocalDay(firstDay);
  const endStart = cal.startOfLocalDay(endDay);
  if (firstDay >= endDay) return { days: null, edges: [{ from, to }] };
  const edges: Array<{ from: string; to: string }> = [];
  if (from < firstStart) edges.push({ from, to: firstStart });
  if (endStart < to) edges.push({ from: endStart, to });
  return { days: { firstDay, endDay }, edges };
}
