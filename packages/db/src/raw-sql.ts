import { CompiledQuery, type Kysely } from "kysely";
import type { Backend } from "./dialect.ts";
import type { Database } from "./schema.ts";

/**
 * Fixed-text SQL for the hot projection reads and deletes, as `bulk-write.ts` is for the writes:
 * building a kysely query costs more than SQLite takes to run a keyed lookup, and a text seen
 * before reuses its prepared statement (see `cachingStatements` in dialect.ts). Texts use `?`
 * placeholders; PostgreSQL's `$n` form is derived once per text.
 */

const numbered = new Map<string, string>();

function forBackend(backend: Backend, text: string): string {
  if (backend === "sqlite") return text;
  let hit = numbered.get(text);
  if (hit === undefined) {
    let n = 0;
    hit = text.replace(/\?/g, () => `$${++n}`);
    numbered.set(text, hit);
  }
  return hit;
}

/** Runs one statement written with `?` placeholders; its rows (none for a DELETE without RETURNING). */
export async function runSql<R>(
  db: Kysely<Database>,
  backend: Backend,
  text: string,
  params: readonly unknown[],
): Promise<R[]> {
  const res = await db.executeQuery<R>(CompiledQuery.raw(forBackend(backend, text), params as unknown[]));
  return res.rows as R[];
}

/** Most values in one IN list. */
export const IN_LIST_MAX = 512;

/**
 * The values of an IN list padded to a power of two by repeating the last one, so that a
 * statement has a handful of texts instead of one per length (a repeated value changes nothing
 * an IN matches). At most IN_LIST_MAX values; callers split longer lists.
 */
export function paddedList<T>(values: readonly T[]): T[] {
  const last = values[values.length - 1];
  if (last === undefined) return [];
  if (values.length > IN_LIST_MAX) throw new RangeError(`an IN list takes at most ${IN_LIST_MAX} values`);
  const out = [...values];
  const size = 2 ** Math.ceil(Math.log2(values.length));
  while (out.length < size) out.push(last);
  return out;
}

const lists = new Map<number, string>();

/** `(?, ?, …)` for n values. */
export function placeholders(n: number): string {
  let hit = lists.get(n);
  if (hit === undefined) {
    hit = `(${Array.from({ length: n }, () => "?").join(", ")})`;
    lists.set(n, hit);
  }
  return hit;
}

/**
 * Runs `text` once per slice of `values`, with `$in` in the text (written `"column" in $in`)
 * standing for the slice: on SQLite a padded placeholder list of at most IN_LIST_MAX values, on
 * PostgreSQL one array parameter (`= any($n)`, the same text for any length). `params` are bound
 * before the slice.
 */
export async function runForList<R, T>(
  db: Kysely<Database>,
  backend: Backend,
  text: string,
  params: readonly unknown[],
  values: readonly T[],
): Promise<R[]> {
  const out: R[] = [];
  if (backend === "postgres") {
    const anyText = text.replace(" in $in", " = any(?)");
    for (let i = 0; i < values.length; i += PG_LIST_MAX)
      for (const r of await runSql<R>(db, backend, anyText, [...params, values.slice(i, i + PG_LIST_MAX)])) out.push(r);
    return out;
  }
  for (let i = 0; i < values.length; i += IN_LIST_MAX) {
    const list = paddedList(values.slice(i, i + IN_LIST_MAX));
    for (const r of await runSql<R>(db, backend, text.replace("$in", placeholders(list.length)), [...params, ...list]))
      out.push(r);
  }
  return out;
}

/** PostgreSQL: values in one `= any($n)` array. */
const PG_LIST_MAX = 10_000;

/** Most rows one keyed statement names. */
export const KEYED_MAX = 64;
const keyedTexts = new Map<string, string>();

/**
 * Runs `${head} where ((condition) or (condition) …) ${tail}` for the given rows, one `condition`
 * (with `params(row)` bound to its `?`s) per row: one statement for up to KEYED_MAX rows instead
 * of one each — a round trip each on PostgreSQL. Rows are padded to a power of two by repeating
 * the last, so each statement has a handful of texts; a repeated condition matches nothing more.
 * Returns what the statements return (the rows of a SELECT; none for a DELETE).
 */
export async function runForRows<T, R = never>(
  db: Kysely<Database>,
  backend: Backend,
  statement: { head: string; condition: string; tail?: string },
  rows: readonly T[],
  params: (row: T) => readonly unknown[],
): Promise<R[]> {
  const out: R[] = [];
  const tail = statement.tail ?? "";
  for (let i = 0; i < rows.length; i += KEYED_MAX) {
    const chunk = paddedList(rows.slice(i, i + KEYED_MAX));
    const id = `${statement.head}|${statement.condition}|${tail}|${chunk.length}`;
    let text = keyedTexts.get(id);
    if (text === undefined) {
      const terms = Array.from({ length: chunk.length }, () => `(${statement.condition})`).join(" or ");
      text = `${statement.head} where (${terms}) ${tail}`.trimEnd();
      keyedTexts.set(id, text);
    }
    for (const r of await runSql<R>(db, backend, text, chunk.flatMap(params))) out.push(r);
  }
  return out;
}

/**
 * Rows of `${head} where <subject matches>` for subjects given as (brand, id) pairs, `column`
 * naming the id: on SQLite one statement per brand (`"brand" = ? and column in (…)`); on
 * PostgreSQL one for all brands, the pairs as two arrays (`("brand", column) in (select * from
 * unnest(…))`, planned as index lookups), so a write touching five brands makes one round trip.
 */
export async function runForSubjects<R>(
  db: Kysely<Database>,
  backend: Backend,
  head: string,
  column: string,
  subjects: ReadonlyMap<string, readonly string[]>,
): Promise<R[]> {
  if (backend === "postgres") {
    const brands: string[] = [];
    const ids: string[] = [];
    for (const [brand, list] of subjects)
      for (const id of list) {
        brands.push(brand);
        ids.push(id);
      }
    if (ids.length === 0) return [];
    return runSql<R>(
      db,
      backend,
      `${head} where ("brand", "${column}") in (select * from unnest(?::text[], ?::text[]))`,
      [brands, ids],
    );
  }
  const out: R[] = [];
  for (const [brand, list] of subjects)
    for (const r of await runForList<R, string>(
      db,
      backend,
      `${head} where "brand" = ? and "${column}" in $in`,
      [brand],
      list,
    ))
      out.push(r);
  return out;
}
