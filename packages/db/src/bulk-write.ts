import { CompiledQuery, type Kysely } from "kysely";
import type { Backend } from "./dialect.ts";
import type { Database } from "./schema.ts";

/**
 * Multi-row INSERT statements for the hot write paths (projections, rollups, rebuild), with
 * their SQL text built once per shape and kept: building a kysely query of a few hundred rows
 * costs more than SQLite takes to store them, and on SQLite the same text reuses the same
 * prepared statement (see `cachingStatements` in dialect.ts). Same SQL on both backends but
 * for the placeholders (`?` or `$n`).
 */

/** What happens to a row whose key already exists. */
export type OnConflict =
  /** Nothing may conflict (a table just emptied): a plain INSERT. */
  | { readonly kind: "none" }
  /** Every non-key column (or only those in `set`) takes the new row's value. */
  | { readonly kind: "replace"; readonly keys: readonly string[]; readonly set?: readonly string[] }
  /** Every non-key column adds the new row's value to the stored one (rollup counts). */
  | { readonly kind: "add"; readonly keys: readonly string[] }
  /** The stored row stays and the new one is dropped (idempotent appends). */
  | { readonly kind: "ignore"; readonly keys: readonly string[] };

export const PLAIN_INSERT: OnConflict = { kind: "none" };

/** Bound parameters per statement: well below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const MAX_PARAMETERS = 8_000;
/** Rows per statement at most, however few their columns. */
const MAX_ROWS = 500;

const statements = new Map<string, string>();

const quote = (id: string): string => `"${id.replaceAll('"', '""')}"`;

function statementText(
  backend: Backend,
  table: string,
  columns: readonly string[],
  conflict: OnConflict,
  rows: number,
  returning: readonly string[],
): string {
  const set = conflict.kind === "replace" && conflict.set ? conflict.set.join(",") : "";
  const id = `${backend}|${table}|${columns.join(",")}|${conflict.kind}|${conflict.kind === "none" ? "" : conflict.keys.join(",")}|${set}|${rows}|${returning.join(",")}`;
  const hit = statements.get(id);
  if (hit !== undefined) return hit;
  let n = 0;
  const placeholder = backend === "postgres" ? () => `$${++n}` : () => "?";
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(placeholder).join(", ")})`);
  let text = `insert into ${quote(table)} (${columns.map(quote).join(", ")}) values ${tuples.join(", ")}`;
  if (conflict.kind !== "none") {
    const only = conflict.kind === "replace" ? conflict.set : undefined;
    const rest = columns.filter((c) => !conflict.keys.includes(c) && (!only || only.includes(c)));
    const set = rest.map((c) =>
      conflict.kind === "add"
        ? `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`
        : `${quote(c)} = excluded.${quote(c)}`,
    );
    const action = conflict.kind === "ignore" || set.length === 0 ? "do nothing" : `do update set ${set.join(", ")}`;
    text += ` on conflict (${conflict.keys.map(quote).join(", ")}) ${action}`;
  }
  if (returning.length > 0) text += ` returning ${returning.map(quote).join(", ")}`;
  statements.set(id, text);
  return text;
}

/**
 * Statement sizes covering `n` rows: full statements of `per` rows, then the rest in powers of
 * two (37 rows: 32 + 4 + 1), so a table has a handful of statement shapes, not one per count.
 */
export function chunkSizes(n: number, per: number): number[] {
  const out: number[] = [];
  let left = n;
  while (left >= per) {
    out.push(per);
    left -= per;
  }
  for (let p = 2 ** Math.floor(Math.log2(Math.max(1, left))); left > 0; p /= 2)
    if (left >= p) {
      out.push(p);
      left -= p;
    }
  return out;
}

/**
 * Writes rows (objects with the same keys, the columns) into `table`, as many per statement as
 * the parameter limit allows. Missing values are written as NULL. Returns the `returning`
 * columns of the rows written (none unless asked for; with "ignore", only the rows stored now).
 */
export async function writeRows(
  db: Kysely<Database>,
  backend: Backend,
  table: keyof Database & string,
  rows: readonly object[],
  conflict: OnConflict = PLAIN_INSERT,
  returning: readonly string[] = [],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const first = rows[0];
  if (first === undefined) return out;
  const columns = Object.keys(first);
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  let i = 0;
  for (const size of chunkSizes(rows.length, per)) {
    const params: unknown[] = [];
    for (let r = i; r < i + size; r++) {
      const values = rows[r] as Record<string, unknown>;
      for (const c of columns) params.push(values[c] ?? null);
    }
    i += size;
    const res = await db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(statementText(backend, table, columns, conflict, size, returning), params),
    );
    if (returning.length > 0) for (const r of res.rows) out.push(r);
  }
  return out;
}
