import type { TicketFacts } from "./ticket-facts.ts";

/**
 * The additive part of the metrics: what one ticket adds to a rollup row. Rollups store sums of
 * these per (brand, local day, agent, category, channel); a ticket that changes is subtracted
 * with its old contribution and added with its new one, so rollups never depend on arrival order.
 */
export interface RollupCounts {
  created: number;
  solved: number;
  /** Tickets whose first response is measured and has happened. */
  frtCount: number;
  /** Tickets whose first response is measured and has not happened yet. */
  awaiting: number;
  frtSum: number;
  frtBusinessSum: number;
  resolutionCount: number;
  resolutionSum: number;
  fcr: number;
  reopened: number;
  csatResponses: number;
  csatSatisfied: number;
  csatRatingSum: number;
  flags: number;
}

export const ROLLUP_COUNT_FIELDS = [
  "created",
  "solved",
  "frtCount",
  "awaiting",
  "frtSum",
  "frtBusinessSum",
  "resolutionCount",
  "resolutionSum",
  "fcr",
  "reopened",
  "csatResponses",
  "csatSatisfied",
  "csatRatingSum",
  "flags",
] as const satisfies readonly (keyof RollupCounts)[];

export const zeroCounts = (): RollupCounts => ({
  created: 0,
  solved: 0,
  frtCount: 0,
  awaiting: 0,
  frtSum: 0,
  frtBusinessSum: 0,
  resolutionCount: 0,
  resolutionSum: 0,
  fcr: 0,
  reopened: 0,
  csatResponses: 0,
  csatSatisfied: 0,
  csatRatingSum: 0,
  flags: 0,
});

/** A rating of 4 or 5 is satisfied (DESIGN.md §5). */
export const isSatisfied = (rating: number): boolean => rating >= 4;

export function ticketContribution(f: TicketFacts): RollupCounts {
  const replied = f.frtSeconds !== null;
  return {
    created: 1,
    solved: f.solved ? 1 : 0,
    frtCount: replied ? 1 : 0,
    awaiting: f.firstResponseApplies && !replied ? 1 : 0,
    frtSum: f.frtSeconds ?? 0,
    frtBusinessSum: f.frtBusinessSeconds ?? 0,
    resolutionCount: f.resolutionSeconds !== null ? 1 : 0,
    resolutionSum: f.resolutionSeconds ?? 0,
    fcr: f.fcr ? 1 : 0,
    reopened: f.solved && f.reopened ? 1 : 0,
    csatResponses: f.rating !== null ? 1 : 0,
    csatSatisfied: f.rating !== null && isSatisfied(f.rating) ? 1 : 0,
    csatRatingSum: f.rating ?? 0,
    flags: f.flags,
  };
}

export function addCounts(into: RollupCounts, c: RollupCounts, sign: 1 | -1 = 1): RollupCounts {
  for (const k of ROLLUP_COUNT_FIELDS) into[k] += sign * c[k];
  return into;
}

/** The duration distributions kept per rollup row (as sketches) and per ticket (as values). */
export const DURATION_METRICS = ["frt", "frt_business", "resolution"] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

export function ticketDurations(f: TicketFacts): Record<DurationMetric, number | null> {
  return { frt: f.frtSeconds, frt_business: f.frtBusinessSeconds, resolution: f.resolutionSeconds };
}
