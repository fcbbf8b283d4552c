import type { CaliperEvent } from "@caliper/domain";
import type { PolicySet } from "@caliper/policy";
import type { Selectable } from "kysely";
import type { Backend } from "../dialect.ts";
import type { OrdersTable, TicketsTable } from "../schema.ts";

/** Everything a projection needs besides the events: which backend, and the brand policies. */
export interface ProjectionContext {
  readonly backend: Backend;
  readonly policies: PolicySet;
}

/**
 * All stored events of every ticket and order touched by a write, keyed by subject key, with
 * their projection rows as they were before it (absent for new subjects).
 */
export interface SubjectEvents {
  readonly tickets: ReadonlyMap<string, readonly CaliperEvent[]>;
  readonly orders: ReadonlyMap<string, readonly CaliperEvent[]>;
  readonly oldTickets: ReadonlyMap<string, Selectable<TicketsTable>>;
  readonly oldOrders: ReadonlyMap<string, Selectable<OrdersTable>>;
}
