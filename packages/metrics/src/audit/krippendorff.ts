/**
 * Reviewer agreement on calibration reviews (DESIGN §6: Krippendorff's alpha, ordinal).
 *
 * Krippendorff's alpha, computed from the coincidence matrix as in K. Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability" (2011, https://repository.upenn.edu/asc_papers/43):
 *   alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_{c,k} o_ck delta^2_ck / sum_{c,k} n_c n_k delta^2_ck,
 * where o_ck = sum over units u of (number of c-k pairs of values in u) / (m_u - 1), n_c = sum_k o_ck and
 * n = sum_c n_c. Units with fewer than two values are not pairable and are ignored (missing data).
 * Difference functions delta^2:
 *   nominal  [c != k]
 *   ordinal  (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2, over the values in sorted order
 *   interval (c - k)^2
 *   ratio    ((c - k) / (c + k))^2  (non-negative values)
 */

export type MeasurementLevel = "nominal" | "ordinal" | "interval" | "ratio";

/**
 * Krippendorff's alpha. `units[u]` holds the values given to unit u, one per coder, null where a coder did
 * not rate it (the coder positions do not matter to alpha; units may have different lengths). Null when no
 * unit has two values, or when all pairable values are equal (alpha is 0/0: no variation to agree on).
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<number | null>>,
  level: MeasurementLevel = "ordinal",
): number | null {
  // Distinct values per pairable unit, with counts.
  const pairable: Array<Map<number, number>> = [];
  const valueSet = new Set<number>();
  for (const unit of units) {
    const counts = new Map<number, number>();
    let m = 0;
    for (const v of unit) {
      if (v === null) continue;
      if (!Number.isFinite(v)) throw new RangeError(`ratings must be finite numbers, got ${v}`);
      if (level === "ratio" && v < 0) throw new RangeError(`ratio-level ratings must be >= 0, got ${v}`);
      counts.set(v, (counts.get(v) ?? 0) + 1);
      m++;
    }
    if (m < 2) continue;
    pairable.push(counts);
    for (const v of counts.keys()) valueSet.add(v);
  }
  if (pairable.length === 0) return null;

  const values = [...valueSet].sort((a, b) => a - b);
  const size = values.length;
  const position = new Map(values.map((v, i) => [v, i]));
  const coincidences = new Float64Array(size * size);
  for (const counts of pairable) {
    let m = 0;
    for (const c of counts.values()) m += c;
    for (const [vc, nc] of counts) {
      const c = position.get(vc)!;
      for (const [vk, nk] of counts) {
        const k = position.get(vk)!;
        coincidences[c * size + k]! += (nc * (c === k ? nk - 1 : nk)) / (m - 1);
      }
    }
  }
  const marginals = new Float64Array(size);
  let n = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) marginals[c]! += coincidences[c * size + k]!;
    n += marginals[c]!;
  }

  const delta2 = differenceFunction(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const d = delta2(c, k);
      observed += coincidences[c * size + k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

function differenceFunction(
  level: MeasurementLevel,
  values: readonly number[],
  marginals: Float64Array,
): (c: number, k: number) => number {
  switch (level) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "interval":
      return (c, k) => (values[c]! - values[k]!) ** 2;
    case "ratio":
      return (c, k) => {
        const sum = values[c]! + values[k]!;
        return sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
      };
    case "ordinal": {
      // cumulative[i] = sum of marginals[0..i-1]
      const cumulative = new Float64Array(values.length + 1);
      for (let i = 0; i < values.length; i++) cumulative[i + 1] = cumulative[i]! + marginals[i]!;
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        return (cumulative[hi + 1]! - cumulative[lo]! - (marginals[lo]! + marginals[hi]!) / 2) ** 2;
      };
    }
    default:
      throw new RangeError(`unknown level of measurement ${String(level)}`);
  }
}

/** One rating of a unit (e.g. a review score or a category rating of a ticket) by one reviewer. */
export interface UnitRating {
  unit: string;
  reviewer: string;
  value: number;
}

/** Groups ratings by unit (units in first-appearance order) into the input of krippendorffAlpha. */
export function unitsFromRatings(ratings: readonly UnitRating[]): number[][] {
  const byUnit = new Map<string, number[]>();
  for (const r of ratings) {
    const values = byUnit.get(r.unit);
    if (values === undefined) byUnit.set(r.unit, [r.value]);
    else values.push(r.value);
  }
  return [...byUnit.values()];
}

export interface ReviewerDeviation {
  reviewer: string;
  /** Number of the reviewer's ratings on units rated two or more times. */
  ratings: number;
  /** Mean of (the reviewer's value - the unit's mean value): > 0 rates more leniently than the group. */
  meanDeviation: number;
}

/**
 * Each reviewer's mean signed deviation from the per-unit group mean (the mean of every rating of the
 * unit, the reviewer's own included), over units with at least two ratings. Reviewers with no such unit
 * are left out. Sorted by reviewer.
 */
export function reviewerDeviation(ratings: readonly UnitRating[]): ReviewerDeviation[] {
  const byUnit = new Map<string, UnitRating[]>();
  for (const r of ratings) {
    if (!Number.isFinite(r.value)) throw new RangeError(`ratings must be finite numbers, got ${r.value}`);
    const list = byUnit.get(r.unit);
    if (list === undefined) byUnit.set(r.unit, [r]);
    else list.push(r);
  }
  const totals = new Map<string, { sum: number; count: number }>();
  for (const list of byUnit.values()) {
    if (list.length < 2) continue;
    const unitMean = list.reduce((s, r) => s + r.value, 0) / list.length;
    for (const r of list) {
      const t = totals.get(r.reviewer) ?? { sum: 0, count: 0 };
      t.sum += r.value - unitMean;
      t.count += 1;
      totals.set(r.reviewer, t);
    }
  }
  return [...totals]
    .map(([reviewer, t]) => ({ reviewer, ratings: t.count, meanDeviation: t.sum / t.count }))
    .sort((a, b) => (a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0));
}
