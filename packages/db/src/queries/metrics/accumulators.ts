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
}
