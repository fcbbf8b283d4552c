import type { Projector } from "./projector.ts";
import { writeTicketStates } from "./tickets.ts";

export type { ProjectionContext, Projector, SubjectEvents } from "./projector.ts";

const tickets: Projector = {
  name: "tickets",
  tables: ["tickets"],
  async project(trx, _ctx, subjects) {
    await writeTicketStates(trx, subjects.tickets);
  },
};

/** Every projection, in the order they run. */
export const PROJECTORS: readonly Projector[] = [tickets];

/** Every derived table: what `rebuild` empties and refills. */
export const PROJECTION_TABLES = [...new Set(PROJECTORS.flatMap((p) => p.tables))];
