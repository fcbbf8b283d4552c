import { type StoredEvent, rowToEvent } from "../event-rows.ts";
import { computeOrder, type OrderProjection } from "./orders.ts";
import type { ProjectionContext } from "./projector.ts";
import { computeTicket, type TicketProjection } from "./tickets.ts";

/** The projections of a page of subjects, in the page's order (null: the events make none). */
export type ComputedPage =
  | { readonly kind: "ticket"; readonly results: readonly (TicketProjection | null)[] }
  | { readonly kind: "order"; readonly results: readonly (OrderProjection | null)[] };

/**
 * Projects each subject of a page from its stored event rows: the pure part of a rebuild (rules,
 * clocks, facts), which needs no database and may run in a worker thread (rebuild-workers.ts).
 */
export function computeSubjects(
  ctx: ProjectionContext,
  kind: "ticket" | "order",
  subjects: readonly (readonly StoredEvent[])[],
): ComputedPage {
  if (kind === "ticket") return { kind, results: subjects.map((rows) => computeTicket(ctx, rows.map(rowToEvent))) };
  return { kind, results: subjects.map((rows) => computeOrder(ctx, rows.map(rowToEvent))) };
}
