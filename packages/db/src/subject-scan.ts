import { type EventType, subjectOf } from "@caliper/domain";
import type { Kysely } from "kysely";
import type { StoredEvent } from "./event-rows.ts";
import type { Database } from "./schema.ts";
import { subjectKey } from "./subjects.ts";

/** Event rows read per step of a scan: bounds memory whatever the log's size. */
export const SCAN_PAGE_ROWS = 20_000;

/**
 * Every ticket (or order) of the log with its complete event set, in (brand, subject id)
 * order, a page of subjects at a time: one range read over the log's subject index
 * (`events_ticket_idx` / `events_order_idx`, already in that order) instead of a query for the
 * subjects and another for their events. A page ends at a subject boundary: the rows of the
 * last subject of a full read may continue past it, so that subject starts the next read. A
 * subject with more events than a page is read whole on its own. With `brands`, only theirs,
 * a brand at a time (each a range of the index).
 */
export async function* scanSubjects(
  db: Kysely<Database>,
  kind: "ticket" | "order",
  pageRows = SCAN_PAGE_ROWS,
  brands: readonly string[] | null = null,
): AsyncGenerator<Map<string, StoredEvent[]>> {
  if (brands === null) yield* scan(db, kind, pageRows, null);
  else for (const brand of brands) yield* scan(db, kind, pageRows, brand);
}

/** `scanSubjects` over the whole log, or over one brand's subjects. */
async function* scan(
  db: Kysely<Database>,
  kind: "ticket" | "order",
  pageRows: number,
  brand: string | null,
): AsyncGenerator<Map<string, StoredEvent[]>> {
  const column = kind === "ticket" ? "ticket_id" : "order_id";
  // Each read starts strictly after `after`: the last subject read whole.
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await readRows(db, column, brand, after, pageRows);
    if (rows.length === 0) return;
    const full = rows.length === pageRows;
    const last = rows[rows.length - 1] as (typeof rows)[number];
    const lastKey: [string, string] = [last.brand, last[column] as string];
    const page = new Map<string, StoredEvent[]>();
    for (const r of rows) {
      const id = r[column] as string;
      // The last subject of a full read may have more rows: it is read again from its start.
      if (full && r.brand === lastKey[0] && id === lastKey[1]) break;
      // A ticket's events are ticket.*, message.*, note.*, feedback.*; an order event may carry a ticketId.
      if (subjectOf(r.type as EventType) !== kind) continue;
      const key = subjectKey(r.brand, id);
      const list = page.get(key);
      if (list) list.push(r);
      else page.set(key, [r]);
    }
    const previous = full ? previousKey(rows, column, lastKey) : null;
    if (full && previous === null) {
      // One subject fills the whole read: read it alone, without a limit.
      const own = (await readRows(db, column, brand, null, null, lastKey)).filter(
        (r) => subjectOf(r.type as EventType) === kind,
      );
      if (own.length > 0) yield new Map([[subjectKey(...lastKey), own]]);
      after = lastKey;
      continue;
    }
    if (page.size > 0) yield page;
    if (previous === null) return;
    after = previous;
  }
}

/**
 * Event rows in (brand, subject, at) order, of one brand or all: after the subject `after` (or
 * from the start), at most `limit` of them; or only the rows of subject `only`.
 */
function readRows(
  db: Kysely<Database>,
  column: "ticket_id" | "order_id",
  brand: string | null,
  after: [string, string] | null,
  limit: number | null,
  only?: [string, string],
): Promise<StoredEvent[]> {
  let q = db
    .selectFrom("events")
    .select(["brand", "id", "type", "ticket_id", "order_id", "at", "actor_type", "actor_id", "data"])
    .where(column, "is not", null);
  if (brand !== null) q = q.where("brand", "=", brand);
  if (after) q = q.where((eb) => eb(eb.refTuple("brand", column), ">", eb.tuple(after[0], after[1])));
  if (only) q = q.where("brand", "=", only[0]).where(column, "=", only[1]);
  q = q.orderBy("brand").orderBy(column).orderBy("at");
  return (limit === null ? q : q.limit(limit)).execute();
}

/** The (brand, subject) just before `lastKey` in the read, or null when the read holds only it. */
function previousKey(
  rows: ReadonlyArray<Record<"brand" | "ticket_id" | "order_id", string | null>>,
  column: "ticket_id" | "order_id",
  lastKey: [string, string],
): [string, string] | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i] as Record<"brand" | "ticket_id" | "order_id", string | null>;
    if (r.brand !== lastKey[0] || r[column] !== lastKey[1]) return [r.brand as string, r[column] as string];
  }
  return null;
}
