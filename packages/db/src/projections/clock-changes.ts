import type { Insertable, Selectable, Transaction } from "kysely";
import type { Backend } from "../dialect.ts";
import type { ClocksTable, Database } from "../schema.ts";
import { runForRows } from "../raw-sql.ts";
import { type RowChange, sameValue, writeNarrowed } from "./narrow-upsert.ts";

const CLOCK_KEY = ["brand", "clock", "subject_id", "seq"] as const;
/**
 * Indexed clock columns that stay as they were when a clock stops or its ticket changes hands
 * (stopped_at and the attribution change; these do not): left out of the upsert unless changed.
 */
const STEADY_CLOCK_COLUMNS = ["ticket_id", "order_id", "period_at", "period_day", "started_at", "limit_deadline"];
const keyOf = (r: Pick<Selectable<ClocksTable>, (typeof CLOCK_KEY)[number]>): string =>
  `${r.brand}\u0000${r.clock}\u0000${r.subject_id}\u0000${r.seq}`;

/** True when every column of `next` holds what `stored` holds (NULL and absent alike). */
function sameRow(stored: Selectable<ClocksTable>, next: Insertable<ClocksTable>): boolean {
  const s = stored as unknown as Record<string, unknown>;
  for (const [column, value] of Object.entries(next)) if (!sameValue(s[column], value)) return false;
  return true;
}

/** What turns the stored clock rows of some subjects into their recomputed ones. */
export interface ClockChanges {
  /** New rows and rows whose columns changed (with the row stored before): written over the stored ones. */
  readonly upserts: RowChange<Insertable<ClocksTable>>[];
  /** Stored rows the recomputation no longer has. */
  readonly deletes: Selectable<ClocksTable>[];
}

/**
 * Compares the stored clock rows of the recomputed subjects with their new rows, by primary key.
 * A new event usually stops or starts one clock of its ticket and leaves the others as they were;
 * writing only what changed spares every clock index a delete and an insert per unchanged row.
 */
export function clockChanges(
  stored: Iterable<Selectable<ClocksTable>>,
  next: readonly Insertable<ClocksTable>[],
): ClockChanges {
  const old = new Map<string, Selectable<ClocksTable>>();
  for (const r of stored) old.set(keyOf(r), r);
  const upserts: RowChange<Insertable<ClocksTable>>[] = [];
  for (const r of next) {
    const k = keyOf(r as Selectable<ClocksTable>);
    const was = old.get(k);
    old.delete(k);
    if (!was || !sameRow(was, r)) upserts.push({ row: r, stored: was });
  }
  return { upserts, deletes: [...old.values()] };
}

/** Applies `clockChanges(stored, next)`: deletes the rows gone, writes the new and changed ones. */
export async function writeClockChanges(
  trx: Transaction<Database>,
  backend: Backend,
  stored: Iterable<Selectable<ClocksTable>>,
  next: readonly Insertable<ClocksTable>[],
): Promise<void> {
  const { upserts, deletes } = clockChanges(stored, next);
  await runForRows(
    trx,
    backend,
    { head: `delete from "clocks"`, condition: `"brand" = ? and "clock" = ? and "subject_id" = ? and "seq" = ?` },
    deletes,
    (r) => [r.brand, r.clock, r.subject_id, r.seq],
  );
  await writeNarrowed(trx, backend, "clocks", upserts, CLOCK_KEY, STEADY_CLOCK_COLUMNS);
}
