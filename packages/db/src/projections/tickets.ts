import type { CaliperEvent } from "@caliper/domain";
import {
  projectTicket,
  type TicketFacts,
  ticketContribution,
  ticketDurations,
  ticketFacts,
  DURATION_METRICS,
} from "@caliper/metrics";
import { type ClockInstance, ticketClocks, ticketMessageFlags } from "@caliper/policy";
import type { Selectable, Transaction } from "kysely";
import type { Database, RollupKeyColumns, TicketsTable } from "../schema.ts";
import { type ClockAttribution, clockToRow, finishedStatus, rowToClock } from "./clock-rows.ts";
import type { ProjectionContext } from "./projector.ts";
import type { RollupDelta } from "./rollup-delta.ts";
import { flagToRow } from "./flag-rows.ts";
import { deleteClocks, deleteFlags, selectClocks, upsertRows } from "./select-subjects.ts";
import { rowToFacts, ticketToRow } from "./ticket-rows.ts";

export const rollupKeyOf = (f: TicketFacts): RollupKeyColumns => ({
  brand: f.brand,
  day: f.createdDay,
  agent: f.agent ?? "",
  category: f.category,
  channel: f.channel,
});

const attributionOf = (f: TicketFacts): ClockAttribution => ({
  periodAt: f.createdAt,
  periodDay: f.createdDay,
  agent: f.agent ?? "",
  category: f.category,
  channel: f.channel,
});

/** Adds (or with sign -1 removes) what one ticket and its clocks contribute to the rollups. */
function contribute(delta: RollupDelta, f: TicketFacts, clocks: readonly ClockInstance[], sign: 1 | -1): void {
  const key = rollupKeyOf(f);
  delta.addCounts(key, ticketContribution(f), sign);
  const d = ticketDurations(f);
  for (const m of DURATION_METRICS) {
    const v = d[m];
    if (v !== null) delta.addDuration(key, m, v, sign);
  }
  for (const c of clocks) {
    const status = finishedStatus(c);
    if (status) delta.addClock(key, c.clock, status, sign);
  }
}

/**
 * Recomputes tickets (state, facts, clocks) from their complete event sets, writes them, and
 * records the change of their rollup contributions in `delta`.
 */
export async function projectTickets(
  trx: Transaction<Database>,
  ctx: ProjectionContext,
  tickets: ReadonlyMap<string, readonly CaliperEvent[]>,
  oldRows: ReadonlyMap<string, Selectable<TicketsTable>>,
  delta: RollupDelta,
): Promise<void> {
  if (tickets.size === 0) return;
  const keys = [...tickets.keys()];
  // Only tickets that existed can have clock rows (and contributions) to take back.
  const oldClocks = await selectClocks(
    trx,
    "ticket",
    keys.filter((k) => oldRows.has(k)),
  );
  const rows = [];
  const clockRows = [];
  const flagRows = [];
  for (const [key, events] of tickets) {
    const old = oldRows.get(key);
    const oldFacts = old ? rowToFacts(old) : null;
    if (oldFacts) contribute(delta, oldFacts, (oldClocks.get(key) ?? []).map(rowToClock), -1);

    const state = projectTicket(events);
    if (!state) continue;
    const policy = ctx.policies.get(state.brand);
    const cal = ctx.policies.calendar(state.brand);
    const flags = ticketMessageFlags(events, policy);
    for (const f of flags) flagRows.push(flagToRow(state.brand, f));
    const facts = ticketFacts(state, cal, flags.length);
    const clocks = facts ? ticketClocks(events, policy, cal) : [];
    if (facts) {
      contribute(delta, facts, clocks, 1);
      const a = attributionOf(facts);
      for (const c of clocks) clockRows.push(clockToRow(c, a));
    }
    rows.push(ticketToRow(state, facts, flags.length));
  }
  await upsertRows(trx, "tickets", ["brand", "ticket_id"], rows);
  const existing = keys.filter((k) => oldRows.has(k));
  await deleteClocks(trx, "ticket", existing);
  for (let i = 0; i < clockRows.length; i += 100)
    await trx
      .insertInto("clocks")
      .values(clockRows.slice(i, i + 100))
      .execute();
  await deleteFlags(trx, existing);
  for (let i = 0; i < flagRows.length; i += 100)
    await trx
      .insertInto("flags")
      .values(flagRows.slice(i, i + 100))
      .execute();
}
