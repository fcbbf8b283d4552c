import type { ScorecardCategory } from "@caliper/client";

/** A rating on the scorecard: 0..4, or null for N/A. */
export type Rating = 0 | 1 | 2 | 3 | 4 | null;

export interface ScorePreview {
  /** Weighted mean of rating/4*100 over rated categories; null when nothing is rated. */
  score: number | null;
  criticalFail: boolean;
  pass: boolean;
}

/**
 * The review score as DESIGN.md §6 defines it (the API computes the stored one; this is the
 * live preview on the form): category score = rating/4*100, weighted mean over rated
 * categories, 0 when any critical category is rated below 2, pass at >= passScore.
 */
export function previewScore(
  categories: readonly ScorecardCategory[],
  ratings: Readonly<Record<string, Rating | undefined>>,
  passScore: number,
): ScorePreview {
  let weighted = 0;
  let weights = 0;
  let criticalFail = false;
  for (const c of categories) {
    const r = ratings[c.id];
    if (r === null || r === undefined) continue;
    weighted += (r / 4) * 100 * c.weight;
    weights += c.weight;
    if (c.critical && r < 2) criticalFail = true;
  }
  if (weights === 0) return { score: null, criticalFail: false, pass: false };
  const score = criticalFail ? 0 : weighted / weights;
  return { score, criticalFail, pass: score >= passScore };
}
