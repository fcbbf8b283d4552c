import { DEFAULT_SKETCH_MAPPING, type SketchMapping, ZERO_BUCKET_INDEX } from "./ddsketch.ts";

/** Slots added on each side when the window grows, so a run of new indices does not grow it each time. */
const GROWTH = 64;

/**
 * Bucket counts summed before they become a Sketch: a read merges the stored sketches of many
 * rows (a 90-day agents table whose weeks and months wait for their refresh: ~1,000 rows of ~30
 * buckets), and adding each pair to a Sketch is a map lookup and update. Here a pair is an add to
 * a window of a Float64Array over the indices seen (durations fall in a few hundred consecutive
 * buckets), grown as needed, with the zero bucket apart. Pairs are checked as `Sketch.addToBucket`
 * checks them; counts of zero or less are skipped, as stored rows never hold them.
 */
export class BucketTally {
  readonly mapping: SketchMapping;
  /** The bucket index of `#counts[0]`. */
  #low = 0;
  #counts = new Float64Array(0);
  #zero = 0;

  constructor(mapping: SketchMapping = DEFAULT_SKETCH_MAPPING) {
    this.mapping = mapping;
  }

  /** Adds stored pairs given flat: [index, count, index, count, …]. */
  addFlat(flat: readonly number[]): this {
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const index = flat[i] as number;
      const count = flat[i + 1] as number;
      if (!(count > 0)) continue;
      if (!Number.isSafeInteger(count)) throw new RangeError(`count must be a positive integer, got ${count}`);
      if (!this.mapping.isValidIndex(index)) throw new RangeError(`invalid bucket index ${index}`);
      if (index === ZERO_BUCKET_INDEX) {
        this.#zero += count;
        continue;
      }
      let slot = index - this.#low;
      if (slot < 0 || slot >= this.#counts.length) slot = this.#grow(index);
      (this.#counts as Float64Array)[slot] = (this.#counts[slot] as number) + count;
    }
    return this;
  }

  /** The non-empty buckets as [index, count] pairs, ascending by index (the zero bucket first). */
  pairs(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (this.#zero > 0) out.push([ZERO_BUCKET_INDEX, this.#zero]);
    const counts = this.#counts;
    for (let slot = 0; slot < counts.length; slot++) {
      const n = counts[slot] as number;
      if (n > 0) out.push([this.#low + slot, n]);
    }
    return out;
  }

  /** Widens the window to hold `index` and returns its slot. */
  #grow(index: number): number {
    const old = this.#counts;
    const low = old.length === 0 ? index - GROWTH : Math.min(this.#low, index - GROWTH);
    const high = old.length === 0 ? index + GROWTH : Math.max(this.#low + old.length - 1, index + GROWTH);
    const counts = new Float64Array(high - low + 1);
    if (old.length > 0) counts.set(old, this.#low - low);
    this.#counts = counts;
    this.#low = low;
    return index - low;
  }
}
