import { sql } from "kysely";
import type { CaliperDb } from "./database.ts";
import { projectSubjects } from "./ingest.ts";
import { PROJECTION_TABLES, type ProjectionContext } from "./projections/index.ts";
import { fillCountSpans, fillSketchSpans } from "./projections/span-backfill.ts";
import { subjectKey } from "./subjects.ts";

export interface RebuildProgress {
  phase: "tickets" | "orders";
  done: number;
  total: number;
}

export interface RebuildResult {
  tickets: number;
  orders: number;
  events: number;
  seconds: number;
}

/** Subjects projected per step; bounds memory while replaying a large log. */
const PAGE = 2000;

/**
 * Empties every derived table and replays the event log into it, in one transaction: readers
 * see the old projections until the new ones are complete. The result equals live ingest.
 */
export async function rebuildProjections(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  onProgress?: (p: RebuildProgress) => void,
): Promise<RebuildResult> {
  const t0 = performance.now();
  // The span rollups are filled once at the end, from the per-day rollups.
  const deferred: ProjectionContext = { ...ctx, deferSpanRollups: true };
  return cdb.db.transaction().execute(async (trx) => {
    for (const table of PROJECTION_TABLES) await trx.deleteFrom(table).execute();
    const counts = { tickets: 0, orders: 0 };
    for (const phase of ["tickets", "orders"] as const) {
      const column = phase === "tickets" ? "ticket_id" : "order_id";
      const types =
        phase === "tickets" ? ["ticket.%", "message.%", "note.%", "feedback.%"] : ["order.%", "return.%", "refund.%"];
      const subjectFilter = sql<boolean>`(${sql.join(
        types.map((t) => sql`type like ${t}`),
        sql` or `,
      )})`;
      const totalRow = await trx
        .selectFrom(trx.selectFrom("events").select(["brand", column]).where(subjectFilter).distinct().as("s"))
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const total = Number(totalRow.n);
      let cursor: { brand: string; id: string } | null = null;
      let done = 0;
      for (;;) {
        let q = trx
          .selectFrom("events")
          .select(["brand", `${column} as id`])
          .where(subjectFilter)
          .distinct();
        if (cursor) {
          const c = cursor;
          q = q.where((eb) =>
            eb.or([eb("brand", ">", c.brand), eb.and([eb("brand", "=", c.brand), eb(column, ">", c.id)])]),
          );
        }
        const page = (await q.orderBy("brand").orderBy(column).limit(PAGE).execute()) as Array<{
          brand: string;
          id: string;
        }>;
        if (page.length === 0) break;
        const keys = page.map((r) => subjectKey(r.brand, r.id));
        await projectSubjects(
          trx,
          deferred,
          phase === "tickets" ? { tickets: keys, orders: [] } : { tickets: [], orders: keys },
        );
        done += page.length;
        cursor = page[page.length - 1] ?? null;
        onProgress?.({ phase, done, total });
      }
      counts[phase] = done;
    }
    await fillSketchSpans(trx, cdb.backend);
    await fillCountSpans(trx);
    const ev = await trx
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { ...counts, events: Number(ev.n), seconds: (performance.now() - t0) / 1000 };
  });
}
