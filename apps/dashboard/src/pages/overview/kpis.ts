import type { ClockName, Overview, SlaCounts } from "@caliper/client";
import { type Change, pointChange, relativeChange } from "../../lib/change.ts";
import { formatCount, formatDuration, formatInterval, formatPercent, formatScoreOutOf100 } from "../../lib/format.ts";

export interface Kpi {
  id: "tickets" | "first-response" | "resolution" | "csat" | "sla" | "qa";
  title: string;
  value: string;
  detail: string;
  change: Change | null;
}

/** All clocks together: breached over the clocks that finished or breached. */
export function slaTotals(sla: Overview["sla"]): {
  breached: number;
  decided: number;
  atRisk: number;
  rate: number | null;
} {
  let breached = 0;
  let decided = 0;
  let atRisk = 0;
  for (const counts of Object.values(sla) as SlaCounts[]) {
    breached += counts.breached;
    decided += counts.met + counts.late + counts.breached;
    atRisk += counts.atRisk;
  }
  return { breached, decided, atRisk, rate: decided > 0 ? breached / decided : null };
}

/** "1 review", "3 reviews". */
const counted = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

export const frtMedian = (o: Overview, businessHours: boolean): number | null =>
  businessHours ? o.firstResponse.businessMedianSeconds : o.firstResponse.medianSeconds;
const frtP90 = (o: Overview, businessHours: boolean): number | null =>
  businessHours ? o.firstResponse.businessP90Seconds : o.firstResponse.p90Seconds;

/** The six KPI cards of the overview, each with its change against the previous period. */
export function buildKpis(current: Overview, previous: Overview | null, businessHours: boolean): Kpi[] {
  const sla = slaTotals(current.sla);
  const prevSla = previous ? slaTotals(previous.sla) : null;
  const fr = (c: ClockName) => current.sla[c];
  const firstResponseBreach = fr("first_response")?.breachRate ?? null;
  return [
    {
      id: "tickets",
      title: "Tickets",
      value: formatCount(current.tickets.created),
      detail: `${formatCount(current.tickets.solved)} solved · ${formatCount(current.tickets.open)} open`,
      change: relativeChange(current.tickets.created, previous?.tickets.created ?? null, "neutral"),
    },
    {
      id: "first-response",
      title: businessHours ? "Median first response (business hours)" : "Median first response",
      value: formatDuration(frtMedian(current, businessHours)),
      detail: `p90 ${formatDuration(frtP90(current, businessHours))} · ${formatCount(current.firstResponse.awaiting)} awaiting`,
      change: relativeChange(
        frtMedian(current, businessHours),
        previous ? frtMedian(previous, businessHours) : null,
        "lower",
      ),
    },
    {
      id: "resolution",
      title: "Resolution rate",
      value: formatPercent(current.resolution.rate),
      detail: `FCR ${formatPercent(current.resolution.fcrRate)} · reopened ${formatPercent(current.resolution.reopenRate)}`,
      change: pointChange(current.resolution.rate, previous?.resolution.rate ?? null, "higher", "rate"),
    },
    {
      id: "csat",
      title: "CSAT",
      value: formatPercent(current.csat.score),
      detail: `95% CI ${formatInterval(current.csat.ci95)} · ${counted(current.csat.responses, "response", "responses")}`,
      change: pointChange(current.csat.score, previous?.csat.score ?? null, "higher", "rate"),
    },
    {
      id: "sla",
      title: "SLA breach rate",
      value: formatPercent(sla.rate),
      detail: `${formatCount(sla.breached)} breached · ${formatCount(sla.atRisk)} at risk · first response ${formatPercent(firstResponseBreach)}`,
      change: pointChange(sla.rate, prevSla?.rate ?? null, "lower", "rate"),
    },
    {
      id: "qa",
      title: "QA score",
      value: formatScoreOutOf100(current.qa.averageScore),
      detail: `${counted(current.qa.reviews, "review", "reviews")} · pass ${formatPercent(current.qa.passRate)} · ${counted(current.qa.flags, "flag", "flags")}`,
      change: pointChange(current.qa.averageScore, previous?.qa.averageScore ?? null, "higher", "score"),
    },
  ];
}
