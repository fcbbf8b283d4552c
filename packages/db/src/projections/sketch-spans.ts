import type { Kysely } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import type { Database, SpanKeyColumns } from "../schema.ts";
import { addAll, spanKeyText, spreadOverSpans } from "./span-keys.ts";

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

/** Calls `each(bucket, count)` for every bucket of a stored sketch. */
export function forEachBucket(text: string, each: (bucket: number, n: number) => void): void {
  const flat = JSON.parse(text) as number[];
  for (let i = 0; i + 1 < flat.length; i += 2) each(flat[i] as number, flat[i + 1] as number);
}

const SEP = "\u001f";
const keyText = (k: SketchSpanKey): string => `${spanKeyText(k)}${SEP}${k.metric}`;

/**
 * The span sketches of per-day sketch rows, for filling rollup_sketch_span while it is empty
 * (span-backfill.ts): every bucket of a day counts in the day, ISO week and month, for the brand
 * and for the agent: six sketches. (Ingest leaves the spans to span-refresh.ts.)
 */
export class SketchSpanDelta {
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

  /** The changes of every span sketch: each day's changes added to its six spans. */
  private spanChanges(): Map<string, { key: SketchSpanKey; buckets: Map<number, number> }> {
    return spreadOverSpans(
      this.byDay.values(),
      (key, d) => keyText({ ...key, metric: d.metric }),
      (key, d) => ({ key: { ...key, metric: d.metric }, buckets: new Map<number, number>() }),
      (entry, d) => addAll(entry.buckets, d.buckets),
    );
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
