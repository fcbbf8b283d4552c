import type { CaliperEvent } from "@caliper/domain";
import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import { writeRows } from "./bulk-write.ts";
import type { CaliperDb } from "./database.ts";
import { PROJECTION_TABLES, type ProjectionContext } from "./projections/index.ts";
import { computeOrder, contributeOrder } from "./projections/orders.ts";
import { RollupDelta } from "./projections/rollup-delta.ts";
import { computeTicket, contribute } from "./projections/tickets.ts";
import type { ClocksTable, Database, FlagsTable, OrdersTable, TicketsTable } from "./schema.ts";
import { SCAN_PAGE_ROWS, scanSubjects } from "./subject-scan.ts";

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
  options: { perPage?: boolean; pageRows?: number } = {},
): Promise<RebuildResult> {
  const { pageRows } = options;
  if (options.perPage === true)
    return replay(cdb, cdb.db, (fn) => cdb.db.transaction().execute(fn), ctx, onProgress, pageRows);
  return cdb.db.transaction().execute((trx) => replay(cdb, trx, (fn) => fn(trx), ctx, onProgress, pageRows));
}

async function replay(
  cdb: CaliperDb,
  db: Kysely<Database>,
  step: Step,
  ctx: ProjectionContext,
  onProgress?: (p: RebuildProgress) => void,
  pageRows = SCAN_PAGE_ROWS,
): Promise<RebuildResult> {
  const t0 = performance.now();
  await step(async (trx) => {
    for (const table of PROJECTION_TABLES) await trx.deleteFrom(table).execute();
  });
  // Every subject starts from nothing, so the rollups (per day and per span) are the sum of the
  // contributions: summed in memory and written once, or whenever the sums grow large, instead
  // of being merged page by page.
  let delta = new RollupDelta();
  const flush = async () => {
    const d = delta;
    delta = new RollupDelta();
    await step((trx) => d.apply(trx, cdb.backend));
  };
  const counts = { tickets: 0, orders: 0 };
  for (const phase of ["tickets", "orders"] as const) {
    const kind = phase === "tickets" ? "ticket" : "order";
    const total = await countSubjects(db, kind);
    let done = 0;
    for await (const page of scanSubjects(db, kind, pageRows)) {
      if (kind === "ticket") await step((trx) => writeTickets(trx, ctx, page.values(), delta));
      else await step((trx) => writeOrders(trx, ctx, page.values(), delta));
      if (delta.size > FLUSH_ENTRIES) await flush();
      done += page.size;
      onProgress?.({ phase, done, total });
    }
    counts[phase] = done;
  }
  await flush();
  const ev = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { ...counts, events: Number(ev.n), seconds: (performance.now() - t0) / 1000 };
}

/** Rollup entries summed in memory before they are written out (a few hundred bytes each). */
const FLUSH_ENTRIES = 250_000;

/** Projects a page of tickets into empty tables: rows inserted, rollup contributions added to `delta`. */
async function writeTickets(
  trx: Transaction<Database>,
  ctx: ProjectionContext,
  tickets: Iterable<readonly CaliperEvent[]>,
  delta: RollupDelta,
): Promise<void> {
  const rows: Insertable<TicketsTable>[] = [];
  const clockRows: Insertable<ClocksTable>[] = [];
  const flagRows: Insertable<FlagsTable>[] = [];
  for (const events of tickets) {
    const p = computeTicket(ctx, events);
    if (!p) continue;
    if (p.facts) contribute(delta, p.facts, p.clocks, 1);
    rows.push(p.row);
    for (const c of p.clockRows) clockRows.push(c);
    for (const f of p.flagRows) flagRows.push(f);
  }
  await writeRows(trx, ctx.backend, "tickets", rows);
  await writeRows(trx, ctx.backend, "clocks", clockRows);
  await writeRows(trx, ctx.backend, "flags", flagRows);
}

/** Projects a page of orders into empty tables, like `writeTickets`. */
async function writeOrders(
  trx: Transaction<Database>,
  ctx: ProjectionContext,
  orders: Iterable<readonly CaliperEvent[]>,
  delta: RollupDelta,
): Promise<void> {
  const rows: Insertable<OrdersTable>[] = [];
  const clockRows: Insertable<ClocksTable>[] = [];
  for (const events of orders) {
    const p = computeOrder(ctx, events);
    if (!p) continue;
    contributeOrder(delta, p.row.brand, p.row.period_day, p.clocks, 1);
    rows.push(p.row);
    for (const c of p.clockRows) clockRows.push(c);
  }
  await writeRows(trx, ctx.backend, "orders", rows);
  await writeRows(trx, ctx.backend, "clocks", clockRows);
}

/** How many tickets (or orders) the log holds: the progress total. */
async function countSubjects(db: Kysely<Database>, kind: "ticket" | "order"): Promise<number> {
  const column = kind === "ticket" ? "ticket_id" : "order_id";
  const types =
    kind === "ticket" ? ["ticket.%", "message.%", "note.%", "feedback.%"] : ["order.%", "return.%", "refund.%"];
  const subjectFilter = sql<boolean>`(${sql.join(
    types.map((t) => sql`type like ${t}`),
    sql` or `,
  )})`;
  const row = await db
    .selectFrom(db.selectFrom("events").select(["brand", column]).where(subjectFilter).distinct().as("s"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
