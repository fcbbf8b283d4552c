import type { Kysely, Selectable } from "kysely";
import type { Backend } from "../dialect.ts";
import { runForList } from "../raw-sql.ts";
import type { ClocksTable, Database, OrdersTable, TicketsTable } from "../schema.ts";
import { parseSubjectKey, subjectKey } from "../subjects.ts";

/** Subject keys grouped by brand: every statement below reads or deletes within one brand. */
const byBrand = (keys: Iterable<string>): Map<string, string[]> => {
  const m = new Map<string, string[]>();
  for (const k of keys) {
    const { brand, id } = parseSubjectKey(k);
    const ids = m.get(brand);
    if (ids) ids.push(id);
    else m.set(brand, [id]);
  }
  return m;
};

/** Current projection rows of the given tickets, by subject key. */
export async function selectTickets(
  db: Kysely<Database>,
  backend: Backend,
  keys: Iterable<string>,
): Promise<Map<string, Selectable<TicketsTable>>> {
  const out = new Map<string, Selectable<TicketsTable>>();
  for (const [brand, ids] of byBrand(keys))
    for (const r of await runForList<Selectable<TicketsTable>, string>(
      db,
      backend,
      `select * from "tickets" where "brand" = ? and "ticket_id" in $in`,
      [brand],
      ids,
    ))
      out.set(subjectKey(r.brand, r.ticket_id), r);
  return out;
}

export async function selectOrders(
  db: Kysely<Database>,
  backend: Backend,
  keys: Iterable<string>,
): Promise<Map<string, Selectable<OrdersTable>>> {
  const out = new Map<string, Selectable<OrdersTable>>();
  for (const [brand, ids] of byBrand(keys))
    for (const r of await runForList<Selectable<OrdersTable>, string>(
      db,
      backend,
      `select * from "orders" where "brand" = ? and "order_id" in $in`,
      [brand],
      ids,
    ))
      out.set(subjectKey(r.brand, r.order_id), r);
  return out;
}

/** Clock rows of the given tickets or orders, grouped by subject key. */
export async function selectClocks(
  db: Kysely<Database>,
  backend: Backend,
  kind: "ticket" | "order",
  keys: Iterable<string>,
): Promise<Map<string, Selectable<ClocksTable>[]>> {
  const out = new Map<string, Selectable<ClocksTable>[]>();
  const column = kind === "ticket" ? "ticket_id" : "order_id";
  for (const [brand, ids] of byBrand(keys))
    for (const r of await runForList<Selectable<ClocksTable>, string>(
      db,
      backend,
      `select * from "clocks" where "brand" = ? and "${column}" in $in`,
      [brand],
      ids,
    )) {
      const k = subjectKey(r.brand, r.subject_id);
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
  return out;
}

/** Deletes the flag rows of the given tickets. */
export async function deleteFlags(db: Kysely<Database>, backend: Backend, keys: Iterable<string>): Promise<void> {
  for (const [brand, ids] of byBrand(keys))
    await runForList(db, backend, `delete from "flags" where "brand" = ? and "ticket_id" in $in`, [brand], ids);
}
