/**
 * A DDSketch-style mergeable quantile sketch for non-negative durations (seconds).
 *
 * Reference: Masson, Rim & Lee, "DDSketch: A Fast and Fully-Mergeable Quantile Sketch with
 * Relative-Error Guarantees", PVLDB 12(12), 2019.
 *
 * Mapping. With relative accuracy alpha and gamma = (1 + alpha) / (1 - alpha), a value x >= the minimum
 * indexable value goes to bucket i = ceil(log_gamma(x)), which holds (gamma^(i-1), gamma^i]. The bucket's
 * representative value is 2 gamma^i / (gamma + 1) = (1 - alpha) gamma^i, whose relative distance to both
 * ends of the bucket is exactly (gamma - 1) / (gamma + 1) = alpha; so it is within alpha (relative) of
 * every value that maps there. Values below the minimum indexable value (durations of exactly 0, in
 * practice) go to the zero bucket, index ZERO_BUCKET_INDEX, whose representative value is 0 (absolute
 * error below the minimum indexable value, 1 ns by default).
 *
 * Storage. A sketch is a sparse map bucket index -> integer count. Sketches merge by adding counts and a
 * value is removed by subtracting 1 from its bucket, both exactly; so the database can keep one row per
 * (rollup key, metric, bucket index) and merge rollups with `SUM(count) ... GROUP BY bucket_index`.
 * Bucket indices depend on the mapping (alpha and the minimum indexable value): only sketches built with
 * the same mapping may be merged, and stored indices must be read back with the mapping that wrote them.
 *
 * Quantiles. `quantileCont(p)` follows PostgreSQL `percentile_cont`: rank = p (n - 1); the values at
 * ranks floor(rank) and ceil(rank) are read from the buckets and interpolated linearly. Why the result is
 * within alpha (relative) of the exact percentile_cont:
 *   1. The mapping x -> bucket index is non-decreasing in x (log, a positive factor and ceil are all
 *      monotone; the zero bucket has the smallest index). So walking the buckets in index order visits the
 *      values in sorted order: the value at rank j falls in the bucket where the cumulative count first
 *      exceeds j, and the sketch's rank-j value s_j is that bucket's representative, within alpha of the
 *      exact rank-j value x_j: |s_j - x_j| <= alpha x_j (or < min indexable value, for the zero bucket).
 *   2. With f = rank - floor(rank) in [0, 1], the estimate (1 - f) s_lo + f s_hi differs from the exact
 *      (1 - f) x_lo + f x_hi by at most (1 - f) |s_lo - x_lo| + f |s_hi - x_hi|
 *      <= alpha ((1 - f) x_lo + f x_hi) = alpha * exact, because the x are non-negative: a convex
 *      combination of values each within alpha relative is within alpha relative of the same combination.
 * Floating point adds a few ulps: a value within rounding of a bucket boundary may land in the neighbour
 * bucket, where its distance to the representative is still alpha up to ~1e-15 relative.
 *
 * Hot path. `bucketIndex` is one Math.log, one multiply and one Math.ceil; `add` does one map lookup and
 * one map write, no allocation beyond what the Map itself needs for a new bucket.
 */

/**
 * The index of the zero bucket: -2^31, the smallest 32-bit integer (fits a PostgreSQL `integer` column),
 * far below any real bucket index (which is about log(minIndexableValue) / log(gamma), -1036 by default).
 * Being the smallest index, the zero bucket sorts first, as 0 is the smallest duration.
 */
export const ZERO_BUCKET_INDEX = -2_147_483_648;

/** DESIGN §5: sketched reads may differ from exact by at most 1% relative. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/** Values below this (seconds) are counted in the zero bucket: 1 ns, far below timestamp resolution. */
export const DEFAULT_MIN_INDEXABLE_VALUE = 1e-9;

/** Values above this are rejected (their representative value would overflow a double). */
export const MAX_INDEXABLE_VALUE = 1e300;

/** One stored bucket: [bucket index, count]. */
export type BucketPair = readonly [index: number, count: number];

/** The value <-> bucket index mapping of a sketch; immutable, shared by all sketches that merge. */
export class SketchMapping {
  readonly relativeAccuracy: number;
  readonly minIndexableValue: number;
  readonly gamma: number;
  /** The smallest and largest index a non-zero value can get. */
  readonly minIndex: number;
  readonly maxIndex: number;
  readonly #multiplier: number;
  readonly #logGamma: number;
  readonly #logRepresentativeFactor: number;

  constructor(relativeAccuracy = DEFAULT_RELATIVE_ACCURACY, minIndexableValue = DEFAULT_MIN_INDEXABLE_VALUE) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`relative accuracy must be within (0, 1), got ${relativeAccuracy}`);
    }
    if (!(minIndexableValue > 0 && minIndexableValue < MAX_INDEXABLE_VALUE)) {
      throw new RangeError(`minimum indexable value must be positive, got ${minIndexableValue}`);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.minIndexableValue = minIndexableValue;
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.#logGamma = Math.log(this.gamma);
    this.#multiplier = 1 / this.#logGamma;
    // 2 / (gamma + 1) = 1 - alpha: representative value of bucket i = (1 - alpha) * gamma^i.
    this.#logRepresentativeFactor = Math.log1p(-relativeAccuracy);
    this.minIndex = Math.ceil(Math.log(minIndexableValue) * this.#multiplier);
    this.maxIndex = Math.ceil(Math.log(MAX_INDEXABLE_VALUE) * this.#multiplier);
    if (this.minIndex <= ZERO_BUCKET_INDEX)
      throw new RangeError("relative accuracy too fine for 32-bit bucket indices");
  }

  /** Bucket index of a non-negative finite value; ZERO_BUCKET_INDEX below the minimum indexable value. */
  bucketIndex(value: number): number {
    if (value >= this.minIndexableValue && value <= MAX_INDEXABLE_VALUE) {
      return Math.ceil(Math.log(value) * this.#multiplier);
    }
    if (value >= 0 && value < this.minIndexableValue) return ZERO_BUCKET_INDEX;
    throw new RangeError(`sketch values must be finite, non-negative and at most 1e300, got ${value}`);
  }

  /** Representative value of a bucket: within alpha (relative) of every value mapping there; 0 for the zero bucket. */
  bucketValue(index: number): number {
    if (index === ZERO_BUCKET_INDEX) return 0;
    return Math.exp(index * this.#logGamma + this.#logRepresentativeFactor);
  }

  /** Whether `index` is one this mapping can produce. */
  isValidIndex(index: number): boolean {
    return index === ZERO_BUCKET_INDEX || (Number.isInteger(index) && index >= this.minIndex && index <= this.maxIndex);
  }

  equals(other: SketchMapping): boolean {
    return this.relativeAccuracy === other.relativeAccuracy && this.minIndexableValue === other.minIndexableValue;
  }
}

/** The mapping used across Caliper: alpha = 1%, zero bucket below 1 ns. */
export const DEFAULT_SKETCH_MAPPING = new SketchMapping();

/** Bucket index of a duration under the default mapping (see SketchMapping.bucketIndex). */
export function bucketIndex(value: number): number {
  return DEFAULT_SKETCH_MAPPING.bucketIndex(value);
}

/** Representative value of a bucket under the default mapping (see SketchMapping.bucketValue). */
export function bucketValue(index: number): number {
  return DEFAULT_SKETCH_MAPPING.bucketValue(index);
}

function checkCount(count: number): void {
  if (!(Number.isSafeInteger(count) && count > 0))
    throw new RangeError(`count must be a positive integer, got ${count}`);
}

/** A mergeable quantile sketch: integer counts per bucket index. Mutating methods return `this`. */
export class Sketch {
  readonly mapping: SketchMapping;
  readonly #counts = new Map<number, number>();
  #total = 0;
  /** Bucket indices in ascending order; null when the set of buckets changed since last computed. */
  #sortedIndices: number[] | null = [];

  constructor(mapping: SketchMapping = DEFAULT_SKETCH_MAPPING) {
    this.mapping = mapping;
  }

  /** A sketch of the given values. */
  static of(values: Iterable<number>, mapping: SketchMapping = DEFAULT_SKETCH_MAPPING): Sketch {
    const sketch = new Sketch(mapping);
    for (const v of values) sketch.add(v);
    return sketch;
  }

  /**
   * A sketch from stored [bucket index, count] pairs. Repeated indices add up (so raw rows and
   * `SUM ... GROUP BY` rows give the same sketch); zero counts are skipped; negative or fractional counts
   * and indices the mapping cannot produce throw a RangeError.
   */
  static fromBuckets(pairs: Iterable<BucketPair>, mapping: SketchMapping = DEFAULT_SKETCH_MAPPING): Sketch {
    const sketch = new Sketch(mapping);
    for (const [index, count] of pairs) {
      if (count === 0) continue;
      sketch.addToBucket(index, count);
    }
    return sketch;
  }

  /** Number of values in the sketch. */
  get count(): number {
    return this.#total;
  }

  /** Number of non-empty buckets. */
  get bucketCount(): number {
    return this.#counts.size;
  }

  /** Adds `count` occurrences of a value. */
  add(value: number, count = 1): this {
    return this.addToBucket(this.mapping.bucketIndex(value), count);
  }

  /**
   * Removes `count` occurrences of a value previously added (its bucket's count goes down; empty buckets
   * disappear, so add-then-remove restores the buckets exactly). Throws a RangeError, leaving the sketch
   * unchanged, when the value's bucket holds fewer than `count`.
   */
  remove(value: number, count = 1): this {
    return this.removeFromBucket(this.mapping.bucketIndex(value), count);
  }

  /** Adds `count` to a bucket by index (for rows read from storage). */
  addToBucket(index: number, count = 1): this {
    checkCount(count);
    if (!this.mapping.isValidIndex(index)) throw new RangeError(`invalid bucket index ${index}`);
    const previous = this.#counts.get(index);
    if (previous === undefined) this.#sortedIndices = null;
    this.#counts.set(index, (previous ?? 0) + count);
    this.#total += count;
    return this;
  }

  /** Subtracts `count` from a bucket by index; see `remove`. */
  removeFromBucket(index: number, count = 1): this {
    checkCount(count);
    const previous = this.#counts.get(index) ?? 0;
    if (previous < count) {
      throw new RangeError(`cannot remove ${count} from bucket ${index}, which holds ${previous}`);
    }
    if (previous === count) {
      this.#counts.delete(index);
      this.#sortedIndices = null;
    } else {
      this.#counts.set(index, previous - count);
    }
    this.#total -= count;
    return this;
  }

  /** Adds every count of `other` (same mapping required). */
  merge(other: Sketch): this {
    this.#checkMapping(other);
    for (const [index, count] of other.toBuckets()) this.addToBucket(index, count);
    return this;
  }

  /** Subtracts every count of `other`, which must be contained in this sketch (same mapping required). */
  subtract(other: Sketch): this {
    this.#checkMapping(other);
    const pairs = other.toBuckets();
    for (const [index, count] of pairs) {
      const held = this.#counts.get(index) ?? 0;
      if (held < count) throw new RangeError(`cannot remove ${count} from bucket ${index}, which holds ${held}`);
    }
    for (const [index, count] of pairs) this.removeFromBucket(index, count);
    return this;
  }

  clone(): Sketch {
    return Sketch.fromBuckets(this.toBuckets(), this.mapping);
  }

  /** The non-empty buckets as [index, count] pairs, ascending by index (the zero bucket first). */
  toBuckets(): Array<[number, number]> {
    return this.#indices().map((index) => [index, this.#counts.get(index)!]);
  }

  /**
   * Approximate PostgreSQL percentile_cont(p): within alpha (relative) of the exact value over the same
   * values (see the module comment). Null for an empty sketch; RangeError when p is outside [0, 1].
   */
  quantileCont(p: number): number | null {
    return this.quantilesCont([p])[0] ?? null;
  }

  /** quantileCont for several fractions at once (one pass over the sorted buckets per fraction). */
  quantilesCont(ps: readonly number[]): Array<number | null> {
    for (const p of ps) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
    }
    if (this.#total === 0) return ps.map(() => null);
    const indices = this.#indices();
    return ps.map((p) => {
      const rank = p * (this.#total - 1);
      const lowerRank = Math.floor(rank);
      const upperRank = Math.ceil(rank);
      const lower = this.#valueAtRank(indices, lowerRank);
      if (upperRank === lowerRank) return lower;
      const upper = this.#valueAtRank(indices, upperRank);
      return lower + (upper - lower) * (rank - lowerRank);
    });
  }

  /** Representative value of the bucket holding the value of 0-based rank `rank` in sorted order. */
  #valueAtRank(indices: readonly number[], rank: number): number {
    let cumulative = 0;
    for (const index of indices) {
      cumulative += this.#counts.get(index)!;
      if (cumulative > rank) return this.mapping.bucketValue(index);
    }
    // Unreachable for 0 <= rank < count; the last bucket is the safe answer.
    return this.mapping.bucketValue(indices[indices.length - 1]!);
  }

  #indices(): number[] {
    if (this.#sortedIndices === null) this.#sortedIndices = [...this.#counts.keys()].sort((a, b) => a - b);
    return this.#sortedIndices;
  }

  #checkMapping(other: Sketch): void {
    if (!this.mapping.equals(other.mapping)) throw new RangeError("cannot combine sketches with different mappings");
  }
}
