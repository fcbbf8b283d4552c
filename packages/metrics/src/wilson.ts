/**
 * The Wilson score interval for a binomial proportion (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22 (1927) 209-212; method 3 of R. G. Newcombe, "Two-sided
 * confidence intervals for the single proportion: comparison of seven methods", Statistics in Medicine
 * 17 (1998) 857-872). DESIGN §5: csat.ci95.
 */

/** Two-sided 95% standard normal quantile, Phi^-1(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for `successes` out of `n` trials, without continuity correction:
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n),
 *   half-width = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2),   p = successes / n.
 * Null when n = 0. Throws a RangeError unless n and successes are integers with 0 <= successes <= n.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): [number, number] | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer within [0, ${n}], got ${successes}`);
  }
  if (n === 0) return null;
  return wilsonIntervalForProportion(successes / n, n, z);
}

/**
 * The Wilson formula for a proportion `p` in [0, 1] and a (possibly effective, non-integer) sample size
 * n > 0; `Infinity` gives the degenerate interval [p, p]. Bounds are clipped to [0, 1] against rounding.
 */
export function wilsonIntervalForProportion(p: number, n: number, z = Z_95): [number, number] {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`proportion must be within [0, 1], got ${p}`);
  if (!(n > 0)) throw new RangeError(`sample size must be positive, got ${n}`);
  if (n === Number.POSITIVE_INFINITY) return [p, p];
  const z2n = (z * z) / n;
  const denominator = 1 + z2n;
  const centre = (p + z2n / 2) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At p = 0 (or 1) the lower (upper) bound is 0 (1) exactly in exact arithmetic.
  const lower = p === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = p === 1 ? 1 : Math.min(1, centre + halfWidth);
  return [lower, upper];
}
