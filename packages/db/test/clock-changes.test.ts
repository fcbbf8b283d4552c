import fc from "fast-check";
import type { Insertable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockChanges, writeClockChanges } from "../src/projections/clock-changes.ts";
import { writeNarrowed } from "../src/projections/narrow-upsert.ts";
import type { ClocksTable } from "../src/schema.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

const clock = (
  subject: string,
  seq: number,
  stoppedAt: string | null,
  agent = "ana",
  periodAt = "2025-03-03T09:00:00.000Z",
): Insertable<ClocksTable> => ({
  brand: "acme",
  clock: "reply",
  subject_id: subject,
  seq,
  ticket_id: subject,
  order_id: null,
  period_at: periodAt,
  period_day: "2025-03-03",
  agent,
  category: "order",
  channel: "email",
  started_at: `2025-03-03T09:0${seq}:00.000Z`,
  stopped_at: stoppedAt,
  measure: "business",
  target_text: "24h",
  limit_text: "48h",
  target_deadline: "2025-03-04T09:00:00.000Z",
  limit_deadline: "2025-03-05T09:00:00.000Z",
  factor: 1,
});
const stored = (r: Insertable<ClocksTable>) => ({ ...r, factor: 1.0 }) as never;

describe("clockChanges", () => {
  it("writes nothing for rows that did not change, and only the changed, new and removed ones otherwise", () => {
    const before = [clock("t1", 0, null), clock("t1", 1, null), clock("t2", 0, "2025-03-03T10:00:00.000Z")];
    expect(clockChanges(before.map(stored), before)).toEqual({ upserts: [], deletes: [] });
    const after = [clock("t1", 0, "2025-03-03T11:00:00.000Z"), clock("t1", 2, null), before[2] as never];
    const { upserts, deletes } = clockChanges(before.map(stored), after);
    expect(upserts.map((u) => u.row)).toEqual([after[0], after[1]]);
    expect(upserts.map((u) => u.stored)).toEqual([stored(before[0] as never), undefined]);
    expect(deletes.map((d) => [d.subject_id, d.seq])).toEqual([["t1", 1]]);
  });
});

const rowArb = fc.record({
  subject: fc.constantFrom("t1", "t2", "t3"),
  seq: fc.integer({ min: 0, max: 3 }),
  stopped: fc.option(fc.constantFrom("2025-03-03T10:00:00.000Z", "2025-03-04T10:00:00.000Z"), { nil: null }),
  agent: fc.constantFrom("ana", "bo"),
  // An indexed column that rarely changes: a change takes the full upsert, none the narrow one.
  periodAt: fc.constantFrom("2025-03-03T09:00:00.000Z", "2025-03-02T09:00:00.000Z"),
});
const rowsArb = fc
  .uniqueArray(rowArb, { selector: (r) => `${r.subject}/${r.seq}` })
  .map((rs) => rs.map((r) => clock(r.subject, r.seq, r.stopped, r.agent, r.periodAt)));

describe.each(TEST_BACKENDS)("writeClockChanges (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(() => t.drop());

  it("leaves exactly the recomputed rows, whatever was stored before", async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, rowsArb, async (before, after) => {
        const db = t.cdb.db;
        await db.deleteFrom("clocks").execute();
        if (before.length > 0) await db.insertInto("clocks").values(before).execute();
        await db.transaction().execute(async (trx) => {
          const current = await trx.selectFrom("clocks").selectAll().execute();
          await writeClockChanges(trx, backend, current, after);
        });
        const rows = await db.selectFrom("clocks").selectAll().orderBy("subject_id").orderBy("seq").execute();
        const want = [...after].sort((a, b) => a.subject_id.localeCompare(b.subject_id) || a.seq - b.seq);
        expect(rows).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});

describe.each(TEST_BACKENDS)("writeNarrowed (%s)", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(() => t.drop());

  it("leaves steady columns out of the SET only when they did not change, and writes the rest", async () => {
    const db = t.cdb.db;
    const before = [clock("t1", 0, null), clock("t2", 0, null)];
    await db.insertInto("clocks").values(before).execute();
    // Behind the caller's back: a steady column of t1 differs in the table from the row passed
    // as stored, so the narrow upsert (which trusts `stored`) must leave the table's value alone.
    await db
      .updateTable("clocks")
      .set({ started_at: "2025-03-03T08:00:00.000Z" })
      .where("subject_id", "=", "t1")
      .execute();
    const t1 = clock("t1", 0, "2025-03-03T10:00:00.000Z", "bo");
    const t2 = clock("t2", 0, null, "ana", "2025-03-02T09:00:00.000Z");
    const t3 = clock("t3", 0, null);
    await db.transaction().execute((trx) =>
      writeNarrowed(
        trx,
        backend,
        "clocks",
        [
          { row: t1, stored: before[0] },
          { row: t2, stored: before[1] },
          { row: t3, stored: undefined },
        ],
        ["brand", "clock", "subject_id", "seq"],
        ["period_at", "started_at"],
      ),
    );
    const rows = await db.selectFrom("clocks").selectAll().orderBy("subject_id").execute();
    expect(rows).toEqual([{ ...t1, started_at: "2025-03-03T08:00:00.000Z" }, t2, t3]);
  });
});
