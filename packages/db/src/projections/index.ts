import type { Transaction } from "kysely";
import type { Database } from "../schema.ts";
import { projectOrders } from "./orders.ts";
import type { ProjectionContext, SubjectEvents } from "./projector.ts";
import { RollupDelta } from "./rollup-delta.ts";
import { projectTickets } from "./tickets.ts";

export type { ProjectionContext, SubjectEvents } from "./projector.ts";

/**
 * Recomputes every derived row of the touched tickets and orders from their complete event
 * sets (so the result never depends on arrival order) and applies the net rollup change.
 */
export async function project(
  trx: Transaction<Database>,
  ctx: ProjectionContext,
  subjects: SubjectEvents,
): Promise<void> {
  const delta = new RollupDelta();
  await projectTickets(trx, ctx, subjects.tickets, subjects.oldTickets, delta);
  await projectOrders(trx, ctx, subjects.orders, subjects.oldOrders, delta);
  await delta.apply(trx, ctx.backend);
}

/** Every derived table: what `rebuild` empties and refills. */
export const PROJECTION_TABLES = [
  "tickets",
  "orders",
  "clocks",
  "flags",
  "rollup_daily",
  "rollup_sketch",
  "rollup_sketch_span",
  "rollup_sla",
  "rollup_daily_span",
  "rollup_sla_span",
  "rollup_span_dirty",
] as const satisfies readonly (keyof Database)[];
