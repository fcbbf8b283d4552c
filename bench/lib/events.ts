import { appendEvents, type CaliperDb, type ProjectionContext } from "@caliper/db";
import { type CaliperEvent, compareEvents } from "@caliper/domain";
import { generateDemo } from "../../apps/api/src/demo/index.ts";

/**
 * The first `count` events of a demo history (tickets, customer and agent messages with
 * bodies, bot acknowledgements, notes, assignments, statuses, feedback, orders, returns,
 * refunds), in time order as a helpdesk would send them (the generator yields whole tickets;
 * sorted, a ticket's events are spread among other tickets' and arrive over hours or days).
 * A seed other than the store's gives new ticket ids.
 */
export function demoEvents(count: number, o: { seed: number; end: string; days: number }): CaliperEvent[] {
  return firstEvents(count, o).sort(compareEvents);
}

function firstEvents(count: number, o: { seed: number; end: string; days: number }): CaliperEvent[] {
  const out: CaliperEvent[] = [];
  // ~9.6 events per ticket; ask for more tickets than needed and stop at `count`.
  const tickets = Math.ceil(count / 6) + 100;
  for (const batch of generateDemo({ tickets, days: o.days, seed: o.seed, end: o.end })) {
    for (const e of batch) {
      out.push(e);
      if (out.length >= count) return out;
    }
  }
  return out;
}

export const countTypes = (events: readonly CaliperEvent[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
};

/**
 * Stores the first `count` events of a 30-day demo history (seed 1) through `appendEvents`, in
 * batches of 500: the store the pages benchmark's children write their measured groups onto.
 */
export async function appendDemoHistory(cdb: CaliperDb, ctx: ProjectionContext, count: number): Promise<void> {
  const history = demoEvents(count, { seed: 1, end: "2026-11-30T00:00:00Z", days: 30 });
  for (let i = 0; i < history.length; i += 500) await appendEvents(cdb, ctx, history.slice(i, i + 500));
}
