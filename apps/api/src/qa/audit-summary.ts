import { getSample, type ReviewRecord, sampleMemberships } from "@caliper/db";
import {
  type ComplianceEstimate,
  estimateCompliance,
  krippendorffAlpha,
  type ReviewedSampleItem,
  reviewerDeviation,
  type UnitRating,
  unitsFromRatings,
} from "@caliper/metrics";
import type { Scorecard } from "@caliper/policy";
import type { Services } from "../services.ts";
import { reviewFigures } from "./qa-summary.ts";

export interface Calibration {
  tickets: number;
  alpha: Record<string, number | null>;
  overallAlpha: number | null;
  reviewers: Array<{ reviewer: string; ratings: number; meanDeviation: number | null }>;
}

/**
 * Calibration (DESIGN.md §6): tickets reviewed by two or more reviewers. Agreement per scorecard
 * category as Krippendorff's alpha (ordinal), overall over every (ticket, category), and each
 * reviewer's mean deviation from the group on the same items.
 */
export function calibration(reviews: readonly ReviewRecord[], scorecard: Scorecard): Calibration {
  const byTicket = new Map<string, ReviewRecord[]>();
  for (const r of reviews) byTicket.set(r.ticketId, [...(byTicket.get(r.ticketId) ?? []), r]);
  const shared = [...byTicket.values()].filter((rs) => new Set(rs.map((r) => r.reviewer)).size >= 2);
  // One rating per (ticket, reviewer, category): a reviewer's latest review of the ticket.
  const latest = shared.flatMap((rs) => [...new Map(rs.map((r) => [r.reviewer, r])).values()]);
  const ratingsOf = (category: string): UnitRating[] =>
    latest.flatMap((r) => {
      const v = r.ratings[category];
      return typeof v === "number" ? [{ unit: r.ticketId, reviewer: r.reviewer, value: v }] : [];
    });
  const alpha: Record<string, number | null> = {};
  const all: UnitRating[] = [];
  for (const c of scorecard.categories) {
    const ratings = ratingsOf(c.id);
    alpha[c.id] = ratings.length ? krippendorffAlpha(unitsFromRatings(ratings), "ordinal") : null;
    all.push(...ratings.map((r) => ({ ...r, unit: `${r.unit}\u001f${c.id}` })));
  }
  return {
    tickets: shared.length,
    alpha,
    overallAlpha: all.length ? krippendorffAlpha(unitsFromRatings(all), "ordinal") : null,
    reviewers: reviewerDeviation(all).map((d) => ({
      reviewer: d.reviewer,
      ratings: d.ratings,
      meanDeviation: d.meanDeviation,
    })),
  };
}

/**
 * The population compliance (pass) rate from reviewed tickets: each ticket counts once, by its
 * first review (later ones are calibration), weighted by its inclusion probability in the audit
 * sample it was reviewed from (1 for tickets reviewed outside a sample). With one sample whose
 * tickets are all reviewed, the Horvitz-Thompson estimator with the strata sizes at draw time;
 * otherwise the Hájek ratio. For uniform samples both reduce to the plain pass rate.
 */
export async function compliance(
  s: Services,
  reviews: readonly ReviewRecord[],
  sampleId?: string,
): Promise<ComplianceEstimate> {
  const first = new Map<string, ReviewRecord>();
  for (const r of reviews) if (!first.has(r.ticketId)) first.set(r.ticketId, r);
  const memberships = await sampleMemberships(s.db, [
    ...new Set([...first.values()].flatMap((r) => (r.sampleId ? [r.sampleId] : []))),
  ]);
  const items: ReviewedSampleItem[] = [...first.values()].map((r) => {
    const m = r.sampleId ? memberships.get(`${r.sampleId}\u001f${r.ticketId}`) : undefined;
    return m
      ? {
          pass: r.pass,
          inclusionProbability: m.inclusionProbability,
          stratum: sampleId ? m.stratum : `${r.sampleId}:${m.stratum}`,
        }
      : { pass: r.pass, inclusionProbability: 1, stratum: "outside-samples" };
  });
  if (sampleId) {
    const sample = await getSample(s.db, sampleId);
    if (sample?.tickets.every((t) => t.reviewed) && items.every((i) => i.stratum in sample.sample.strata))
      return estimateCompliance(items, sample.sample.strata);
  }
  return estimateCompliance(items);
}

export async function auditSummary(
  s: Services,
  reviews: readonly ReviewRecord[],
  scorecard: Scorecard,
  sampleId?: string,
) {
  const figures = reviewFigures(reviews);
  const estimate = await compliance(s, reviews, sampleId);
  return {
    ...figures,
    compliance: { rate: estimate.rate, ci95: estimate.ci95, n: estimate.n, estimator: estimate.estimator },
    calibration: calibration(reviews, scorecard),
  };
}
