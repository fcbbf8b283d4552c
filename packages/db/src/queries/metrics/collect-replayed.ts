import { setImmediate as nextTurn } from "node:timers/promises";
import { type MetricQuery, projectTicket, ticketFacts } from "@caliper/metrics";
import { clockStatusAt, orderClocks, ticketClocks, ticketMessageFlags } from "@caliper/policy";
import type { CaliperDb } from "../../database.ts";
import type { ProjectionContext } from "../../projections/projector.ts";
import { loadSubjectEvents } from "../../subjects.ts";
import type { Accumulators } from "./accumulators.ts";
import { type GroupBy, groupKey } from "./grouping.ts";

/** Subjects replayed at a time: their events are all in memory at once. */
const REPLAY_CHUNK = 500;

/**
 * The events of each subject, loaded REPLAY_CHUNK subjects at a time, so memory stays bounded
 * however many there are. Between chunks the event loop takes a turn: other requests and health
 * checks are answered while a read replays thousands of subjects.
 */
async function* subjectsEvents(cdb: CaliperDb, kind: "ticket" | "order", keys: readonly string[]) {
  for (let i = 0; i < keys.length; i += REPLAY_CHUNK) {
    if (i > 0) await nextTurn();
    const events = await loadSubjectEvents(cdb.db, cdb.backend, kind, keys.slice(i, i + REPLAY_CHUNK));
    yield* events.values();
  }
}

/** Where replayed subjects go: a metric read, its grouping and accumulators, and the window of creation (placement) it covers. */
export interface ReplayTarget {
  readonly cdb: CaliperDb;
  readonly ctx: ProjectionContext;
  readonly q: MetricQuery;
  readonly by: GroupBy;
  readonly accs: Accumulators;
  readonly window: { from: string; to: string };
}

/**
 * Adds tickets (subject keys) as they stood at asOf, replayed from their events up to asOf: those
 * created in the window and, when the query names an agent, assigned to that agent at asOf.
 */
export async function addTicketsAtAsOf(
  { cdb, ctx, q, by, accs, window }: ReplayTarget,
  keys: readonly string[],
): Promise<void> {
  const policy = ctx.policies.get(q.brand);
  const cal = ctx.policies.calendar(q.brand);
  for await (const evs of subjectsEvents(cdb, "ticket", keys)) {
    const upTo = evs.filter((e) => e.at <= q.asOf);
    const state = projectTicket(upTo);
    const f = state ? ticketFacts(state, cal, ticketMessageFlags(upTo, policy).length) : null;
    if (!f || f.createdAt < window.from || f.createdAt >= window.to) continue;
    if (q.agent !== undefined && f.agent !== q.agent) continue;
    const acc = accs.get(groupKey(by, f.createdDay, f.agent));
    acc.addTicket(f);
    for (const c of ticketClocks(upTo, policy, cal))
      if (c.startedAt <= q.asOf) acc.addClock(c.clock, clockStatusAt(c, q.asOf));
  }
}

/** Adds the clocks of orders (subject keys) placed in the window, as they stood at asOf, replayed from events. */
export async function addOrdersAtAsOf(
  { cdb, ctx, q, by, accs, window }: ReplayTarget,
  keys: readonly string[],
): Promise<void> {
  const policy = ctx.policies.get(q.brand);
  const cal = ctx.policies.calendar(q.brand);
  for await (const evs of subjectsEvents(cdb, "order", keys)) {
    const upTo = evs.filter((e) => e.at <= q.asOf);
    const placed = upTo.find((e) => e.type === "order.placed")?.at ?? upTo.map((e) => e.at).sort()[0];
    if (placed === undefined || placed < window.from || placed >= window.to) continue;
    const day = cal.localDate(placed);
    for (const c of orderClocks(upTo, policy, cal))
      accs.get(groupKey(by, day, null)).addClock(c.clock, clockStatusAt(c, q.asOf));
  }
}
