import { wilsonIntervalForProportion, Z_95 } from "../wilson.ts";

/**
 * Population compliance (pass) rate from reviewed audit-sample tickets with known inclusion
 * probabilities (DESIGN §6: the estimate stays unbiased under `risk` sampling and has a confidence
 * interval).
 *
 * Point estimate. With y_i = 1 for a passing review and pi_i its ticket's inclusion probability, the
 * Horvitz-Thompson total of passes in stratum h is Y_h = sum_{i in h} y_i / pi_i. The rate is
 *   rate = sum_h Y_h / sum_h D_h,
 * where D_h is the stratum's population size N_h when `populationSizes` is given (the Horvitz-Thompson
 * estimator of the mean, exactly design-unbiased), else its estimate N^_h = sum_{i in h} 1 / pi_i (the
 * Hajek ratio estimator sum(y/pi) / sum(1/pi): approximately unbiased, bias O(1/n), always within [0, 1]
 * and robust to a few sampled tickets being left unreviewed). When all pi are equal both reduce to the
 * plain pass rate. Known-N estimates above 1 (possible for HT with small samples) are reported clipped.
 *
 * Variance. Linearisation with the with-replacement approximation within strata (Sarndal, Swensson &
 * Wretman, "Model Assisted Survey Sampling", 1992, §5.5-5.7 and §2.9; Wolter, "Introduction to Variance
 * Estimation", 2nd ed. 2007, §2.4): each sampled ticket gets the score u_i = y_i / pi_i (known N) or
 * u_i = (y_i - rate) / pi_i (Hajek), and
 *   v = sum_h m_h / (m_h - 1) * sum_{i in h} (u_i - mean_h(u))^2,   se = sqrt(v) / sum_h D_h,
 * over the non-certainty tickets (pi < 1) only: a ticket taken with certainty adds no sampling variance.
 * Ignoring the finite-population correction makes this slightly conservative for sampling without
 * replacement. Strata with a single non-certainty ticket are pooled into one collapsed stratum (Wolter
 * §2.5, also conservative); a lone such ticket joins the largest stratum.
 *
 * Interval. The Wilson score interval at the Kish effective sample size n_eff = rate (1 - rate) / se^2
 * (Dean & Pagano, "Evaluating confidence interval methods for binomial proportions in clustered surveys",
 * J. Survey Statistics and Methodology 3 (2015) 484-503). It lies within [0, 1], agrees with the Wald
 * interval rate +- 1.96 se for large samples, and unlike a clipped Wald interval does not collapse to a
 * point when every sampled review passes (or fails): then n_eff is taken as the number of non-certainty
 * tickets. A census (every pi = 1) gives [rate, rate].
 */

export interface ReviewedSampleItem {
  pass: boolean;
  /** The ticket's inclusion probability in the audit sample, in (0, 1]. */
  inclusionProbability: number;
  /** Sampling stratum (the agent, or "unassigned"). */
  stratum: string;
}

export interface ComplianceEstimate {
  /** Estimated population pass rate; null without items. */
  rate: number | null;
  ci95: [number, number] | null;
  /** Number of reviewed tickets used. */
  n: number;
  standardError: number | null;
  estimator: "horvitz-thompson" | "hajek";
}

interface StratumSums {
  items: ReviewedSampleItem[];
  weightedPasses: number;
  weightSum: number;
}

/**
 * Estimates the population pass rate; see the module comment. `populationSizes` (stratum -> N_h) selects
 * the Horvitz-Thompson estimator and must cover every stratum in `items`; strata it lists without any item
 * are outside the estimate. Throws a RangeError on inclusion probabilities outside (0, 1] or bad sizes.
 */
export function estimateCompliance(
  items: readonly ReviewedSampleItem[],
  populationSizes?: Readonly<Record<string, number>>,
): ComplianceEstimate {
  const estimator = populationSizes === undefined ? "hajek" : "horvitz-thompson";
  const n = items.length;
  if (n === 0) return { rate: null, ci95: null, n, standardError: null, estimator };

  const strata = new Map<string, StratumSums>();
  for (const item of items) {
    const pi = item.inclusionProbability;
    if (!(pi > 0 && pi <= 1)) throw new RangeError(`inclusion probabilities must be within (0, 1], got ${pi}`);
    let sums = strata.get(item.stratum);
    if (sums === undefined) {
      sums = { items: [], weightedPasses: 0, weightSum: 0 };
      strata.set(item.stratum, sums);
    }
    sums.items.push(item);
    if (item.pass) sums.weightedPasses += 1 / pi;
    sums.weightSum += 1 / pi;
  }

  let total = 0;
  let denominator = 0;
  for (const [stratum, sums] of strata) {
    total += sums.weightedPasses;
    if (populationSizes === undefined) {
      denominator += sums.weightSum;
    } else {
      const size = Object.hasOwn(populationSizes, stratum) ? populationSizes[stratum] : undefined;
      if (size === undefined || !Number.isInteger(size) || size < sums.items.length) {
        throw new RangeError(
          `population size of stratum ${stratum} must be an integer >= its ${sums.items.length} sampled items, got ${size}`,
        );
      }
      denominator += size;
    }
  }
  const rate = total / denominator;

  const score = (item: ReviewedSampleItem): number =>
    ((item.pass ? 1 : 0) - (estimator === "hajek" ? rate : 0)) / item.inclusionProbability;
  const groups = varianceGroups([...strata.values()].map((s) => s.items.filter((i) => i.inclusionProbability < 1)));
  const uncertain = groups.reduce((sum, g) => sum + g.length, 0);
  let variance = 0;
  for (const group of groups) variance += withReplacementVariance(group.map(score));
  const standardError = Math.sqrt(variance) / denominator;

  const clipped = Math.min(1, Math.max(0, rate));
  let effectiveSize: number;
  if (uncertain === 0) effectiveSize = Number.POSITIVE_INFINITY;
  else if (groups.length === 1 && uncertain === 1) effectiveSize = 1;
  else if (standardError > 0 && clipped > 0 && clipped < 1)
    effectiveSize = (clipped * (1 - clipped)) / standardError ** 2;
  else effectiveSize = uncertain;
  const ci95 = wilsonIntervalForProportion(clipped, effectiveSize, Z_95);
  return { rate: clipped, ci95, n, standardError, estimator };
}

/** m / (m - 1) * sum (u - mean)^2; 0 for fewer than two scores. */
function withReplacementVariance(scores: readonly number[]): number {
  const m = scores.length;
  if (m < 2) return 0;
  const mean = scores.reduce((a, b) => a + b, 0) / m;
  let ss = 0;
  for (const u of scores) ss += (u - mean) ** 2;
  return (m / (m - 1)) * ss;
}

/** Strata with >= 2 units stay; singletons are pooled; a lone singleton joins the largest group. */
function varianceGroups<T>(strata: readonly T[][]): T[][] {
  const groups = strata.filter((s) => s.length >= 2).map((s) => [...s]);
  const singles = strata.filter((s) => s.length === 1).flat();
  if (singles.length >= 2 || groups.length === 0) {
    if (singles.length > 0) groups.push(singles);
    return groups;
  }
  if (singles.length === 1) {
    const largest = groups.reduce((a, b) => (b.length > a.length ? b : a));
    largest.push(...singles);
  }
  return groups;
}
