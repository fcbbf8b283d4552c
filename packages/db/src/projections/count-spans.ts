import type { Kysely } from "kysely";
import type { Database, RollupDailySpanTable, SpanKeyColumns } from "../schema.ts";
import { sameSpanKey, spanKeysOf, spanKeyText } from "./span-keys.ts";

type CountColumn = Exclude<keyof RollupDailySpanTable, keyof SpanKeyColumns>;
type SlaCounts = { met: number; late: number; breached: number };

const SEP = "\u001f";

/**
 * Changes to rollup_daily_span and rollup_sla_span collected during one write: rollup_daily's
 * and rollup_sla's changes summed over the day, ISO week and month of creation, for the brand
 * and for the ticket's agent. Applied with additive upserts; rows that fall to zero are deleted.
 */
export class CountSpanDelta {
  private readonly counts = new Map<string, { key: SpanKeyColumns; values: Map<CountColumn, number> }>();
  private readonly sla = new Map<string, { key: SpanKeyColumns; clock: string; values: SlaCounts }>();

  /** Adds stored column values (durations already in milliseconds) of one rollup_daily change. */
  addCounts(brand: string, day: string, agent: string, values: Readonly<Record<CountColumn, number>>): void {
    for (const key of spanKeysOf(brand, day, agent)) {
      const id = spanKeyText(key);
      const entry = this.counts.get(id) ?? { key, values: new Map<CountColumn, number>() };
      this.counts.set(id, entry);
      for (const [col, v] of Object.entries(values) as Array<[CountColumn, number]>)
        entry.values.set(col, (entry.values.get(col) ?? 0) + v);
    }
  }

  addClock(brand: string, day: string, agent: string, clock: string, change: Readonly<SlaCounts>): void {
    for (const key of spanKeysOf(brand, day, agent)) {
      const id = `${spanKeyText(key)}${SEP}${clock}`;
      const entry = this.sla.get(id) ?? { key, clock, values: { met: 0, late: 0, breached: 0 } };
      this.sla.set(id, entry);
      entry.values.met += change.met;
      entry.values.late += change.late;
      entry.values.breached += change.breached;
    }
  }

  /**
   * Writes the changes. Rows are written in key order, so that concurrent writers on PostgreSQL
   * lock shared rows in the same order and wait for each other rather than deadlock.
   */
  async apply(db: Kysely<Database>): Promise<void> {
    const byKey = <T>(m: Map<string, T>): T[] =>
      [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    const counts = byKey(this.counts)
      .filter((c) => [...c.values.values()].some((v) => v !== 0))
      .map((c) => ({ ...c.key, ...(Object.fromEntries(c.values) as Record<CountColumn, number>) }));
    for (let i = 0; i < counts.length; i += 100) {
      const chunk = counts.slice(i, i + 100);
      const columns = Object.keys(chunk[0] ?? {}).filter((c) => !(c in SPAN_KEY)) as CountColumn[];
      await db
        .insertInto("rollup_daily_span")
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns(["brand", "span", "start", "scope", "agent"])
            .doUpdateSet((eb) =>
              Object.fromEntries(
                columns.map((col) => [col, eb(eb.ref(`rollup_daily_span.${col}`), "+", eb.ref(`excluded.${col}`))]),
              ),
            ),
        )
        .execute();
    }
    // A row can only fall to zero when a ticket left it (created went down); then it goes.
    for (const row of counts.filter((c) => c.created < 0)) {
      const columns = Object.keys(row).filter((c) => !(c in SPAN_KEY)) as CountColumn[];
      await db
        .deleteFrom("rollup_daily_span")
        .where(sameSpanKey(row))
        .where((eb) => eb.and(columns.map((col) => eb(col, "=", 0))))
        .execute();
    }

    const sla = byKey(this.sla)
      .filter((s) => s.values.met !== 0 || s.values.late !== 0 || s.values.breached !== 0)
      .map((s) => ({ ...s.key, clock: s.clock, ...s.values }));
    for (let i = 0; i < sla.length; i += 100)
      await db
        .insertInto("rollup_sla_span")
        .values(sla.slice(i, i + 100))
        .onConflict((oc) =>
          oc.columns(["brand", "span", "start", "scope", "agent", "clock"]).doUpdateSet((eb) => ({
            met: eb(eb.ref("rollup_sla_span.met"), "+", eb.ref("excluded.met")),
            late: eb(eb.ref("rollup_sla_span.late"), "+", eb.ref("excluded.late")),
            breached: eb(eb.ref("rollup_sla_span.breached"), "+", eb.ref("excluded.breached")),
          })),
        )
        .execute();
    for (const row of sla.filter((s) => s.met < 0 || s.late < 0 || s.breached < 0))
      await db
        .deleteFrom("rollup_sla_span")
        .where(sameSpanKey(row))
        .where("clock", "=", row.clock)
        .where("met", "=", 0)
        .where("late", "=", 0)
        .where("breached", "=", 0)
        .execute();
  }
}

const SPAN_KEY: Record<keyof SpanKeyColumns, true> = { brand: true, span: true, start: true, scope: true, agent: true };
