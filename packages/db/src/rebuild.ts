import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import { writeRows } from "./bulk-write.ts";
import { dropSecondaryIndexes, restoreIndexes, type SetAsideIndexes } from "./bulk-indexes.ts";
import type { CaliperDb } from "./database.ts";
import type { Backend } from "./dialect.ts";
import { PROJECTION_TABLES, type ProjectionContext } from "./projections/index.ts";
import type { ComputedPage } from "./projections/compute-subjects.ts";
import { contributeOrder } from "./projections/orders.ts";
import { RollupDelta } from "./projections/rollup-delta.ts";
import { fillCountSpans, fillSketchSpans } from "./projections/span-backfill.ts";
import { contribute } from "./projections/tickets.ts";
import { defaultRebuildWorkers, type ProjectionComputer, projectionComputer } from "./rebuild-workers.ts";
import type { ClocksTable, Database, FlagsTable, OrdersTable, TicketsTable } from "./schema.ts";
import { SCAN_PAGE_ROWS, scanSubjects } from "./subject-scan.ts";

export interface RebuildProgress {
  phase: "tickets" | "orders";
  done: number;
  total: number;
  /** What runs after the last page (rollups, indexes, span rollups: one note each), when nothing advances. */
  note?: string;
}

export interface RebuildResult {
  /** The brands rebuilt (`RebuildOptions.brands`), or null: every brand. */
  brands: readonly string[] | null;
  tickets: number;
  orders: number;
  events: number;
  seconds: number;
  /** Where the time went, in seconds of the calling thread (the parts add up to about `seconds`). */
  timings: RebuildTimings;
}

export interface RebuildTimings {
  /** Emptying the derived tables (or the brands' rows) and dropping their secondary indexes. */
  clear: number;
  /** Reading the log. */
  read: number;
  /** Computing projections on the calling thread, or waiting for the workers that compute them. */
  compute: number;
  /** Writing tickets, orders, clocks and flags. */
  write: number;
  /** Writing the per-day rollups. */
  rollups: number;
  /** Building the secondary indexes again. */
  indexes: number;
  /** Filling the span rollups from the per-day ones. */
  spans: number;
}

/** Adds the time `fn` takes to `timings[part]`. */
async function timed<T>(timings: RebuildTimings, part: keyof RebuildTimings, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timings[part] += (performance.now() - t) / 1000;
  }
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
   * Worker threads that compute projections (default 0: all on the calling thread). "auto":
   * `defaultRebuildWorkers()` when the log holds at least AUTO_WORKERS_FROM tickets, else none
   * (starting the workers and filling the pipeline cost more than they save on a small log:
   * a 20,000-ticket rebuild was 10-30% slower with two workers on two cores).
   */
  workers?: number | "auto";
  /**
   * Rebuild these brands only (a policy changed for them): their rows are deleted from every
   * derived table and their subjects replayed, while other brands' rows stay as they are, since
   * nothing a brand projects depends on another brand's events. The secondary indexes stay in
   * place (they hold the other brands' rows). Default: every brand.
   */
  brands?: readonly string[];
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
  // Committing page by page, a failure leaves the indexes dropped: put them back regardless. In
  // one transaction, a failure rolls their drop back with everything else.
  let dropped: SetAsideIndexes | null = null;
  const keep = (set: SetAsideIndexes) => {
    dropped = set;
  };
  const brands = options.brands === undefined ? null : [...new Set(options.brands)].sort();
  if (brands !== null && brands.length === 0)
    throw new Error("rebuildProjections: brands is empty (leave it out to rebuild every brand)");
  const common = { cdb, computerFor, onProgress, pageRows: options.pageRows ?? SCAN_PAGE_ROWS, brands };
  try {
    if (options.perPage === true)
      return await replay({
        ...common,
        db: cdb.db,
        step: (fn) => cdb.db.transaction().execute(fn),
        onIndexesDropped: keep,
      });
    return await cdb.db
      .transaction()
      .execute((trx) => replay({ ...common, db: trx, step: (fn) => fn(trx), onIndexesDropped: () => {} }));
  } finally {
    await (computer as ProjectionComputer | null)?.close();
    if (dropped) await restoreIndexes(cdb.db, dropped);
  }
}

/** Tables whose secondary indexes are dropped while a rebuild fills them, and built again after. */
const INDEXES_SET_ASIDE = ["tickets", "clocks", "flags", "orders"];

/** Tickets from which `workers: "auto"` starts worker threads. */
export const AUTO_WORKERS_FROM = 50_000;

/** One rebuild's settings: where it reads, how it commits, who computes. */
interface Replay {
  readonly cdb: CaliperDb;
  /** Reads go here: the rebuild's transaction, or the database when committing page by page. */
  readonly db: Kysely<Database>;
  readonly step: Step;
  /** The projection computer for a log of this many tickets (created once, on first call). */
  readonly computerFor: (tickets: number) => ProjectionComputer;
  readonly onIndexesDropped: (set: SetAsideIndexes) => void;
  readonly onProgress: ((p: RebuildProgress) => void) | undefined;
  readonly pageRows: number;
  /** The brands to rebuild, sorted, or null: every brand. */
  readonly brands: readonly string[] | null;
}

async function replay({
  cdb,
  db,
  step,
  computerFor,
  onIndexesDropped,
  onProgress,
  pageRows,
  brands,
}: Replay): Promise<RebuildResult> {
  const t0 = performance.now();
  const timings: RebuildTimings = { clear: 0, read: 0, compute: 0, write: 0, rollups: 0, indexes: 0, spans: 0 };
  // Some brands: their rows go, the indexes stay (other brands' rows are in them).
  const indexes = await timed(timings, "clear", () =>
    step(async (trx) => {
      for (const table of PROJECTION_TABLES)
        await (brands === null ? trx.deleteFrom(table) : trx.deleteFrom(table).where("brand", "in", brands)).execute();
      return brands === null ? dropSecondaryIndexes(trx, cdb.backend, INDEXES_SET_ASIDE) : null;
    }),
  );
  if (indexes) onIndexesDropped(indexes);
  // Every subject starts from nothing, so the per-day rollups are the sum of the contributions:
  // summed in memory and written once, or whenever the sums grow large, instead of being merged
  // page by page. The span rollups are then filled once from the per-day ones.
  let delta = new RollupDelta({ spans: false });
  const flush = async () => {
    const d = delta;
    delta = new RollupDelta({ spans: false });
    await timed(timings, "rollups", () => step((trx) => d.apply(trx, cdb.backend)));
  };
  const counts = { tickets: 0, orders: 0 };
  const totals = { tickets: 0, orders: 0 };
  for (const phase of ["tickets", "orders"] as const) {
    const kind = phase === "tickets" ? "ticket" : "order";
    const total = await countSubjects(db, kind, brands);
    totals[phase] = total;
    const computer = computerFor(total);
    let done = 0;
    // Shown at once, and where a progress display starts its clock.
    onProgress?.({ phase, done, total });
    // While page N is computed (in the workers), page N-1 is written and page N+1 read.
    let pending: { computed: Promise<ComputedPage>; size: number } | null = null;
    const writePending = async () => {
      if (!pending) return;
      const computed = pending.computed;
      const page = await timed(timings, "compute", () => computed);
      await timed(timings, "write", () => step((trx) => writePage(trx, cdb.backend, page, delta)));
      if (delta.size > FLUSH_ENTRIES) await flush();
      done += pending.size;
      onProgress?.({ phase, done, total });
    };
    const pages = scanSubjects(db, kind, pageRows, brands);
    for (;;) {
      const read = await timed(timings, "read", () => pages.next());
      if (read.done) break;
      const page = read.value;
      // Without workers the projections are computed here, synchronously; with workers this
      // sends them the page, and waiting for their results counts as compute (writePending).
      const t = performance.now();
      const next = { computed: computer.compute(kind, [...page.values()]), size: page.size };
      timings.compute += (performance.now() - t) / 1000;
      // A failed computation is reported when its page is written; never left unhandled.
      next.computed.catch(() => {});
      await writePending();
      pending = next;
    }
    await writePending();
    counts[phase] = done;
  }
  // What follows the last page (a minute on a big store) is told step by step, as notes.
  const tell = (note: string) => onProgress?.({ phase: "orders", done: counts.orders, total: totals.orders, note });
  tell("writing rollups…");
  await flush();
  if (indexes) {
    tell("building indexes…");
    await timed(timings, "indexes", () => step((trx) => restoreIndexes(trx, indexes)));
  }
  tell("filling span rollups…");
  await timed(timings, "spans", () =>
    step(async (trx) => {
      await fillSketchSpans(trx, cdb.backend, brands);
      await fillCountSpans(trx, cdb.backend, brands);
    }),
  );
  let events = db.selectFrom("events").select((eb) => eb.fn.countAll<number>().as("n"));
  if (brands !== null) events = events.where("brand", "in", brands);
  const ev = await events.executeTakeFirstOrThrow();
  return { brands, ...counts, events: Number(ev.n), seconds: (performance.now() - t0) / 1000, timings };
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

/** How many tickets (or orders) the log holds, of `brands` or of every brand: the progress total. */
async function countSubjects(
  db: Kysely<Database>,
  kind: "ticket" | "order",
  brands: readonly string[] | null,
): Promise<number> {
  const column = kind === "ticket" ? "ticket_id" : "order_id";
  const types =
    kind === "ticket" ? ["ticket.%", "message.%", "note.%", "feedback.%"] : ["order.%", "return.%", "refund.%"];
  const subjectFilter = sql<boolean>`(${sql.join(
    types.map((t) => sql`type like ${t}`),
    sql` or `,
  )})`;
  let subjects = db
    .selectFrom("events")
    .select(["brand", column])
    // Every such event names its subject; saying so lets the subject's (partial) index serve.
    .where(column, "is not", null)
    .where(subjectFilter);
  if (brands !== null) subjects = subjects.where("brand", "in", brands);
  const row = await db
    .selectFrom(subjects.distinct().as("s"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
