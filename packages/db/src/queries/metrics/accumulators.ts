import { OverviewAccumulator } from "@caliper/metrics";

/** One accumulator per group key, created on first use, all in one precision. */
export class Accumulators {
  readonly groups = new Map<string, OverviewAccumulator>();
  constructor(readonly precision: "exact" | "sketch") {}
  get(key: string): OverviewAccumulator {
    let acc = this.groups.get(key);
    if (!acc) {
      acc = new OverviewAccumulator(this.precision);
      this.groups.set(key, acc);
    }
    return acc;
  }
  /** Forgets the groups left with nothing in them (an agent whose tickets were all someone else's at asOf). */
  dropEmpty(): void {
    for (const [key, acc] of this.groups) if (acc.isEmpty()) this.groups.delete(key);
  }
}
