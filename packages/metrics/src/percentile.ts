/**
 * Exact order statistics over plain arrays: the reference the sketched reads are checked against.
 * DESIGN §5: percentiles interpolate linearly between closest ranks, like PostgreSQL `percentile_cont`.
 */

/**
 * PostgreSQL `percentile_cont(p) WITHIN GROUP (ORDER BY x)` over values already sorted ascending.
 *
 * rank = p * (n - 1); the result interpolates linearly between the values at ranks floor(rank) and
 * ceil(rank) (0-based), with PostgreSQL's own formula `lo + (hi - lo) * (rank - floor(rank))`.
 * Returns null for an empty array. Throws a RangeError when p is outside [0, 1] (PostgreSQL errors too).
 */
export function percentileCont(sortedValues: readonly number[], p: number): number | null {
  checkFraction(p);
  const n = sortedValues.length;
  if (n === 0) return null;
  const rank = p * (n - 1);
  const lowerRank = Math.floor(rank);
  const upperRank = Math.ceil(rank);
  const lower = sortedValues[lowerRank]!;
  if (upperRank === lowerRank) return lower;
  const upper = sortedValues[upperRank]!;
  return lower + (upper - lower) * (rank - lowerRank);
}

/** Median (percentile_cont(0.5)) of values in any order; null for none. Does not modify its argument. */
export function median(values: readonly number[]): number | null {
  return percentileCont(sortedAscending(values), 0.5);
}

/** Arithmetic mean; null for none. Uses compensated (Neumaier) summation so large sums stay exact-ish. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / values.length;
}

/** A sorted copy (numeric ascending; the default Array sort is lexicographic). */
export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Throws a RangeError unless 0 <= p <= 1. */
export function checkFraction(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
}
