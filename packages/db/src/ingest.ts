import { type CaliperEvent, subjectOf } from "@caliper/domain";
import { type OnConflict, writeRows } from "./bulk-write.ts";
import type { CaliperDb } from "./database.ts";
import { eventToRow } from "./event-rows.ts";
import { type ProjectionContext, project } from "./projections/index.ts";
import { withRetry } from "./retry.ts";
import type { Database } from "./schema.ts";
import { selectOrders, selectTickets } from "./projections/select-subjects.ts";
import { loadSubjectEvents, lockSubjects, subjectKey, touchedBy } from "./subjects.ts";
import type { Transaction } from "kysely";

export interface AppendResult {
  accepted: number;
  duplicates: number;
  /** For each input event, in order: true when it was stored now, false when it was a duplicate. */
  stored: boolean[];
}

/** An event already stored (same brand and id) stays as it is: appends are idempotent. */
const NEW_EVENTS: OnConflict = { kind: "ignore", keys: ["brand", "id"] };

/**
 * Appends validated events to the log and updates every projection in the same transaction.
 * The same (brand, id) again, in this batch or an earlier one, is a duplicate: not stored twice.
 * Either the whole batch is stored and projected, or nothing is.
 */
export async function appendEvents(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  events: readonly CaliperEvent[],
): Promise<AppendResult> {
  const stored = new Array<boolean>(events.length).fill(false);
  const firstIndex = new Map<string, number>();
  events.forEach((e, i) => {
    const k = subjectKey(e.brand, e.id);
    if (!firstIndex.has(k)) firstIndex.set(k, i);
  });
  const unique = [...firstIndex.values()].map((i) => events[i] as CaliperEvent);
  if (unique.length === 0) return { accepted: 0, duplicates: events.length, stored };

  const inserted = await withRetry(() =>
    cdb.db.transaction().execute(async (trx) => {
      const touched = touchedBy(unique);
      await lockSubjects(trx, cdb.backend, [...touched.tickets, ...touched.orders]);
      const now = new Date().toISOString();
      const newKeys = new Set<string>();
      const rows = unique.map((e) => eventToRow(e, now));
      for (const r of await writeRows(trx, cdb.backend, "events", rows, NEW_EVENTS, ["brand", "id"]))
        newKeys.add(subjectKey(r.brand as string, r.id as string));
      const fresh = unique.filter((e) => newKeys.has(subjectKey(e.brand, e.id)));
      if (fresh.length > 0) await projectSubjects(trx, ctx, touchedBy(fresh), fresh);
      return newKeys;
    }),
  );
  for (const [k, i] of firstIndex) if (inserted.has(k)) stored[i] = true;
  if (inserted.size > 0) cdb.refreshSpansSoon();
  return { accepted: inserted.size, duplicates: events.length - inserted.size, stored };
}

/**
 * Appends events to the log only: no projection, clock, rollup or rule is updated. For bulk
 * loads into a store that `rebuildProjections` then replays (which gives exactly what
 * `appendEvents` would have); until then reads do not see the events. Idempotent by
 * (brand, id) like `appendEvents`; returns how many were stored now.
 */
export async function appendToLog(cdb: CaliperDb, events: readonly CaliperEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return withRetry(() =>
    cdb.db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      const rows = events.map((e) => eventToRow(e, now));
      return (await writeRows(trx, cdb.backend, "events", rows, NEW_EVENTS, ["seq"])).length;
    }),
  );
}

/**
 * Recomputes every projection for the given tickets and orders from their complete event sets.
 * A subject without a projection row has no stored events but those just written (every event
 * creates or updates its subject's row), so when `fresh` holds them its events are taken from
 * there instead of being read back.
 */
export async function projectSubjects(
  trx: Transaction<Database>,
  ctx: ProjectionContext,
  touched: { tickets: Iterable<string>; orders: Iterable<string> },
  fresh?: readonly CaliperEvent[],
): Promise<void> {
  const ticketKeys = [...touched.tickets];
  const orderKeys = [...touched.orders];
  const oldTickets = await selectTickets(trx, ctx.backend, ticketKeys);
  const oldOrders = await selectOrders(trx, ctx.backend, orderKeys);
  const freshBySubject = fresh ? groupBySubject(fresh) : null;
  const events = async (kind: "ticket" | "order", keys: string[], known: ReadonlyMap<string, unknown>) => {
    const stored = freshBySubject ? keys.filter((k) => known.has(k)) : keys;
    const out = await loadSubjectEvents(trx, ctx.backend, kind, stored);
    if (freshBySubject) for (const k of keys) if (!known.has(k)) out.set(k, freshBySubject.get(k) ?? []);
    return out;
  };
  await project(trx, ctx, {
    tickets: await events("ticket", ticketKeys, oldTickets),
    orders: await events("order", orderKeys, oldOrders),
    oldTickets,
    oldOrders,
  });
}

/** Events grouped by their subject key (ticket or order). */
function groupBySubject(events: readonly CaliperEvent[]): Map<string, CaliperEvent[]> {
  const out = new Map<string, CaliperEvent[]>();
  for (const e of events) {
    const k = subjectKey(e.brand, (subjectOf(e.type) === "ticket" ? e.ticketId : e.orderId) as string);
    const list = out.get(k);
    if (list) list.push(e);
    else out.set(k, [e]);
  }
  return out;
}
