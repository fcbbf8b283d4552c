import type { Kysely } from "kysely";
import { writeRows } from "../bulk-write.ts";
import type { Backend } from "../dialect.ts";
import type { Database, RollupDailySpanTable, SpanKeyColumns } from "../schema.ts";
import { SPANS, type Span } from "../spans.ts";
import { runForRows } from "../raw-sql.ts";
import { COUNT_COLUMN_NAMES } from "./count-columns.ts";
import { deleteEmptiedSla } from "./emptied-sla.ts";
import { addAll, SAME_SPAN_KEY, spanKeyParams, spanKeyText, spreadOverSpans } from "./span-keys.ts";

type CountColumn = Exclude<keyof RollupDailySpanTable, keyof SpanKeyColumns>;
type SlaCounts = { met: number; late: number; breached: number };

const SEP = "\u001f";

/**
 * Changes to rollup_daily_span and rollup_sla_span collected during one write: rollup_daily's
 * and rollup_sla's changes summed over the day, ISO week and month of creation, for the brand
 * and for the ticket's agent. Applied with additive upserts; rows that fall to zero are deleted.
 */
export class CountSpanDelta {
  /** `kinds`: the spans changes count in (default day, week and month; a write takes only the day). */
  constructor(private readonly kinds: readonly Span[] = SPANS) {}

  /** Changes per (brand, day, agent), spread over their span rows (two per kind) when written. */
  private readonly counts = new Map<
    string,
    { brand: string; day: string; agent: string; values: Map<CountColumn, number> }
  >();
  private readonly sla = new Map<
    string,
    { brand: string; day: string; agent: string; clock: string; values: SlaCounts }
  >();

  /**
   * Adds the stored count columns (durations already in milliseconds) of one rollup_daily change; `values` may
   * be the whole row, other fields are not read.
   */
  addCounts(brand: string, day: string, agent: string, values: Readonly<Record<CountColumn, number>>): void {
    const id = `${brand}${SEP}${day}${SEP}${agent}`;
    let entry = this.counts.get(id);
    if (!entry) {
      entry = { brand, day, agent, values: new Map<CountColumn, number>() };
      this.counts.set(id, entry);
    }
    for (const col of COUNT_COLUMN_NAMES) entry.values.set(col, (entry.values.get(col) ?? 0) + values[col]);
  }

  addClock(brand: string, day: string, agent: string, clock: string, change: Readonly<SlaCounts>): void {
    const id = `${brand}${SEP}${day}${SEP}${agent}${SEP}${clock}`;
    let entry = this.sla.get(id);
    if (!entry) {
      entry = { brand, day, agent, clock, values: { met: 0, late: 0, breached: 0 } };
      this.sla.set(id, entry);
    }
    entry.values.met += change.met;
    entry.values.late += change.late;
    entry.values.breached += change.breached;
  }

  /** The change of every span row: each day's change added to its six spans. */
  private spanCounts(): Map<string, { key: SpanKeyColumns; values: Map<CountColumn, number> }> {
    return spreadOverSpans(
      this.counts.values(),
      (key) => spanKeyText(key),
      (key) => ({ key, values: new Map<CountColumn, number>() }),
      (entry, d) => addAll(entry.values, d.values),
      this.kinds,
    );
  }

  private spanSla(): Map<string, { key: SpanKeyColumns; clock: string; values: SlaCounts }> {
    return spreadOverSpans(
      this.sla.values(),
      (key, d) => `${spanKeyText(key)}${SEP}${d.clock}`,
      (key, d) => ({ key, clock: d.clock, values: { met: 0, late: 0, breached: 0 } }),
      (entry, d) => {
        entry.values.met += d.values.met;
        entry.values.late += d.values.late;
        entry.values.breached += d.values.breached;
      },
      this.kinds,
    );
  }

  /**
   * Writes the changes. Rows are written in key order, so that concurrent writers on PostgreSQL
   * lock shared rows in the same order and wait for each other rather than deadlock.
   */
  async apply(db: Kysely<Database>, backend: Backend): Promise<void> {
    const byKey = <T>(m: Map<string, T>): T[] =>
      [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    const counts: Array<SpanKeyColumns & Record<CountColumn, number>> = [];
    for (const { key, values } of byKey(this.spanCounts())) {
      // One object per row, its key then its columns, built in place (no spread of a map's entries).
      const row = { brand: key.brand, span: key.span, start: key.start, scope: key.scope, agent: key.agent };
      let changed = false;
      for (const [col, v] of values) {
        (row as Record<string, unknown>)[col] = v;
        if (v !== 0) changed = true;
      }
      if (changed) counts.push(row as SpanKeyColumns & Record<CountColumn, number>);
    }
    await writeRows(db, backend, "rollup_daily_span", counts, { kind: "add", keys: SPAN_KEY_COLUMNS });
    // A row can only fall to zero when a ticket left it (created went down); then it goes.
    const emptied = counts.filter((c) => c.created < 0);
    const zero = Object.keys(emptied[0] ?? {})
      .filter((c) => !(c in SPAN_KEY))
      .map((c) => `"${c}" = 0`)
      .join(" and ");
    await runForRows(
      db,
      backend,
      { head: `delete from "rollup_daily_span"`, condition: SAME_SPAN_KEY, tail: `and ${zero}` },
      emptied,
      spanKeyParams,
    );

    const sla = byKey(this.spanSla())
      .filter((s) => s.values.met !== 0 || s.values.late !== 0 || s.values.breached !== 0)
      .map((s) => ({ ...s.key, clock: s.clock, ...s.values }));
    await writeRows(db, backend, "rollup_sla_span", sla, { kind: "add", keys: [...SPAN_KEY_COLUMNS, "clock"] });
    await deleteEmptiedSla(db, backend, "rollup_sla_span", SAME_SPAN_KEY, spanKeyParams, sla);
  }
}

const SPAN_KEY: Record<keyof SpanKeyColumns, true> = { brand: true, span: true, start: true, scope: true, agent: true };
const SPAN_KEY_COLUMNS = Object.keys(SPAN_KEY);
