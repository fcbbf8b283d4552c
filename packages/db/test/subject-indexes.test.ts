import type { CaliperEvent } from "@caliper/domain";
import { sampleHistory } from "@caliper/metrics/testing";
import { loadPolicySet } from "@caliper/policy";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvents } from "../src/index.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

/**
 * The subject indexes of the log and the clocks hold only rows that have the subject (migration
 * 010): lookups by ticket or order, as projections and pages make them, still go through them,
 * and find exactly the rows a full scan finds.
 */
/** Rows in one order whatever the plan's. */
const sorted = (rows: readonly Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

const LOOKUPS = [
  { table: "events", index: "events_ticket_idx", column: "ticket_id" },
  { table: "events", index: "events_order_idx", column: "order_id" },
  { table: "clocks", index: "clocks_ticket_idx", column: "ticket_id" },
  { table: "clocks", index: "clocks_order_idx", column: "order_id" },
] as const;

describe.each(TEST_BACKENDS)("subject indexes (%s)", (backend) => {
  let t: TestDatabase;
  let events: CaliperEvent[];
  beforeAll(async () => {
    t = await createTestDatabase(backend);
    events = sampleHistory({ brands: ["acme"], minTickets: 40, maxTickets: 40, minOrders: 20, maxOrders: 20 }, 5);
    await appendEvents(t.cdb, { backend, policies: loadPolicySet() }, events);
    // Statistics, as a store in use has them (SQLite's optimize on open, PostgreSQL's autovacuum).
    await sql`analyze`.execute(t.cdb.db);
  });
  afterAll(() => t.drop());

  const idsOf = (column: "ticket_id" | "order_id") => [
    ...new Set(events.map((e) => (column === "ticket_id" ? e.ticketId : e.orderId)).filter((id) => id !== undefined)),
  ];

  it.each(LOOKUPS)("$table by $column goes through $index and finds what a scan finds", async (l) => {
    const ids = idsOf(l.column).slice(0, 7);
    expect(ids.length).toBeGreaterThan(0);
    // As projections read them (raw-sql.ts, runForSubjects): an IN list on SQLite, unnest on PostgreSQL.
    const quoted = ids.map((id) => `'${id}'`).join(", ");
    const where =
      backend === "sqlite"
        ? `brand = 'acme' and ${l.column} in (${quoted})`
        : `(brand, ${l.column}) in (select * from unnest(array[${ids.map(() => "'acme'").join(", ")}]::text[], array[${quoted}]::text[]))`;
    const query = (hint: string) => sql.raw<Record<string, unknown>>(`select * from ${l.table} ${hint} where ${where}`);
    if (backend === "sqlite") {
      const raw = t.cdb.sqlite as NonNullable<typeof t.cdb.sqlite>;
      const text = query("").compile(t.cdb.db).sql;
      const plan = (raw.prepare(`explain query plan ${text}`).all() as { detail: string }[]).map((r) => r.detail);
      expect(plan.join(" | ")).toContain(`USING INDEX ${l.index}`);
      const viaIndex = sorted((await query("").execute(t.cdb.db)).rows);
      const scanned = sorted((await query("not indexed").execute(t.cdb.db)).rows);
      expect(viaIndex.length).toBeGreaterThan(0);
      expect(viaIndex).toEqual(scanned);
      return;
    }
    await t.cdb.db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn);
      const plan = (await sql.raw<{ "QUERY PLAN": string }>(`explain ${query("").compile(conn).sql}`).execute(conn))
        .rows;
      expect(plan.map((r) => r["QUERY PLAN"]).join(" | ")).toContain(l.index);
      const viaIndex = sorted((await query("").execute(conn)).rows);
      await sql`set enable_seqscan = on`.execute(conn);
      await sql`set enable_indexscan = off`.execute(conn);
      await sql`set enable_bitmapscan = off`.execute(conn);
      const scanned = sorted((await query("").execute(conn)).rows);
      await sql`reset all`.execute(conn);
      expect(viaIndex.length).toBeGreaterThan(0);
      expect(viaIndex).toEqual(scanned);
    });
  });
});
