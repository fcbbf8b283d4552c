import type { Selectable, Transaction } from "kysely";
import type { ClocksTable, Database, OrdersTable, TicketsTable } from "../schema.ts";
import { parseSubjectKey, subjectKey } from "../subjects.ts";

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
  trx: Transaction<Database>,
  keys: Iterable<string>,
): Promise<Map<string, Selectable<TicketsTable>>> {
  const out = new Map<string, Selectable<TicketsTable>>();
  for (const [brand, ids] of byBrand(keys))
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom("tickets")
        .selectAll()
        .where("brand", "=", brand)
        .where("ticket_id", "in", ids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(subjectKey(r.brand, r.ticket_id), r);
    }
  return out;
}

export async function selectOrders(
  trx: Transaction<Database>,
  keys: Iterable<string>,
): Promise<Map<string, Selectable<OrdersTable>>> {
  const out = new Map<string, Selectable<OrdersTable>>();
  for (const [brand, ids] of byBrand(keys))
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom("orders")
        .selectAll()
        .where("brand", "=", brand)
        .where("order_id", "in", ids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(subjectKey(r.brand, r.order_id), r);
    }
  return out;
}

/** Clock rows of the given tickets or orders, grouped by subject key. */
export async function selectClocks(
  trx: Transaction<Database>,
  kind: "ticket" | "order",
  keys: Iterable<string>,
): Promise<Map<string, Selectable<ClocksTable>[]>> {
  const out = new Map<string, Selectable<ClocksTable>[]>();
  const column = kind === "ticket" ? "ticket_id" : "order_id";
  for (const [brand, ids] of byBrand(keys))
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx
        .selectFrom("clocks")
        .selectAll()
        .where("brand", "=", brand)
        .where(column, "in", ids.slice(i, i + 500))
        .execute();
      for (const r of rows) {
        const k = subjectKey(r.brand, r.subject_id);
        const list = out.get(k);
        if (list) list.push(r);
        else out.set(k, [r]);
      }
    }
  return out;
}

/** Deletes the flag rows of the given tickets. */
export async function deleteFlags(trx: Transaction<Database>, keys: Iterable<string>): Promise<void> {
  for (const [brand, ids] of byBrand(keys))
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .deleteFrom("flags")
        .where("brand", "=", brand)
        .where("ticket_id", "in", ids.slice(i, i + 500))
        .execute();
}
