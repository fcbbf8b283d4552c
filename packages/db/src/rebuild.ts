import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import { writeRows } from "./bulk-write.ts";
import type { CaliperDb } from "./database.ts";
import type { Backend } from "./dialect.ts";
import { PROJECTION_TABLES, type ProjectionContext } from "./projections/index.ts";
import type { ComputedPage } from "./projections/compute-subjects.ts";
import { contributeOrder } from "./projections/orders.ts";
import { RollupDelta } from "./projections/rollup-delta.ts";
import { contribute } from "./projections/tickets.ts";
import { defaultRebuildWorkers, type ProjectionComputer, projectionComputer } from "./rebuild-workers.ts";
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

export interface RebuildOptions {
  /**
   * Commit each page of subjects on its own instead of the whole rebuild in one transaction: for
   * a bulk load into a new store that nobody reads yet (a transaction the size of the whole store
   * slows SQLite down as its write-ahead log grows). A failure then leaves partial projections
   * (the log is intact): rebuild again.
   */
  perPage?: boolean;
  /** Event rows read per page (default SCAN_PAGE_ROWS). */
  pageRows?: number;
  /**
   * Worker threads that compute projections (default 0: all on the calling thread). "auto": one
   * per core when the log holds at least AUTO_WORKERS_FROM tickets (starting a worker costs
   * about a second, more than a small store takes).
   */
  workers?: number | "auto";
}

/**
 * Empties every derived table and replays the event log into it. The result equals live ingest.
 * By default in one transaction: readers see the old projections until the new ones are
 * complete (see RebuildOptions.perPage).
 */
export async function rebuildProjections(
  cdb: CaliperDb,
  ctx: ProjectionContext,
  onProgress?: (p: RebuildProgress) => void,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  let computer: ProjectionComputer | null = null;
  const computerFor = (tickets: number): ProjectionComputer => {
    const w = options.workers ?? 0;
    computer ??= projectionComputer(
      ctx,
      w === "auto" ? (tickets >= AUTO_WORKERS_FROM ? defaultRebuildWorkers() : 0) : w,
    );
    return computer;
  };
  try {
    const pageRows = options.pageRows ?? SCAN_PAGE_ROWS;
    if (options.perPage === true)
      return await replay(cdb, cdb.db, (fn) => cdb.db.transaction().execute(fn), computerFor, onProgress, pageRows);
    return await cdb.db
      .transaction()
      .execute((trx) => replay(cdb, trx, (fn) => fn(trx), computerFor, onProgress, pageRows));
  } finally {
    await (computer as ProjectionComputer | null)?.close();
  }
}

/** Tickets from which `workers: "auto"` starts worker threads. */
export const AUTO_WORKERS_FROM = 5_000;

async function replay(
  cdb: CaliperDb,
  db: Kysely<Database>,
  step: Step,
  computerFor: (tickets: number) => ProjectionComputer,
  onProgress: ((p: RebuildProgress) => void) | undefined,
  pageRows: number,
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
    const computer = computerFor(total);
    let done = 0;
    // While page N is computed (in the workers), page N-1 is written and page N+1 read.
    let pending: { computed: Promise<ComputedPage>; size: number } | null = null;
    const writePending = async () => {
      if (!pending) return;
      const page = await pending.computed;
      await step((trx) => writePage(trx, cdb.backend, page, delta));
      if (delta.size > FLUSH_ENTRIES) await flush();
      done += pending.size;
      onProgress?.({ phase, done, total });
    };
    for await (const page of scanSubjects(db, kind, pageRows)) {
      const next = { computed: computer.compute(kind, [...page.values()]), size: page.size };
      // A failed computation is reported when its page is written; never left unhandled.
      next.computed.catch(() => {});
      await writePending();
      pending = next;
    }
    await writePending();
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

/** Writes a computed page into the (emptied) tables and adds its rollup contributions to `delta`. */
async function writePage(
  trx: Transaction<Database>,
  backend: Backend,
  page: ComputedPage,
  delta: RollupDelta,
): Promise<void> {
  const clockRows: Insertable<ClocksTable>[] = [];
  if (page.kind === "ticket") {
    const rows: Insertable<TicketsTable>[] = [];
    const flagRows: Insertable<FlagsTable>[] = [];
    for (const p of page.results) {
      if (!p) continue;
      if (p.facts) contribute(delta, p.facts, p.clocks, 1);
      rows.push(p.row);
      for (const c of p.clockRows) clockRows.push(c);
      for (const f of p.flagRows) flagRows.push(f);
    }
    await writeRows(trx, backend, "tickets", rows);
    await writeRows(trx, backend, "flags", flagRows);
  } else {
    const rows: Insertable<OrdersTable>[] = [];
    for (const p of page.results) {
      if (!p) continue;
      contributeOrder(delta, p.row.brand, p.row.period_day, p.clocks, 1);
      rows.push(p.row);
      for (const c of p.clockRows) clockRows.push(c);
    }
    await writeRows(trx, backend, "orders", rows);
  }
  await writeRows(trx, backend, "clocks", clockRows);
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
