import type { CaliperDb } from "../src/index.ts";
import { PROJECTION_TABLES } from "../src/index.ts";

/** Every projection table's rows, sorted, as plain JSON: equal snapshots mean equal projections. */
export async function snapshotProjections(cdb: CaliperDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of PROJECTION_TABLES) {
    const rows = await cdb.db.selectFrom(table).selectAll().execute();
    out[table] = rows
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))))
      .sort();
  }
  return out;
}
