import { ALL_PARTS, type AccumulatedParts, OverviewAccumulator } from "@caliper/metrics";

/**
 * One accumulator per group key, created on first use, all in one precision and counting the
 * same parts: a read that shows no SLA figure or no percentile leaves `clocks` or `durations`
 * out, and the collectors skip reading them (running clocks are thousands of lookups, sketch
 * buckets thousands of pairs to merge).
 */
export class Accumulators {
  readonly groups = new Map<string, OverviewAccumulator>();
  constructor(
    readonly precision: "exact" | "sketch",
    readonly parts: AccumulatedParts = ALL_PARTS,
  ) {}
  get clocks(): boolean {
    return this.parts.clocks;
  }
  get durations(): boolean {
    return this.parts.durations;
  }
  get(key: string): OverviewAccumulator {
    let acc = this.groups.get(key);
    if (!acc) {
      acc = new OverviewAccumulator(this.precision, this.parts);
      this.groups.set(key, acc);
    }
    return acc;
  }
  /** Forgets the groups left with nothing in them (an agent whose tickets were all someone else's at asOf). */
  dropEmpty(): void {
    for (const [key, acc] of this.groups) if (acc.isEmpty()) this.groups.delete(key);
  }
}
