import type { Kysely } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import type { Database, SpanKeyColumns } from "../schema.ts";
import { SPANS, type Span } from "../spans.ts";
import { runForRows, runSql } from "../raw-sql.ts";
import { addAll, SAME_SPAN_KEY, spanKeyParams, spanKeyText, spreadOverSpans } from "./span-keys.ts";

/** A span sketch's key: its span key and the duration metric it measures. */
export type SketchSpanKey = SpanKeyColumns & { metric: string };

/** Stored form of a sketch: a JSON array [bucket, count, bucket, count, …] in bucket order. */
export function encodeBuckets(buckets: ReadonlyMap<number, number>): string {
  const flat: number[] = [];
  for (const b of [...buckets.keys()].sort((x, y) => x - y)) {
    const n = buckets.get(b) ?? 0;
    if (n !== 0) flat.push(b, n);
  }
  return JSON.stringify(flat);
}

/**
 * A stored sketch with `changes` added: the same text as `encodeBuckets` of the sum, made by one
 * pass over the stored pairs (already in bucket order, none zero) and the sorted changes rather
 * than through a map of every bucket (a month's sketch holds hundreds, and each write of a small
 * group merges ~150 of them).
 */
export function addToBuckets(stored: string, changes: ReadonlyMap<number, number>): string {
  const flat = JSON.parse(stored) as number[];
  const add = [...changes].sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i + 1 < flat.length || j < add.length) {
    const b = i + 1 < flat.length ? (flat[i] as number) : Number.POSITIVE_INFINITY;
    const [cb, cn] = j < add.length ? (add[j] as [number, number]) : [Number.POSITIVE_INFINITY, 0];
    let bucket: number;
    let n: number;
    if (b < cb) {
      bucket = b;
      n = flat[i + 1] as number;
      i += 2;
    } else if (cb < b) {
      bucket = cb;
      n = cn;
      j++;
    } else {
      bucket = b;
      n = (flat[i + 1] as number) + cn;
      i += 2;
      j++;
    }
    if (n !== 0) out.push(bucket, n);
  }
  return JSON.stringify(out);
}

/** The buckets of a stored sketch, flat: [bucket, count, bucket, count, …]. */
export const decodeBuckets = (text: string): number[] => JSON.parse(text) as number[];

/** Calls `each(bucket, count)` for every bucket of a stored sketch. */
export function forEachBucket(text: string, each: (bucket: number, n: number) => void): void {
  const flat = decodeBuckets(text);
  for (let i = 0; i + 1 < flat.length; i += 2) each(flat[i] as number, flat[i + 1] as number);
}

const SEP = "\u001f";
const SKETCH_SPAN_KEY = ["brand", "span", "start", "scope", "agent", "metric"] as const;
const keyText = (k: SketchSpanKey): string => `${spanKeyText(k)}${SEP}${k.metric}`;

/**
 * Changes to rollup_sketch_span: every bucket change of a (brand, local day, agent) is applied to
 * the day, ISO week and month holding the day (or only the `kinds` given), for the brand and for
 * the agent. Filling the empty table from the per-day rows (span-backfill.ts) takes all three; a
 * write takes only the day, and marks the week and month for their refresh (span-refresh.ts).
 */
export class SketchSpanDelta {
  constructor(private readonly kinds: readonly Span[] = SPANS) {}

  /** Bucket changes per (brand, day, agent, metric), spread over the span sketches when written. */
  private readonly byDay = new Map<
    string,
    { brand: string; day: string; agent: string; metric: string; buckets: Map<number, number> }
  >();

  add(brand: string, day: string, agent: string, metric: string, bucket: number, n: number): void {
    if (n === 0) return;
    const id = `${brand}${SEP}${day}${SEP}${agent}${SEP}${metric}`;
    let entry = this.byDay.get(id);
    if (!entry) {
      entry = { brand, day, agent, metric, buckets: new Map<number, number>() };
      this.byDay.set(id, entry);
    }
    entry.buckets.set(bucket, (entry.buckets.get(bucket) ?? 0) + n);
  }

  /** The changes of every span sketch: each day's changes added to its spans. */
  private spanChanges(): Map<string, { key: SketchSpanKey; buckets: Map<number, number> }> {
    return spreadOverSpans(
      this.byDay.values(),
      (key, d) => keyText({ ...key, metric: d.metric }),
      (key, d) => ({ key: { ...key, metric: d.metric }, buckets: new Map<number, number>() }),
      (entry, d) => addAll(entry.buckets, d.buckets),
      this.kinds,
    );
  }

  /**
   * Merges the changes into the stored sketches (read, add, write back; a sketch left empty is
   * deleted). Rows are created first and read in key order, and on PostgreSQL locked FOR UPDATE,
   * so concurrent writers wait for each other instead of losing an update, and never deadlock.
   */
  async apply(db: Kysely<Database>, backend: Backend): Promise<void> {
    const changed = [...this.spanChanges()]
      .filter(([, c]) => [...c.buckets.values()].some((n) => n !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => c);
    for (let i = 0; i < changed.length; i += 100) await applyChunk(db, backend, changed.slice(i, i + 100));
  }

  /** Writes the sketches as new rows, without reading: for filling span tables known to be empty. */
  async insertNew(db: Kysely<Database>, backend: Backend): Promise<void> {
    const rows: Array<SketchSpanKey & { buckets: string }> = [];
    for (const { key, buckets } of this.spanChanges().values()) {
      const text = encodeBuckets(buckets);
      if (text !== "[]") rows.push({ ...key, buckets: text });
    }
    await writeRows(db, backend, "rollup_sketch_span", rows);
  }
}

const SAME_SKETCH_KEY = `${SAME_SPAN_KEY} and "metric" = ?`;
const sketchKeyParams = (k: SketchSpanKey): string[] => [...spanKeyParams(k), k.metric];

/** PostgreSQL: the stored sketches of the keys given as six arrays, in key order, locked. */
const PG_SELECT = `select * from "rollup_sketch_span" where ("brand", "span", "start", "scope", "agent", "metric") in (select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])) order by "brand", "span", "start", "scope", "agent", "metric" for update`;

async function applyChunk(
  db: Kysely<Database>,
  backend: Backend,
  chunk: ReadonlyArray<{ key: SketchSpanKey; buckets: Map<number, number> }>,
): Promise<void> {
  if (backend === "postgres")
    // Every row exists before it is read, so that FOR UPDATE locks it: a concurrent writer of a
    // new sketch then waits here instead of both inserting and one update being lost.
    await writeRows(
      db,
      backend,
      "rollup_sketch_span",
      chunk.map((c) => ({ ...c.key, buckets: "[]" })),
      { kind: "ignore", keys: SKETCH_SPAN_KEY },
    );
  const rows =
    backend === "postgres"
      ? await runSql<{ buckets: string } & SketchSpanKey>(
          db,
          backend,
          PG_SELECT,
          SKETCH_SPAN_KEY.map((c) => chunk.map(({ key }) => key[c])),
        )
      : await runForRows<SketchSpanKey, { buckets: string } & SketchSpanKey>(
          db,
          backend,
          { head: `select * from "rollup_sketch_span"`, condition: SAME_SKETCH_KEY },
          chunk.map((c) => c.key),
          sketchKeyParams,
        );
  const stored = new Map(rows.map((r) => [keyText(r), r.buckets]));
  const upserts: Array<SketchSpanKey & { buckets: string }> = [];
  const emptied: SketchSpanKey[] = [];
  for (const { key, buckets } of chunk) {
    const text = addToBuckets(stored.get(keyText(key)) ?? "[]", buckets);
    if (text !== "[]") upserts.push({ ...key, buckets: text });
    else if (stored.has(keyText(key))) emptied.push(key);
  }
  await runForRows(
    db,
    backend,
    { head: `delete from "rollup_sketch_span"`, condition: SAME_SKETCH_KEY },
    emptied,
    sketchKeyParams,
  );
  await writeRows(db, backend, "rollup_sketch_span", upserts, { kind: "replace", keys: SKETCH_SPAN_KEY });
}
