import { type Kysely, sql, type Transaction } from "kysely";
import type { CaliperDb } from "./database.ts";
import { projectSubjects } from "./ingest.ts";
import { PROJECTION_TABLES, type ProjectionContext } from "./projections/index.ts";
import { fillCountSpans, fillSketchSpans } from "./projections/span-backfill.ts";
import type { Database } from "./schema.ts";
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

/** Runs one write step: inside the rebuild's single transaction, or in a transaction of its own. */
type Step = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

/**
 * Empties every derived table and replays the event log into it. The result equals live ingest.
 *
 * By default in one transaction: readers see the old projections until the new ones are
 * complete. `perPage: true` commits each page of subjects on its own instead, for a bulk load
 * into a new store that nobody reads yet: a transaction the size of the whole store slows
 * SQLite down as its write-ahead log grows. A failure then leaves partial projections (the log
 * is intact): rebuild again.
 */
export async function rebuildProjections(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  onProgress?: (p: RebuildProgress) => void,
  options: { perPage?: boolean } = {},
): Promise<RebuildResult> {
  if (options.perPage === true) return replay(cdb, cdb.db, (fn) => cdb.db.transaction().execute(fn), ctx, onProgress);
  return cdb.db.transaction().execute((trx) => replay(cdb, trx, (fn) => fn(trx), ctx, onProgress));
}

async function replay(
  cdb: CaliperDb,
  db: Kysely<Database>,
  step: Step,
  ctx: ProjectionContext,
  onProgress?: (p: RebuildProgress) => void,
): Promise<RebuildResult> {
  const t0 = performance.now();
  // The span rollups are filled once at the end, from the per-day rollups.
  const deferred: ProjectionContext = { ...ctx, deferSpanRollups: true };
  await step(async (trx) => {
    for (const table of PROJECTION_TABLES) await trx.deleteFrom(table).execute();
  });
  const counts = { tickets: 0, orders: 0 };
  for (const phase of ["tickets", "orders"] as const) {
    const column = phase === "tickets" ? "ticket_id" : "order_id";
    const types =
      phase === "tickets" ? ["ticket.%", "message.%", "note.%", "feedback.%"] : ["order.%", "return.%", "refund.%"];
    const subjectFilter = sql<boolean>`(${sql.join(
      types.map((t) => sql`type like ${t}`),
      sql` or `,
    )})`;
    const totalRow = await db
      .selectFrom(db.selectFrom("events").select(["brand", column]).where(subjectFilter).distinct().as("s"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const total = Number(totalRow.n);
    let cursor: { brand: string; id: string } | null = null;
    let done = 0;
    for (;;) {
      let q = db
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
      await step((trx) =>
        projectSubjects(
          trx,
          deferred,
          phase === "tickets" ? { tickets: keys, orders: [] } : { tickets: [], orders: keys },
        ),
      );
      done += page.length;
      cursor = page[page.length - 1] ?? null;
      onProgress?.({ phase, done, total });
    }
    counts[phase] = done;
  }
  await step(async (trx) => {
    await fillSketchSpans(trx, cdb.backend);
    await fillCountSpans(trx);
  });
  const ev = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { ...counts, events: Number(ev.n), seconds: (performance.now() - t0) / 1000 };
}
