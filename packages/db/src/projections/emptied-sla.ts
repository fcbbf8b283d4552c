import type { Kysely } from "kysely";
import type { Backend } from "../dialect.ts";
import { runForRows } from "../raw-sql.ts";
import type { Database } from "../schema.ts";

/** One SLA rollup change: a clock's met, late and breached counts added to a row. */
interface SlaChange {
  readonly clock: string;
  readonly met: number;
  readonly late: number;
  readonly breached: number;
}

/**
 * After the additive upsert of `changes` into an SLA rollup table (`rollup_sla` per day,
 * `rollup_sla_span` per span), deletes the rows they emptied: only a change that took something
 * away can leave met, late and breached all 0. `key` is the table's key condition without the
 * clock, with `keyParams(change)` bound to its `?`s.
 */
export async function deleteEmptiedSla<C extends SlaChange>(
  db: Kysely<Database>,
  backend: Backend,
  table: "rollup_sla" | "rollup_sla_span",
  key: string,
  keyParams: (change: C) => readonly unknown[],
  changes: readonly C[],
): Promise<void> {
  await runForRows(
    db,
    backend,
    {
      head: `delete from "${table}"`,
      condition: `${key} and "clock" = ?`,
      tail: `and "met" = 0 and "late" = 0 and "breached" = 0`,
    },
    changes.filter((c) => c.met < 0 || c.late < 0 || c.breached < 0),
    (c) => [...keyParams(c), c.clock],
  );
}
