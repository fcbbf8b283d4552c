import type { Kysely, Selectable } from "kysely";
import type { Backend } from "../dialect.ts";
import { runForSubjects } from "../raw-sql.ts";
import type { ClocksTable, Database, OrdersTable, TicketsTable } from "../schema.ts";
import { groupByBrand, subjectKey } from "../subjects.ts";

/** Current projection rows of the given tickets, by subject key. */
export async function selectTickets(
  db: Kysely<Database>,
  backend: Backend,
  keys: Iterable<string>,
): Promise<Map<string, Selectable<TicketsTable>>> {
  const out = new Map<string, Selectable<TicketsTable>>();
  for (const r of await runForSubjects<Selectable<TicketsTable>>(
    db,
    backend,
    `select * from "tickets"`,
    "ticket_id",
    groupByBrand(keys),
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
  for (const r of await runForSubjects<Selectable<OrdersTable>>(
    db,
    backend,
    `select * from "orders"`,
    "order_id",
    groupByBrand(keys),
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
  for (const r of await runForSubjects<Selectable<ClocksTable>>(
    db,
    backend,
    `select * from "clocks"`,
    column,
    groupByBrand(keys),
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
  await runForSubjects(db, backend, `delete from "flags"`, "ticket_id", groupByBrand(keys));
}
