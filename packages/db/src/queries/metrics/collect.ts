import { setImmediate as nextTurn } from "node:timers/promises";
import type { AccumulatedParts, MetricQuery } from "@caliper/metrics";
import type { CaliperDb } from "../../database.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { Accumulators } from "./accumulators.ts";
import { correctChangedAfter } from "./collect-changed.ts";
import { collectExact } from "./collect-exact.ts";
import { collectRollup } from "./collect-rollup.ts";
import { markedSpansOnce, spanTicketCount } from "./collect-spans.ts";
import type { GroupBy } from "./grouping.ts";
import { splitPeriod } from "./period.ts";
import { timeSlices } from "../../time-slices.ts";

/**
 * "exact": every value (percentile_cont); "sketch": rollups and DDSketch percentiles (within 1%
 * relative); "auto": exact for small periods (at most EXACT_LIMIT tickets), sketch otherwise.
 */
export type Precision = "auto" | "exact" | "sketch";

/** Periods with at most this many tickets are answered exactly even when sketches are allowed. */
export const EXACT_LIMIT = 5000;

/** What a read counts besides ticket counts and sums (default: everything; see AccumulatedParts). */
export type CollectOptions = Partial<AccumulatedParts>;

/**
 * Collects a metric read into accumulators grouped by `by`. Rollups answer whole local days,
 * corrected for the tickets and orders that changed after asOf (their state then, replayed from
 * events, instead of their current one); partial days at the edges come from ticket rows and events.
 */
export async function collect(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  q: MetricQuery,
  by: GroupBy,
  precision: Precision,
  options: CollectOptions = {},
): Promise<Accumulators> {
  const parts: AccumulatedParts = { clocks: options.clocks ?? true, durations: options.durations ?? true };
  const cal = ctx.policies.calendar(q.brand);
  const split = splitPeriod(cal, q.from, q.to);
  // The whole days, with their weeks and months waiting for their refresh (read once for both
  // span reads below), or null: no whole day.
  const whole = split.days ? { days: split.days, marked: markedSpansOnce(cdb, q.brand, split.days) } : null;
  // The brand's tickets in the whole days (from the span rollups: a few rows): what decides
  // `auto`, and how many parts an exact read is made of.
  const tickets = whole && precision !== "sketch" ? await spanTicketCount(cdb, q, whole.days, whole.marked) : 0;
  if (precision === "exact" || !whole || (precision === "auto" && tickets <= EXACT_LIMIT)) {
    // SQLite reads are synchronous, and `precision=exact` over months reads every ticket of them
    // (seconds on a big store): such a read is made of parts of about EXACT_LIMIT tickets, with a
    // turn of the event loop between them. Parts read later stay as they were at asOf: tickets
    // changed since are replayed up to asOf.
    const accs = new Accumulators("exact", parts);
    const windows = timeSlices(q.from, q.to, Math.ceil(tickets / EXACT_LIMIT));
    for (const [i, window] of windows.entries()) {
      if (i > 0) await nextTurn();
      await collectExact(cdb, ctx, q, by, accs, window);
    }
    return accs;
  }
  const accs = new Accumulators("sketch", parts);
  await collectRollup(cdb, q, by, accs, whole.days, whole.marked);
  await correctChangedAfter(cdb, ctx, q, by, accs, whole.days);
  for (const edge of split.edges) await collectExact(cdb, ctx, q, by, accs, edge);
  return accs;
}
