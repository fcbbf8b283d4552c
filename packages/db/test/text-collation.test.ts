import type { CaliperEvent } from "@caliper/domain";
import { loadPolicySet } from "@caliper/policy";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { appendEvents, queryClocks } from "../src/index.ts";
import { migrateToLatest } from "../src/migrations/index.ts";
import { createTestDatabase, TEST_BACKENDS, TEST_PG_URL, type TestDatabase } from "../src/testing.ts";

/**
 * Text compares bytewise on both backends (migration 013): the same rows come back in the same
 * order on SQLite and on PostgreSQL, whatever collation the PostgreSQL database was created with.
 */

const policies = loadPolicySet();

/** Ticket ids that a locale orders differently from their bytes: case, punctuation, digits, accents. */
const IDS = ["Zoe", "ana", "_bot", "b-o", "bo", "B", "a10", "a9", "é", "e", "Ä", "z", "A b", "a.b"];
const bytewise = (xs: readonly string[]): string[] =>
  [...xs].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));

/** A ticket.created event for each of IDS, the i-th at `at(i)`. */
const createdEvents = (at: (i: number) => string): CaliperEvent[] =>
  IDS.map(
    (ticketId, i) =>
      ({
        id: `created-${i}`,
        type: "ticket.created",
        brand: "acme",
        ticketId,
        at: at(i),
        actor: { type: "customer", id: `c${i}` },
        data: { channel: "email", category: "order" },
      }) as CaliperEvent,
  );

/**
 * A database on the test server whose default collation is ICU's "en-US" (created once and kept),
 * or null when the server has no ICU collations.
 */
async function icuServer(): Promise<string | null> {
  const url = new URL(TEST_PG_URL);
  const name = `${url.pathname.slice(1) || "postgres"}_icu_en_us`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    const icu = await admin.query("select 1 from pg_collation where collprovider = 'i' limit 1");
    if (icu.rowCount === 0) return null;
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0)
      try {
        await admin.query(
          `create database "${name}" template template0 encoding 'UTF8' locale_provider icu icu_locale 'en-US'`,
        );
      } catch (err) {
        // Another test process created it meanwhile.
        const code = (err as { code?: string }).code;
        if (code !== "42P04" && code !== "23505") throw err;
      }
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

const ICU = TEST_BACKENDS.includes("postgres") ? await icuServer() : null;
const targets: { label: string; backend: (typeof TEST_BACKENDS)[number]; pgUrl?: string }[] = [
  ...TEST_BACKENDS.map((backend) => ({ label: backend, backend })),
  ...(ICU
    ? [{ label: "postgres, a database created with ICU's en-US collation", backend: "postgres" as const, pgUrl: ICU }]
    : []),
];

describe.each(targets)("text order on $label", ({ backend, pgUrl }) => {
  const open: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of open) await t.drop();
  });
  const fresh = async () => {
    const t = await createTestDatabase(backend, pgUrl ? { pgUrl } : {});
    open.push(t);
    return t;
  };

  it.skipIf(!pgUrl)("the database's own collation is not bytewise, so the tests below could fail here", async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      const r = await c.query<{ before: boolean }>("select 'ana' < 'Zoe' as before");
      expect(r.rows[0]?.before).toBe(true);
    } finally {
      await c.end();
    }
  });

  it("every text column of the schema compares bytewise", async () => {
    const t = await fresh();
    if (backend === "sqlite") {
      // SQLite compares text bytewise (BINARY) unless a column declares otherwise: none does.
      const defs = await sql<{ sql: string }>`select sql from sqlite_master where sql is not null`.execute(t.cdb.db);
      expect(defs.rows.filter((r) => /collate/i.test(r.sql))).toEqual([]);
      return;
    }
    const other = await sql<{ column: string; collation: string | null }>`
      select c.table_name || '.' || c.column_name as "column", c.collation_name as collation
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.data_type = 'text'
        and c.table_name not like 'kysely\\_%' and c.collation_name is distinct from 'C'`.execute(t.cdb.db);
    expect(other.rows).toEqual([]);
  });

  it("the SLA clocks page lists tickets opened at the same moment in the bytes' order of their ids, page after page", async () => {
    const t = await fresh();
    // Every ticket opened at the same moment: only their ids order their clocks.
    await appendEvents(
      t.cdb,
      { backend, policies },
      createdEvents(() => "2026-03-02T09:00:00.000Z"),
    );
    const listed: { clock: string; ticketId: string | null }[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await queryClocks(t.cdb, policies, {
        brand: "acme",
        asOf: "2026-03-02T10:00:00.000Z",
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of page.clocks) listed.push({ clock: c.clock, ticketId: c.ticketId });
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    // Clocks of one start are listed by clock, then by ticket: each clock's tickets in order.
    const clocks = [...new Set(listed.map((c) => c.clock))];
    expect(clocks).toEqual(bytewise(clocks));
    expect(clocks.length).toBeGreaterThan(0);
    for (const clock of clocks)
      expect(listed.filter((c) => c.clock === clock).map((c) => c.ticketId)).toEqual(bytewise(IDS));
  });

  it("a range over ids keeps to the bytes' order", async () => {
    const t = await fresh();
    await t.cdb.db
      .insertInto("caliper_meta")
      .values(IDS.map((key) => ({ key, value: "" })))
      .execute();
    const rows = await t.cdb.db
      .selectFrom("caliper_meta")
      .select("key")
      .where("key", "in", IDS)
      .where("key", ">", "Zoe")
      .orderBy("key")
      .execute();
    expect(rows.map((r) => r.key)).toEqual(
      bytewise(IDS).filter((k) => Buffer.compare(Buffer.from(k), Buffer.from("Zoe")) > 0),
    );
  });

  it.skipIf(backend !== "postgres")(
    "an existing store migrates with its rows and its planner statistics (a type change drops them)",
    async () => {
      const t = await fresh();
      const db = t.cdb.db;
      // The store as the release before 013 left it: tickets' and events' text in the default collation.
      for (const table of ["tickets", "events"]) {
        const columns = await sql<{ name: string }>`
          select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} and data_type = 'text'`.execute(db);
        await sql`alter table ${sql.id(table)} ${sql.join(
          columns.rows.map((c) => sql`alter column ${sql.id(c.name)} type text collate "default"`),
        )}`.execute(db);
      }
      await sql`delete from kysely_migration where name = '013_bytewise_text'`.execute(db);
      await appendEvents(
        t.cdb,
        { backend, policies },
        createdEvents((i) => `2026-03-02T09:00:0${i % 10}.000Z`),
      );
      await sql`analyze tickets`.execute(db);
      const stats = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_stats
            where schemaname = current_schema() and tablename = 'tickets'`.execute(db)
        ).rows[0]?.n;
      const before = await stats();
      expect(before).toBeGreaterThan(0);

      const result = await migrateToLatest(db, backend);
      expect(result.results?.map((r) => r.migrationName)).toEqual(["013_bytewise_text"]);
      expect(await stats()).toBe(before);
      const ids = await db.selectFrom("tickets").select("ticket_id").orderBy("ticket_id").execute();
      expect(ids.map((r) => r.ticket_id)).toEqual(bytewise(IDS));
    },
  );
});
