import { type CaliperEvent, subjectOf } from "@caliper/domain";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Backend } from "./dialect.ts";
import { rowToEvent, type StoredEvent } from "./event-rows.ts";
import { runForSubjects } from "./raw-sql.ts";
import type { Database } from "./schema.ts";

/** A ticket or an order of one brand: the unit every projection is recomputed for. */
export interface SubjectKey {
  brand: string;
  id: string;
}

export const subjectKey = (brand: string, id: string): string => `${brand}\u001f${id}`;
export const parseSubjectKey = (key: string): SubjectKey => {
  const i = key.indexOf("\u001f");
  return { brand: key.slice(0, i), id: key.slice(i + 1) };
};

/** Tickets and orders touched by a set of events, as subject keys. */
export interface Touched {
  tickets: Set<string>;
  orders: Set<string>;
}

export function touchedBy(events: Iterable<CaliperEvent>): Touched {
  const t: Touched = { tickets: new Set(), orders: new Set() };
  for (const e of events) {
    if (subjectOf(e.type) === "ticket") t.tickets.add(subjectKey(e.brand, e.ticketId as string));
    else t.orders.add(subjectKey(e.brand, e.orderId as string));
  }
  return t;
}

/** Subject keys grouped by brand: the ids of each brand, for statements that match (brand, id). */
export const groupByBrand = (keys: Iterable<string>): Map<string, string[]> => {
  const m = new Map<string, string[]>();
  for (const k of keys) {
    const { brand, id } = parseSubjectKey(k);
    const list = m.get(brand);
    if (list) list.push(id);
    else m.set(brand, [id]);
  }
  return m;
};

/** Every stored event of the given tickets (or orders), grouped by subject key. */
export async function loadSubjectEvents(
  db: Kysely<Database>,
  backend: Backend,
  kind: "ticket" | "order",
  keys: Iterable<string>,
): Promise<Map<string, CaliperEvent[]>> {
  const out = new Map<string, CaliperEvent[]>();
  const column = kind === "ticket" ? "ticket_id" : "order_id";
  const head = `select "brand", "id", "type", "ticket_id", "order_id", "at", "actor_type", "actor_id", "data" from "events"`;
  for (const r of await runForSubjects<StoredEvent>(db, backend, head, column, groupByBrand(keys))) {
    const ev = rowToEvent(r);
    // A ticket's events are ticket.*, message.*, note.* and feedback.*; an order's are order.*,
    // return.* and refund.*. An order event may carry a ticketId and vice versa; skip those.
    if (subjectOf(ev.type) !== kind) continue;
    const key = subjectKey(r.brand, (kind === "ticket" ? r.ticket_id : r.order_id) as string);
    const list = out.get(key);
    if (list) list.push(ev);
    else out.set(key, [ev]);
  }
  return out;
}

/**
 * PostgreSQL: serialises concurrent transactions that touch the same subjects (advisory
 * transaction locks taken in a fixed order, so two batches never deadlock on them).
 * SQLite needs nothing: BEGIN IMMEDIATE already serialises writers.
 */
export async function lockSubjects(trx: Transaction<Database>, backend: Backend, keys: string[]): Promise<void> {
  if (backend !== "postgres" || keys.length === 0) return;
  await sql`select pg_advisory_xact_lock(h) from (select distinct hashtextextended(k, 0) as h from unnest(${keys}::text[]) as k) s order by h`.execute(
    trx,
  );
}
