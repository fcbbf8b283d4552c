import { bucketIndex, type DurationMetric, ROLLUP_COUNT_FIELDS, type RollupCounts, zeroCounts } from "@caliper/metrics";
import type { Transaction } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import { runForRows } from "../raw-sql.ts";
import type { Database, RollupKeyColumns } from "../schema.ts";
import { COUNT_COLUMNS, toColumnValue } from "./count-columns.ts";
import { deleteEmptiedSla } from "./emptied-sla.ts";
import { CountSpanDelta } from "./count-spans.ts";
import { SketchSpanDelta } from "./sketch-spans.ts";
import { markLongSpans } from "./span-refresh.ts";

type FinishedStatus = "met" | "late" | "breached";

const SEP = "\u001f";
/** The key columns of every per-day rollup table. */
const ROLLUP_KEY = ["brand", "day", "agent", "category", "channel"] as const;
const keyOf = (k: RollupKeyColumns): string => [k.brand, k.day, k.agent, k.category, k.channel].join(SEP);
/** Only the key columns of a key (callers may pass objects with more fields). */
const pickKey = (k: RollupKeyColumns): RollupKeyColumns => ({
  brand: k.brand,
  day: k.day,
  agent: k.agent,
  category: k.category,
  channel: k.channel,
});

/**
 * Changes to the rollup tables collected during one write: contributions removed (old state)
 * and added (new state) net out, and only what changed is written.
 */
export class RollupDelta {
  private readonly counts = new Map<string, { key: RollupKeyColumns; counts: RollupCounts }>();
  private readonly buckets = new Map<string, { key: RollupKeyColumns; metric: string; bucket: number; n: number }>();
  private readonly sla = new Map<string, { key: RollupKeyColumns; clock: string } & Record<FinishedStatus, number>>();
  private readonly withSpans: boolean;

  /**
   * By default the day span rollups take the changes too, and the weeks and months holding the
   * changed days are marked for their refresh (span-refresh.ts). `spans: false` leaves the span
   * rollups alone: a rebuild fills them once at the end from the per-day rollups (span-backfill.ts).
   */
  constructor(options: { spans?: boolean } = {}) {
    this.withSpans = options.spans !== false;
  }

  /** Entries held: what memory the delta takes grows with this. */
  get size(): number {
    return this.counts.size + this.buckets.size + this.sla.size;
  }

  addCounts(key: RollupKeyColumns, c: RollupCounts, sign: 1 | -1): void {
    const k = keyOf(key);
    let entry = this.counts.get(k);
    if (!entry) {
      entry = { key, counts: zeroCounts() };
      this.counts.set(k, entry);
    }
    // Accumulate in stored units so that a contribution removed and re-added nets to exactly 0.
    for (const f of ROLLUP_COUNT_FIELDS) entry.counts[f] += sign * toColumnValue(f, c[f]);
  }

  addDuration(key: RollupKeyColumns, metric: DurationMetric, value: number, sign: 1 | -1): void {
    const bucket = bucketIndex(value);
    const k = `${keyOf(key)}${SEP}${metric}${SEP}${bucket}`;
    const entry = this.buckets.get(k);
    if (entry) entry.n += sign;
    else this.buckets.set(k, { key, metric, bucket, n: sign });
  }

  addClock(key: RollupKeyColumns, clock: string, status: FinishedStatus, sign: 1 | -1): void {
    const k = `${keyOf(key)}${SEP}${clock}`;
    let entry = this.sla.get(k);
    if (!entry) {
      entry = { key, clock, met: 0, late: 0, breached: 0 };
      this.sla.set(k, entry);
    }
    entry[status] += sign;
  }

  /** Applies the net changes with additive upserts, then drops rows that fell to zero. */
  async apply(trx: Transaction<Database>, backend: Backend): Promise<void> {
    const daily: Array<RollupKeyColumns & Record<(typeof COUNT_COLUMNS)[keyof RollupCounts], number>> = [];
    for (const { key, counts } of this.counts.values()) {
      if (!ROLLUP_COUNT_FIELDS.some((f) => counts[f] !== 0)) continue;
      const row = { ...pickKey(key) } as RollupKeyColumns & Record<(typeof COUNT_COLUMNS)[keyof RollupCounts], number>;
      for (const f of ROLLUP_COUNT_FIELDS) row[COUNT_COLUMNS[f]] = counts[f];
      daily.push(row);
    }
    await writeRows(trx, backend, "rollup_daily", daily, { kind: "add", keys: ROLLUP_KEY });
    const sketch: Array<RollupKeyColumns & { metric: string; bucket: number; n: number }> = [];
    for (const { key, metric, bucket, n } of this.buckets.values())
      if (n !== 0) sketch.push({ ...pickKey(key), metric, bucket, n });
    await writeRows(trx, backend, "rollup_sketch", sketch, { kind: "add", keys: [...ROLLUP_KEY, "metric", "bucket"] });
    const sla: Array<RollupKeyColumns & { clock: string } & Record<FinishedStatus, number>> = [];
    for (const { key, clock, met, late, breached } of this.sla.values())
      if (met !== 0 || late !== 0 || breached !== 0) sla.push({ ...pickKey(key), clock, met, late, breached });
    await writeRows(trx, backend, "rollup_sla", sla, { kind: "add", keys: [...ROLLUP_KEY, "clock"] });
    if (this.withSpans) {
      const countSpans = new CountSpanDelta(["day"]);
      const sketchSpans = new SketchSpanDelta(["day"]);
      // The row itself: addCounts reads only its count columns (no copy of each row without its key).
      for (const row of daily) countSpans.addCounts(row.brand, row.day, row.agent, row);
      for (const { brand, day, agent, clock, met, late, breached } of sla)
        countSpans.addClock(brand, day, agent, clock, { met, late, breached });
      for (const { brand, day, agent, metric, bucket, n } of sketch)
        sketchSpans.add(brand, day, agent, metric, bucket, n);
      await countSpans.apply(trx, backend);
      await sketchSpans.apply(trx, backend);
      await markLongSpans(trx, backend, [...daily, ...sketch, ...sla]);
    }
    await this.dropEmptied(trx, backend, daily, sketch, sla);
  }

  /**
   * Deletes rows that a negative change may have brought to zero, so the tables equal what a
   * rebuild (which never writes zeros) produces. Only rows this write touched are checked.
   */
  private async dropEmptied(
    trx: Transaction<Database>,
    backend: Backend,
    daily: ReadonlyArray<RollupKeyColumns & { created: number }>,
    sketch: ReadonlyArray<RollupKeyColumns & { metric: string; bucket: number; n: number }>,
    sla: ReadonlyArray<RollupKeyColumns & { clock: string; met: number; late: number; breached: number }>,
  ): Promise<void> {
    const key = `"brand" = ? and "day" = ? and "agent" = ? and "category" = ? and "channel" = ?`;
    const keyParams = (k: RollupKeyColumns) => [k.brand, k.day, k.agent, k.category, k.channel];
    const zeroCounts = Object.values(COUNT_COLUMNS)
      .map((col) => `"${col}" = 0`)
      .join(" and ");
    await runForRows(
      trx,
      backend,
      { head: `delete from "rollup_daily"`, condition: key, tail: `and ${zeroCounts}` },
      daily.filter((d) => d.created < 0),
      keyParams,
    );
    await runForRows(
      trx,
      backend,
      {
        head: `delete from "rollup_sketch"`,
        condition: `${key} and "metric" = ? and "bucket" = ?`,
        tail: `and "n" = 0`,
      },
      sketch.filter((s) => s.n < 0),
      (s) => [...keyParams(s), s.metric, s.bucket],
    );
    await deleteEmptiedSla(trx, backend, "rollup_sla", key, keyParams, sla);
  }
}
