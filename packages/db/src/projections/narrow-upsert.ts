import type { Kysely } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import type { Database } from "../schema.ts";

/** A recomputed row and the row stored for the same key before (absent for a new row). */
export interface RowChange<T extends object> {
  readonly row: T;
  readonly stored: object | undefined;
}

/** Two column values are the same when equal, NULL and absent counting as one. */
export const sameValue = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

/**
 * Writes recomputed rows over their stored ones with upserts whose SET list leaves out the
 * `steady` columns whenever none of them changed. SQLite rewrites the entry of every index whose
 * columns an UPDATE sets, even to the same value (measured: 500 upserts of random rows dirtied
 * 1,335 pages of write-ahead log with the indexed columns in the SET list, 500 without), so
 * naming only what can have changed keeps a ticket's or clock's steady indexes (creation time,
 * agent, rating; period and start) out of the write. The INSERT part still carries every column,
 * so a row that was not stored after all is written whole. New rows, and rows whose steady
 * columns changed, get the full upsert.
 */
export async function writeNarrowed<T extends object>(
  db: Kysely<Database>,
  backend: Backend,
  table: keyof Database & string,
  changes: readonly RowChange<T>[],
  keys: readonly string[],
  steady: readonly string[],
): Promise<void> {
  const full: T[] = [];
  const narrow: T[] = [];
  for (const { row, stored } of changes) {
    const r = row as Record<string, unknown>;
    const s = stored as Record<string, unknown> | undefined;
    if (s && steady.every((c) => sameValue(r[c], s[c]))) narrow.push(row);
    else full.push(row);
  }
  await writeRows(db, backend, table, full, { kind: "replace", keys });
  const first = narrow[0];
  if (first === undefined) return;
  const set = Object.keys(first).filter((c) => !keys.includes(c) && !steady.includes(c));
  await writeRows(db, backend, table, narrow, { kind: "replace", keys, set });
}
