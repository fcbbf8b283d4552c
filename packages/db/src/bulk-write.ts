import { CompiledQuery, type Kysely } from "kysely";
import type { Backend } from "./dialect.ts";
import type { Database } from "./schema.ts";

/**
 * Multi-row INSERT statements for the hot write paths (projections, rollups, rebuild), with
 * their SQL text built once per shape and kept: building a kysely query of a few hundred rows
 * costs more than SQLite takes to store them, and on SQLite the same text reuses the same
 * prepared statement (see `cachingStatements` in dialect.ts). SQLite gets multi-row VALUES in a
 * few power-of-two sizes; PostgreSQL one `INSERT … SELECT * FROM unnest(…)` of typed arrays per
 * write (see `unnestText`). The ON CONFLICT clause is the same on both.
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

/** What makes two writes the same statement but for their row count. */
function shapeId(
  table: string,
  columns: readonly string[],
  conflict: OnConflict,
  returning: readonly string[],
): string {
  const keys = conflict.kind === "none" ? "" : conflict.keys.join(",");
  const set = conflict.kind === "replace" && conflict.set ? conflict.set.join(",") : "";
  return `${table}|${columns.join(",")}|${conflict.kind}|${keys}|${set}|${returning.join(",")}`;
}

/** SQLite: the multi-row VALUES insert of `rows` rows. */
function statementText(
  table: string,
  columns: readonly string[],
  conflict: OnConflict,
  rows: number,
  returning: readonly string[],
): string {
  const id = `${shapeId(table, columns, conflict, returning)}|${rows}`;
  const hit = statements.get(id);
  if (hit !== undefined) return hit;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(tuple);
  const text = `insert into ${quote(table)} (${columns.map(quote).join(", ")}) values ${tuples.join(", ")}${conflictClause(table, columns, conflict)}${returningClause(returning)}`;
  statements.set(id, text);
  return text;
}

/** ` on conflict (…) do …` for a multi-row insert of `columns`, or "" when nothing may conflict. */
function conflictClause(table: string, columns: readonly string[], conflict: OnConflict): string {
  if (conflict.kind === "none") return "";
  const only = conflict.kind === "replace" ? conflict.set : undefined;
  const rest = columns.filter((c) => !conflict.keys.includes(c) && (!only || only.includes(c)));
  const set = rest.map((c) =>
    conflict.kind === "add"
      ? `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`
      : `${quote(c)} = excluded.${quote(c)}`,
  );
  const action = conflict.kind === "ignore" || set.length === 0 ? "do nothing" : `do update set ${set.join(", ")}`;
  return ` on conflict (${conflict.keys.map(quote).join(", ")}) ${action}`;
}

/** ` returning …` for the given columns, or "" for none. */
const returningClause = (returning: readonly string[]): string =>
  returning.length > 0 ? ` returning ${returning.map(quote).join(", ")}` : "";

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
  if (backend === "postgres") {
    const text = await unnestText(db, table, columns, conflict, returning);
    for (let i = 0; i < rows.length; i += PG_MAX_ROWS) {
      const chunk = rows.slice(i, i + PG_MAX_ROWS) as readonly Record<string, unknown>[];
      const params = columns.map((c) => chunk.map((r) => r[c] ?? null));
      const res = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
      if (returning.length > 0) for (const r of res.rows) out.push(r);
    }
    return out;
  }
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
      CompiledQuery.raw(statementText(table, columns, conflict, size, returning), params),
    );
    if (returning.length > 0) for (const r of res.rows) out.push(r);
  }
  return out;
}

/** PostgreSQL: rows per statement (one array parameter per column, so no parameter limit applies). */
const PG_MAX_ROWS = 10_000;

/** PostgreSQL: the SQL type of each column of a table, as `format_type` spells it, read once. */
const pgColumnTypes = new Map<string, ReadonlyMap<string, string>>();

async function columnTypes(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  const hit = pgColumnTypes.get(table);
  // Every schema of a database has the same tables (one set of migrations); read again only
  // when a column is missing, as when a migration added it after the first read.
  if (hit && columns.every((c) => hit.has(c))) return hit;
  const res = await db.executeQuery<{ name: string; type: string }>(
    CompiledQuery.raw(
      "select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped",
      [table],
    ),
  );
  const types = new Map(res.rows.map((r) => [r.name, r.type]));
  pgColumnTypes.set(table, types);
  return types;
}

const unnestTexts = new Map<string, string>();

/**
 * PostgreSQL: `insert … select * from unnest($1::type[], $2::type[], …)`, one array per column:
 * the same text for any number of rows, so a write is one statement — one round trip — where
 * multi-row VALUES needed one per power-of-two chunk (37 rows: 32 + 4 + 1), each parsed and
 * planned anew.
 */
async function unnestText(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  conflict: OnConflict,
  returning: readonly string[],
): Promise<string> {
  const id = shapeId(table, columns, conflict, returning);
  const hit = unnestTexts.get(id);
  if (hit !== undefined) return hit;
  const types = await columnTypes(db, table, columns);
  const arrays = columns.map((c, i) => {
    const type = types.get(c);
    if (type === undefined) throw new Error(`table ${table} has no column ${c}`);
    return `$${i + 1}::${type}[]`;
  });
  const text = `insert into ${quote(table)} (${columns.map(quote).join(", ")}) select * from unnest(${arrays.join(", ")})${conflictClause(table, columns, conflict)}${returningClause(returning)}`;
  unnestTexts.set(id, text);
  return text;
}
