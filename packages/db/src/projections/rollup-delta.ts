import { bucketIndex, type DurationMetric, ROLLUP_COUNT_FIELDS, type RollupCounts, zeroCounts } from "@caliper/metrics";
import type { ExpressionBuilder, Transaction } from "kysely";
import type { Backend } from "../dialect.ts";
import type { Database, RollupKeyColumns } from "../schema.ts";
import { CountSpanDelta } from "./count-spans.ts";
import { SketchSpanDelta } from "./sketch-spans.ts";

type FinishedStatus = "met" | "late" | "breached";

/** Column of each count field; duration sums are stored in whole milliseconds. */
export const COUNT_COLUMNS = {
  created: "created",
  solved: "solved",
  frtCount: "frt_count",
  awaiting: "awaiting",
  frtSum: "frt_sum_ms",
  frtBusinessSum: "frt_business_sum_ms",
  resolutionCount: "resolution_count",
  resolutionSum: "resolution_sum_ms",
  fcr: "fcr",
  reopened: "reopened",
  csatResponses: "csat_responses",
  csatSatisfied: "csat_satisfied",
  csatRatingSum: "csat_rating_sum",
  flags: "flags",
} as const satisfies Record<keyof RollupCounts, string>;

const MS_FIELDS: ReadonlySet<keyof RollupCounts> = new Set(["frtSum", "frtBusinessSum", "resolutionSum"]);

/** A count field as stored: durations in whole milliseconds. */
export const toColumnValue = (field: keyof RollupCounts, v: number): number =>
  MS_FIELDS.has(field) ? Math.round(v * 1000) : v;
/** A stored column value back as a count field (seconds for durations). */
export const fromColumnValue = (field: keyof RollupCounts, v: number): number => (MS_FIELDS.has(field) ? v / 1000 : v);

const SEP = "\u001f";
const keyOf = (k: RollupKeyColumns): string => [k.brand, k.day, k.agent, k.category, k.channel].join(SEP);
const parseKey = (s: string): RollupKeyColumns => {
  const [brand, day, agent, category, channel] = s.split(SEP) as [string, string, string, string, string];
  return { brand, day, agent, category, channel };
};

/**
 * Changes to the rollup tables collected during one write: contributions removed (old state)
 * and added (new state) net out, and only what changed is written.
 */
export class RollupDelta {
  private readonly counts = new Map<string, RollupCounts>();
  private readonly buckets = new Map<string, number>();
  private readonly sla = new Map<string, Record<FinishedStatus, number>>();
  private readonly spans = new SketchSpanDelta();
  private readonly countSpans = new CountSpanDelta();
  private readonly withSpans: boolean;

  /** `spans: false` leaves the span rollups alone (see ProjectionContext.deferSpanRollups). */
  constructor(options: { spans?: boolean } = {}) {
    this.withSpans = options.spans !== false;
  }

  addCounts(key: RollupKeyColumns, c: RollupCounts, sign: 1 | -1): void {
    const k = keyOf(key);
    const row = this.counts.get(k) ?? zeroCounts();
    this.counts.set(k, row);
    // Accumulate in stored units so that a contribution removed and re-added nets to exactly 0.
    for (const f of ROLLUP_COUNT_FIELDS) row[f] += sign * toColumnValue(f, c[f]);
  }

  addDuration(key: RollupKeyColumns, metric: DurationMetric, value: number, sign: 1 | -1): void {
    const k = `${keyOf(key)}${SEP}${metric}${SEP}${bucketIndex(value)}`;
    this.buckets.set(k, (this.buckets.get(k) ?? 0) + sign);
  }

  addClock(key: RollupKeyColumns, clock: string, status: FinishedStatus, sign: 1 | -1): void {
    const k = `${keyOf(key)}${SEP}${clock}`;
    const row = this.sla.get(k) ?? { met: 0, late: 0, breached: 0 };
    this.sla.set(k, row);
    row[status] += sign;
  }

  /** Applies the net changes with additive upserts, then drops rows that fell to zero. */
  async apply(trx: Transaction<Database>, backend: Backend): Promise<void> {
    const daily = [...this.counts]
      .filter(([, c]) => ROLLUP_COUNT_FIELDS.some((f) => c[f] !== 0))
      .map(([k, c]) => ({
        ...parseKey(k),
        ...(Object.fromEntries(ROLLUP_COUNT_FIELDS.map((f) => [COUNT_COLUMNS[f], c[f]])) as Record<
          (typeof COUNT_COLUMNS)[keyof RollupCounts],
          number
        >),
      }));
    for (let i = 0; i < daily.length; i += 100) {
      await trx
        .insertInto("rollup_daily")
        .values(daily.slice(i, i + 100))
        .onConflict((oc) =>
          oc
            .columns(["brand", "day", "agent", "category", "channel"])
            .doUpdateSet((eb) =>
              Object.fromEntries(
                Object.values(COUNT_COLUMNS).map((col) => [
                  col,
                  eb(eb.ref(`rollup_daily.${col}`), "+", eb.ref(`excluded.${col}`)),
                ]),
              ),
            ),
        )
        .execute();
    }
    const sketch = [...this.buckets]
      .filter(([, n]) => n !== 0)
      .map(([k, n]) => {
        const parts = k.split(SEP);
        const bucket = Number(parts.pop());
        const metric = parts.pop() as string;
        return { ...parseKey(parts.join(SEP)), metric, bucket, n };
      });
    for (let i = 0; i < sketch.length; i += 200) {
      await trx
        .insertInto("rollup_sketch")
        .values(sketch.slice(i, i + 200))
        .onConflict((oc) =>
          oc
            .columns(["brand", "metric", "day", "agent", "category", "channel", "bucket"])
            .doUpdateSet((eb) => ({ n: eb(eb.ref("rollup_sketch.n"), "+", eb.ref("excluded.n")) })),
        )
        .execute();
    }
    const sla = [...this.sla]
      .filter(([, s]) => s.met !== 0 || s.late !== 0 || s.breached !== 0)
      .map(([k, s]) => {
        const parts = k.split(SEP);
        const clock = parts.pop() as string;
        return { ...parseKey(parts.join(SEP)), clock, ...s };
      });
    for (let i = 0; i < sla.length; i += 100) {
      await trx
        .insertInto("rollup_sla")
        .values(sla.slice(i, i + 100))
        .onConflict((oc) =>
          oc.columns(["brand", "day", "agent", "category", "channel", "clock"]).doUpdateSet((eb) => ({
            met: eb(eb.ref("rollup_sla.met"), "+", eb.ref("excluded.met")),
            late: eb(eb.ref("rollup_sla.late"), "+", eb.ref("excluded.late")),
            breached: eb(eb.ref("rollup_sla.breached"), "+", eb.ref("excluded.breached")),
          })),
        )
        .execute();
    }
    if (this.withSpans) {
      for (const { brand, day, agent, category: _c, channel: _ch, ...values } of daily)
        this.countSpans.addCounts(brand, day, agent, values);
      for (const { brand, day, agent, clock, met, late, breached } of sla)
        this.countSpans.addClock(brand, day, agent, clock, { met, late, breached });
      for (const { brand, day, agent, metric, bucket, n } of sketch)
        this.spans.add(brand, day, agent, metric, bucket, n);
      await this.countSpans.apply(trx);
      await this.spans.apply(trx, backend);
    }
    await this.dropEmptied(trx, daily, sketch, sla);
  }

  /**
   * Deletes rows that a negative change may have brought to zero, so the tables equal what a
   * rebuild (which never writes zeros) produces. Only rows this write touched are checked.
   */
  private async dropEmptied(
    trx: Transaction<Database>,
    daily: ReadonlyArray<RollupKeyColumns & { created: number }>,
    sketch: ReadonlyArray<RollupKeyColumns & { metric: string; bucket: number; n: number }>,
    sla: ReadonlyArray<RollupKeyColumns & { clock: string; met: number; late: number; breached: number }>,
  ): Promise<void> {
    const sameKey =
      (k: RollupKeyColumns) => (eb: ExpressionBuilder<Database, "rollup_daily" | "rollup_sketch" | "rollup_sla">) =>
        eb.and([
          eb("brand", "=", k.brand),
          eb("day", "=", k.day),
          eb("agent", "=", k.agent),
          eb("category", "=", k.category),
          eb("channel", "=", k.channel),
        ]);
    for (const k of daily.filter((d) => d.created < 0))
      await trx
        .deleteFrom("rollup_daily")
        .where(sameKey(k))
        .where((eb) => eb.and(Object.values(COUNT_COLUMNS).map((col) => eb(col, "=", 0))))
        .execute();
    const emptied = new Map<string, { key: RollupKeyColumns & { metric: string }; buckets: number[] }>();
    for (const s of sketch) {
      if (s.n >= 0) continue;
      const id = `${keyOf(s)}${SEP}${s.metric}`;
      const entry = emptied.get(id) ?? { key: s, buckets: [] };
      entry.buckets.push(s.bucket);
      emptied.set(id, entry);
    }
    for (const { key, buckets } of emptied.values())
      for (let i = 0; i < buckets.length; i += 200)
        await trx
          .deleteFrom("rollup_sketch")
          .where(sameKey(key))
          .where("metric", "=", key.metric)
          .where("bucket", "in", buckets.slice(i, i + 200))
          .where("n", "=", 0)
          .execute();
    for (const s of sla.filter((r) => r.met < 0 || r.late < 0 || r.breached < 0))
      await trx
        .deleteFrom("rollup_sla")
        .where(sameKey(s))
        .where("clock", "=", s.clock)
        .where("met", "=", 0)
        .where("late", "=", 0)
        .where("breached", "=", 0)
        .execute();
  }
}
