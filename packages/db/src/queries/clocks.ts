import { type ClockInstance, type ClockName, type ClockState, clockState, type PolicySet } from "@caliper/policy";
import type { ExpressionBuilder, Selectable } from "kysely";
import type { CaliperDb } from "../database.ts";
import { rowToClock } from "../projections/clock-rows.ts";
import type { ClocksTable, Database } from "../schema.ts";
import { indexedTable } from "./index-hint.ts";

export type ClockStatusFilter = "met" | "late" | "breached" | "running" | "atRisk";

export interface ClocksQuery {
  brand: string;
  asOf: string;
  clock?: ClockName | undefined;
  status?: ClockStatusFilter | undefined;
  /** Period (ticket creation / order placement) bounds, half-open. */
  from?: string | undefined;
  to?: string | undefined;
  agent?: string | undefined;
  ticketId?: string | undefined;
  orderId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface ClockView extends ClockState {
  clock: ClockName;
  ticketId: string | null;
  orderId: string | null;
  startedAt: string;
  /** Null while running at asOf (a stop after asOf has not happened yet). */
  stoppedAt: string | null;
  target: string;
  limit: string;
  targetDeadline: string;
  limitDeadline: string;
  agent: string | null;
}

/** An expression builder over a query whose FROM has `clocks` (alone or joined; its columns are named unqualified). */
export type Eb = ExpressionBuilder<Database, "clocks">;

/** SQL for "stopped by asOf" and the status filters of DESIGN.md §5, from the precomputed deadlines. */
const stoppedBy = (eb: Eb, asOf: string) => eb.and([eb("stopped_at", "is not", null), eb("stopped_at", "<=", asOf)]);
const notStoppedBy = (eb: Eb, asOf: string) => eb.or([eb("stopped_at", "is", null), eb("stopped_at", ">", asOf)]);

export function statusCondition(eb: Eb, status: ClockStatusFilter, asOf: string) {
  switch (status) {
    case "met":
      return eb.and([stoppedBy(eb, asOf), eb("stopped_at", "<=", eb.ref("target_deadline"))]);
    case "late":
      return eb.and([
        stoppedBy(eb, asOf),
        eb("stopped_at", ">", eb.ref("target_deadline")),
        eb("stopped_at", "<=", eb.ref("limit_deadline")),
      ]);
    case "breached":
      return eb.or([
        eb.and([stoppedBy(eb, asOf), eb("stopped_at", ">", eb.ref("limit_deadline"))]),
        eb.and([notStoppedBy(eb, asOf), eb("limit_deadline", "<", asOf)]),
      ]);
    case "running":
      return eb.and([notStoppedBy(eb, asOf), eb("limit_deadline", ">=", asOf)]);
    case "atRisk":
      return eb.and([notStoppedBy(eb, asOf), eb("limit_deadline", ">=", asOf), eb("target_deadline", "<", asOf)]);
  }
}

interface Cursor {
  s: string;
  c: string;
  i: string;
  q: number;
}
const encodeCursor = (r: Selectable<ClocksTable>): string =>
  Buffer.from(JSON.stringify({ s: r.started_at, c: r.clock, i: r.subject_id, q: r.seq } satisfies Cursor)).toString(
    "base64url",
  );

export function decodeCursor(text: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<Cursor>;
    const ok = (v: unknown): v is string =>
      typeof v === "string" && v.length <= 400 && !v.includes("\u0000") && v.isWellFormed();
    return ok(c.s) && ok(c.c) && ok(c.i) && Number.isInteger(c.q) && (c.q as number) >= 0 && (c.q as number) < 2 ** 31
      ? (c as Cursor)
      : null;
  } catch {
    return null;
  }
}

export function clockView(inst: ClockInstance, agent: string | null, asOf: string, state: ClockState): ClockView {
  return {
    clock: inst.clock,
    ticketId: inst.ticketId,
    orderId: inst.orderId,
    ...state,
    startedAt: inst.startedAt,
    stoppedAt: inst.stoppedAt !== null && inst.stoppedAt <= asOf ? inst.stoppedAt : null,
    target: inst.target,
    limit: inst.limit,
    targetDeadline: inst.targetDeadline,
    limitDeadline: inst.limitDeadline,
    agent,
  };
}

/**
 * GET /v1/sla/clocks: clock instances that had started by asOf, with their status at asOf,
 * oldest first (by start), paginated with an opaque cursor.
 */
export async function queryClocks(
  cdb: CaliperDb,
  policies: PolicySet,
  q: ClocksQuery,
): Promise<{ clocks: ClockView[]; nextCursor: string | null }> {
  // Clocks open at asOf are few, and clocks_running_idx finds them; SQLite's planner would rather
  // walk the page order (clocks_page_idx) through every clock of the brand, so it is told.
  const open = q.status === "running" || q.status === "atRisk";
  const table =
    open && q.ticketId === undefined && q.orderId === undefined
      ? indexedTable(cdb, "clocks", "clocks_running_idx")
      : "clocks";
  let sel = cdb.db.selectFrom(table).selectAll().where("brand", "=", q.brand).where("started_at", "<=", q.asOf);
  if (q.clock) sel = sel.where("clock", "=", q.clock);
  if (q.from) sel = sel.where("period_at", ">=", q.from);
  if (q.to) sel = sel.where("period_at", "<", q.to);
  if (q.agent !== undefined) sel = sel.where("agent", "=", q.agent);
  if (q.ticketId !== undefined) sel = sel.where("ticket_id", "=", q.ticketId);
  if (q.orderId !== undefined) sel = sel.where("order_id", "=", q.orderId);
  const status = q.status;
  if (status) sel = sel.where((eb) => statusCondition(eb, status, q.asOf));
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (cursor)
    sel = sel.where((eb) =>
      eb.or([
        eb("started_at", ">", cursor.s),
        eb.and([eb("started_at", "=", cursor.s), eb("clock", ">", cursor.c)]),
        eb.and([eb("started_at", "=", cursor.s), eb("clock", "=", cursor.c), eb("subject_id", ">", cursor.i)]),
        eb.and([
          eb("started_at", "=", cursor.s),
          eb("clock", "=", cursor.c),
          eb("subject_id", "=", cursor.i),
          eb("seq", ">", cursor.q),
        ]),
      ]),
    );
  const rows = await sel
    .orderBy("started_at")
    .orderBy("clock")
    .orderBy("subject_id")
    .orderBy("seq")
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const cal = policies.calendar(q.brand);
  return {
    clocks: page.map((r) => {
      const inst = rowToClock(r);
      return clockView(inst, r.agent === "" ? null : r.agent, q.asOf, clockState(inst, q.asOf, cal));
    }),
    nextCursor:
      rows.length > q.limit && page.length > 0 ? encodeCursor(page[page.length - 1] as Selectable<ClocksTable>) : null,
  };
}
