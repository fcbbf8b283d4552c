import type { ClockName, ClockStatus, ClockStatusAt } from "@caliper/policy";
import { OverviewAccumulator } from "@caliper/metrics";

/** An accumulator that counts no SLA clocks: what a read that shows no SLA figure accumulates. */
class ClocklessAccumulator extends OverviewAccumulator {
  override addClock(_clock: ClockName, _state: ClockStatusAt): this {
    return this;
  }
  override addOpenClockCounts(_clock: ClockName, _n: { running: number; breached: number; atRisk: number }): this {
    return this;
  }
  override addClockCounts(_clock: ClockName, _status: Exclude<ClockStatus, "running">, _n: number): this {
    return this;
  }
}

/**
 * One accumulator per group key, created on first use, all in one precision. With `clocks`
 * false the read counts no SLA clocks — its SLA tallies stay zero — and the collectors skip
 * reading clocks at all (a timeseries of tickets or response times, the scorecard's trend).
 */
export class Accumulators {
  readonly groups = new Map<string, OverviewAccumulator>();
  constructor(
    readonly precision: "exact" | "sketch",
    readonly clocks = true,
  ) {}
  get(key: string): OverviewAccumulator {
    let acc = this.groups.get(key);
    if (!acc) {
      acc = this.clocks ? new OverviewAccumulator(this.precision) : new ClocklessAccumulator(this.precision);
      this.groups.set(key, acc);
    }
    return acc;
  }
  /** Forgets the groups left with nothing in them (an agent whose tickets were all someone else's at asOf). */
  dropEmpty(): void {
    for (const [key, acc] of this.groups) if (acc.isEmpty()) this.groups.delete(key);
  }
}
