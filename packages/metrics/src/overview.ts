import { CLOCK_NAMES, type ClockName, type ClockStatus, type ClockStatusAt } from "@caliper/policy";
import { BucketTally } from "./bucket-tally.ts";
import { type BucketPair, Sketch } from "./ddsketch.ts";
import { percentileCont, sortedAscending } from "./percentile.ts";
import {
  addCounts,
  DURATION_METRICS,
  type DurationMetric,
  type RollupCounts,
  ticketContribution,
  ticketDurations,
  zeroCounts,
} from "./rollup-counts.ts";
import type { TicketFacts } from "./ticket-facts.ts";
import { wilsonInterval } from "./wilson.ts";

export interface SlaCounts {
  met: number;
  late: number;
  breached: number;
  running: number;
  atRisk: number;
  /** breached / (met + late + breached); null when none has finished. */
  breachRate: number | null;
}

export interface QaSummary {
  reviews: number;
  averageScore: number | null;
  passRate: number | null;
  criticalFails: number;
  flags: number;
}

/** GET /v1/metrics/overview (DESIGN.md §5). Durations in seconds; null where there is no data. */
export interface Overview {
  tickets: { created: number; solved: number; open: number };
  firstResponse: {
    count: number;
    awaiting: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    meanSeconds: number | null;
    businessMedianSeconds: number | null;
    businessP90Seconds: number | null;
    businessMeanSeconds: number | null;
  };
  resolution: {
    solved: number;
    rate: number | null;
    medianSeconds: number | null;
    p90Seconds: number | null;
    fcrRate: number | null;
    reopenRate: number | null;
  };
  csat: {
    responses: number;
    satisfied: number;
    score: number | null;
    ci95: [number, number] | null;
    meanRating: number | null;
  };
  sla: Record<ClockName, SlaCounts>;
  qa: QaSummary;
  /** Which figures are exact and which come from sketches (percentiles within 1% relative). */
  precision: "exact" | "sketch";
}

export type SlaTally = Record<ClockName, Record<"met" | "late" | "breached" | "running" | "atRisk", number>>;

export const emptySlaTally = (): SlaTally =>
  Object.fromEntries(CLOCK_NAMES.map((c) => [c, { met: 0, late: 0, breached: 0, running: 0, atRisk: 0 }])) as SlaTally;

/** Durations as exact values or as mergeable sketches. */
interface Distribution {
  add(v: number): void;
  /** Takes out a value added before (sketches only: a rollup corrected for a ticket that changed). */
  remove(v: number): void;
  addBuckets(pairs: Iterable<BucketPair>): void;
  /** Stored pairs given flat, [index, count, index, count, …], as a stored sketch decodes. */
  addFlatBuckets(flat: readonly number[]): void;
  quantile(p: number): number | null;
}

class ExactDistribution implements Distribution {
  private values: number[] = [];
  private sorted: number[] | null = null;
  add(v: number) {
    this.values.push(v);
    this.sorted = null;
  }
  addBuckets(): void {
    throw new Error("an exact distribution cannot take sketch buckets");
  }
  addFlatBuckets(): void {
    this.addBuckets();
  }
  remove(): void {
    throw new Error("an exact distribution holds only what was added");
  }
  quantile(p: number) {
    this.sorted ??= sortedAscending(this.values);
    return percentileCont(this.sorted, p);
  }
}

class SketchDistribution implements Distribution {
  private sketch = new Sketch();
  /** Stored buckets summed here first, and moved into the sketch when it is next needed. */
  private tally: BucketTally | null = null;
  add(v: number) {
    this.sketch.add(v);
  }
  remove(v: number) {
    this.settle();
    this.sketch.remove(v);
  }
  addBuckets(pairs: Iterable<BucketPair>) {
    for (const [i, n] of pairs) if (n > 0) this.sketch.addToBucket(i, n);
  }
  addFlatBuckets(flat: readonly number[]) {
    this.tally ??= new BucketTally(this.sketch.mapping);
    this.tally.addFlat(flat);
  }
  quantile(p: number) {
    this.settle();
    return this.sketch.quantileCont(p);
  }
  private settle(): void {
    if (this.tally === null) return;
    this.addBuckets(this.tally.pairs());
    this.tally = null;
  }
}

/** Durations not counted: a read that shows no percentile (its quantiles are null). */
class NoDistribution implements Distribution {
  add(): void {}
  remove(): void {}
  addBuckets(): void {}
  addFlatBuckets(): void {}
  quantile(): null {
    return null;
  }
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/**
 * What an accumulator counts besides the ticket counts and sums. A read that shows no SLA figure
 * leaves out `clocks` (its SLA tallies stay zero), one that shows no percentile leaves out
 * `durations` (its medians and p90s are null; means come from the sums and stay), and the
 * collectors then skip reading them.
 */
export interface AccumulatedParts {
  readonly clocks: boolean;
  readonly durations: boolean;
}

export const ALL_PARTS: AccumulatedParts = { clocks: true, durations: true };

/**
 * Accumulates tickets (or rollup rows) and clock states into an Overview. In "exact" mode
 * percentiles are percentile_cont over every value; in "sketch" mode they come from DDSketch
 * buckets (within 1% relative). Counts, sums, rates and means are exact in both.
 */
export class OverviewAccumulator {
  readonly counts: RollupCounts = zeroCounts();
  readonly sla: SlaTally = emptySlaTally();
  private readonly dists: Record<DurationMetric, Distribution>;

  constructor(
    readonly precision: "exact" | "sketch",
    readonly parts: AccumulatedParts = ALL_PARTS,
  ) {
    const make = () =>
      !parts.durations
        ? new NoDistribution()
        : precision === "exact"
          ? new ExactDistribution()
          : new SketchDistribution();
    this.dists = { frt: make(), frt_business: make(), resolution: make() };
  }

  addTicket(f: TicketFacts): this {
    addCounts(this.counts, ticketContribution(f));
    const d = ticketDurations(f);
    for (const m of DURATION_METRICS) {
      const v = d[m];
      if (v !== null) this.dists[m].add(v);
    }
    return this;
  }

  /**
   * Takes out what `addTicket(f)` (or the rollups holding the same ticket) added, in "sketch" mode:
   * for a read of whole days from rollups that replaces a ticket's current state with its state at asOf.
   */
  removeTicket(f: TicketFacts): this {
    if (this.precision === "exact") throw new Error("an exact accumulator holds only what was added");
    addCounts(this.counts, ticketContribution(f), -1);
    const d = ticketDurations(f);
    for (const m of DURATION_METRICS) {
      const v = d[m];
      if (v !== null) this.dists[m].remove(v);
    }
    return this;
  }

  /**
   * True when nothing is left in it: no ticket, no clock (a group emptied by `removeTicket` and
   * negative clock counts). Every count but the sums comes with a ticket, and sums taken out may
   * leave rounding, so no ticket is tested by `created`.
   */
  isEmpty(): boolean {
    if (this.counts.created !== 0) return false;
    return CLOCK_NAMES.every((c) => Object.values(this.sla[c]).every((n) => n === 0));
  }

  /** Adds a rollup row's counts. */
  addCounts(c: RollupCounts): this {
    addCounts(this.counts, c);
    return this;
  }

  /** Adds merged sketch buckets of one duration metric. */
  addBuckets(metric: DurationMetric, pairs: Iterable<BucketPair>): this {
    this.dists[metric].addBuckets(pairs);
    return this;
  }

  /**
   * `addBuckets` with the pairs flat, [index, count, index, count, …], as a stored sketch
   * decodes: for reads that merge many stored sketches (summed in a `BucketTally` first).
   */
  addFlatBuckets(metric: DurationMetric, flat: readonly number[]): this {
    this.dists[metric].addFlatBuckets(flat);
    return this;
  }

  addClock(clock: ClockName, state: ClockStatusAt): this {
    if (!this.parts.clocks) return this;
    this.sla[clock][state.status]++;
    if (state.atRisk) this.sla[clock].atRisk++;
    return this;
  }

  /** Adds counts of clocks still open at asOf (running, or past their limit: breached). */
  addOpenClockCounts(clock: ClockName, n: { running: number; breached: number; atRisk: number }): this {
    if (!this.parts.clocks) return this;
    this.sla[clock].running += n.running;
    this.sla[clock].breached += n.breached;
    this.sla[clock].atRisk += n.atRisk;
    return this;
  }

  /** Adds finished-clock counts from a rollup. */
  addClockCounts(clock: ClockName, status: Exclude<ClockStatus, "running">, n: number): this {
    if (!this.parts.clocks) return this;
    this.sla[clock][status] += n;
    return this;
  }

  /** The overview; review figures come from the caller (reviews are not part of ticket rollups). */
  finalize(
    reviews: Omit<QaSummary, "flags"> = { reviews: 0, averageScore: null, passRate: null, criticalFails: 0 },
  ): Overview {
    const c = this.counts;
    const frt = this.dists.frt;
    const biz = this.dists.frt_business;
    const res = this.dists.resolution;
    const sla = Object.fromEntries(
      CLOCK_NAMES.map((name) => {
        const t = this.sla[name];
        return [name, { ...t, breachRate: ratio(t.breached, t.met + t.late + t.breached) }];
      }),
    ) as Record<ClockName, SlaCounts>;
    return {
      tickets: { created: c.created, solved: c.solved, open: c.created - c.solved },
      firstResponse: {
        count: c.frtCount,
        awaiting: c.awaiting,
        medianSeconds: frt.quantile(0.5),
        p90Seconds: frt.quantile(0.9),
        meanSeconds: ratio(c.frtSum, c.frtCount),
        businessMedianSeconds: biz.quantile(0.5),
        businessP90Seconds: biz.quantile(0.9),
        businessMeanSeconds: ratio(c.frtBusinessSum, c.frtCount),
      },
      resolution: {
        solved: c.solved,
        rate: ratio(c.solved, c.created),
        medianSeconds: res.quantile(0.5),
        p90Seconds: res.quantile(0.9),
        fcrRate: ratio(c.fcr, c.solved),
        reopenRate: ratio(c.reopened, c.solved),
      },
      csat: {
        responses: c.csatResponses,
        satisfied: c.csatSatisfied,
        score: ratio(c.csatSatisfied, c.csatResponses),
        ci95: wilsonInterval(c.csatSatisfied, c.csatResponses),
        meanRating: ratio(c.csatRatingSum, c.csatResponses),
      },
      sla,
      qa: { ...reviews, flags: c.flags },
      precision: this.precision,
    };
  }
}
