import type { CaliperEvent } from "@caliper/domain";
import { writeRows } from "../bulk-write.ts";
import {
  projectTicket,
  type TicketFacts,
  ticketContribution,
  ticketDurations,
  ticketFacts,
  DURATION_METRICS,
} from "@caliper/metrics";
import { type ClockInstance, ticketClocks, ticketMessageFlags } from "@caliper/policy";
import type { Insertable, Selectable, Transaction } from "kysely";
import type { ClocksTable, Database, FlagsTable, RollupKeyColumns, TicketsTable } from "../schema.ts";
import { type ClockAttribution, clockToRow, finishedStatus, rowToClock } from "./clock-rows.ts";
import type { ProjectionContext } from "./projector.ts";
import type { RollupDelta } from "./rollup-delta.ts";
import { flagToRow } from "./flag-rows.ts";
import { writeClockChanges } from "./clock-changes.ts";
import { deleteFlags, selectClocks } from "./select-subjects.ts";
import { type RowChange, writeNarrowed } from "./narrow-upsert.ts";
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
export function contribute(delta: RollupDelta, f: TicketFacts, clocks: readonly ClockInstance[], sign: 1 | -1): void {
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

const TICKET_KEY = ["brand", "ticket_id"];
/** Indexed ticket columns a new event rarely changes (last_event_at, also indexed, always does). */
const STEADY_TICKET_COLUMNS = ["created_at", "agent", "rating", "rating_at"];

/** What one ticket's complete event set projects to. */
export interface TicketProjection {
  readonly row: Insertable<TicketsTable>;
  /** Null for a ticket without ticket.created: it has a row but no clocks and no rollup share. */
  readonly facts: TicketFacts | null;
  readonly clocks: readonly ClockInstance[];
  readonly clockRows: readonly Insertable<ClocksTable>[];
  readonly flagRows: readonly Insertable<FlagsTable>[];
}

/** Projects one ticket (state, facts, message flags, clocks); null when its events make no ticket. */
export function computeTicket(ctx: ProjectionContext, events: readonly CaliperEvent[]): TicketProjection | null {
  const state = projectTicket(events);
  if (!state) return null;
  const policy = ctx.policies.get(state.brand);
  const cal = ctx.policies.calendar(state.brand);
  const flags = ticketMessageFlags(events, policy);
  const facts = ticketFacts(state, cal, flags.length);
  const clocks = facts ? ticketClocks(events, policy, cal) : [];
  const a = facts ? attributionOf(facts) : null;
  return {
    row: ticketToRow(state, facts, flags.length),
    facts,
    clocks,
    clockRows: a ? clocks.map((c) => clockToRow(c, a)) : [],
    flagRows: flags.map((f) => flagToRow(state.brand, f)),
  };
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
    ctx.backend,
    "ticket",
    keys.filter((k) => oldRows.has(k)),
  );
  const rows: RowChange<Insertable<TicketsTable>>[] = [];
  const clockRows: Insertable<ClocksTable>[] = [];
  const flagRows: Insertable<FlagsTable>[] = [];
  for (const [key, events] of tickets) {
    const old = oldRows.get(key);
    const oldFacts = old ? rowToFacts(old) : null;
    if (oldFacts) contribute(delta, oldFacts, (oldClocks.get(key) ?? []).map(rowToClock), -1);
    const p = computeTicket(ctx, events);
    if (!p) continue;
    if (p.facts) contribute(delta, p.facts, p.clocks, 1);
    rows.push({ row: p.row, stored: old });
    clockRows.push(...p.clockRows);
    flagRows.push(...p.flagRows);
  }
  await writeNarrowed(trx, ctx.backend, "tickets", rows, TICKET_KEY, STEADY_TICKET_COLUMNS);
  await writeClockChanges(trx, ctx.backend, [...oldClocks.values()].flat(), clockRows);
  // A ticket row counts its flag rows (both written here, in one transaction): only tickets
  // that had flags have rows to take back.
  await deleteFlags(
    trx,
    ctx.backend,
    keys.filter((k) => (oldRows.get(k)?.flags ?? 0) > 0),
  );
  await writeRows(trx, ctx.backend, "flags", flagRows);
}
