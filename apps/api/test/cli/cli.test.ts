import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CaliperDb, openDatabase } from "@caliper/db";
import { snapshotProjections } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/import/index.ts";
import { runCli, serveOnce } from "./run-cli.ts";

const TWCS = join(__dirname, "../fixtures/twcs/twcs-sample.csv");

/** Runs `fn` on the store at `path`, opened for it and closed after. */
async function withDb<T>(path: string, fn: (cdb: CaliperDb) => Promise<T>): Promise<T> {
  const cdb = await openDatabase(path);
  try {
    return await fn(cdb);
  } finally {
    await cdb.close();
  }
}

describe("caliper CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "caliper-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a bad policy file at start, listing every problem, with a non-zero exit", async () => {
    const file = join(dir, "bad-policies.json");
    writeFileSync(
      file,
      JSON.stringify({
        brands: {
          shop: {
            timezone: "Mars/Olympus",
            workingHours: {
              monday: [["09:00", "17:00"]],
              tue: [
                ["09:00", "13:00"],
                ["12:00", "17:00"],
              ],
            },
            clocks: { first_response: { target: "24 hours", limit: "48h" }, teleport: { target: "1h", limit: "2h" } },
          },
        },
      }),
    );
    const r = await runCli(["serve", "--db", join(dir, "x.db"), "--policies", file, "--port", "0"]);
    expect(r.code).toBe(2);
    for (const path of [
      "brands.shop.timezone",
      "brands.shop.workingHours.monday",
      "brands.shop.workingHours.tue",
      "brands.shop.clocks.first_response.target",
      "brands.shop.clocks.teleport",
    ])
      expect(r.stderr).toContain(path);
  });

  it("exits when serve cannot start (port taken, a bad setting) instead of hanging after the error", async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, "127.0.0.1", done));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const busy = await runCli(["serve", "--db", join(dir, "busy.db"), "--port", port], {}, 20_000);
      expect(busy.stderr).toContain("EADDRINUSE");
      expect(busy.code).toBe(1);
      const rate = await runCli(
        ["serve", "--db", join(dir, "busy.db"), "--port", "0"],
        { CALIPER_RATE_LIMIT: "lots" },
        20_000,
      );
      expect(rate.stderr).toContain("CALIPER_RATE_LIMIT must be a whole number");
      expect(rate.code).toBe(2);
      // An address this machine does not have: the setting is named, not just getaddrinfo's code.
      const host = await runCli(
        ["serve", "--db", join(dir, "busy.db"), "--port", "0"],
        { CALIPER_HOST: "10.255.255.1" },
        20_000,
      );
      expect(host.stderr).toContain(
        "CALIPER_HOST '10.255.255.1' is not an address of this machine to listen on (EADDRNOTAVAIL)",
      );
      expect(host.code).toBe(2);
      const metricsHost = await runCli(
        ["serve", "--db", join(dir, "busy.db"), "--port", "0"],
        { CALIPER_METRICS_PORT: "0", CALIPER_METRICS_HOST: "10.255.255.1" },
        20_000,
      );
      expect(metricsHost.stderr).toContain("CALIPER_METRICS_HOST '10.255.255.1' is not an address");
      expect(metricsHost.code).toBe(2);
    } finally {
      await new Promise((done) => taken.close(done));
    }
  }, 45_000);

  it("names the environment variable, not a flag, when PORT or CALIPER_METRICS_PORT is not a port (or CALIPER_PUBLIC_URL not a URL)", async () => {
    const db = join(dir, "env.db");
    const port = await runCli(["serve", "--db", db], { PORT: "http" }, 20_000);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("PORT must be a whole number between 0 and 65535, not 'http'");
    expect(port.stderr).not.toContain("--port must");
    const metrics = await runCli(["serve", "--db", db, "--port", "0"], { CALIPER_METRICS_PORT: "9464x" }, 20_000);
    expect(metrics.code).toBe(2);
    expect(metrics.stderr).toContain("CALIPER_METRICS_PORT must be a whole number between 0 and 65535, not '9464x'");
    expect(metrics.stderr).not.toContain("--CALIPER_METRICS_PORT");
    const url = await runCli(["serve", "--db", db, "--port", "0"], { CALIPER_PUBLIC_URL: "qa.example.com" }, 20_000);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain("CALIPER_PUBLIC_URL must be an absolute http(s) URL");
  }, 45_000);

  it("adds a Chatwoot connector: the URL without a doubled slash, an unknown inbox channel named", async () => {
    const db = join(dir, "connectors.db");
    const added = await runCli([
      "connectors",
      "add",
      "chatwoot",
      "--brand",
      "my-store",
      "--url",
      "https://caliper.example.com/",
      "--db",
      db,
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout.split("\n")[0]).toBe("https://caliper.example.com/v1/connectors/chatwoot/my-store");
    const bad = await runCli(["connectors", "add", "chatwoot", "--brand", "my-store", "--inbox", "3=fax", "--db", db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'fax' is not a channel (contact_form, email, chat, phone, social)");
    // The webhook URL is built on --url: one Chatwoot could not reach is refused, naming the flag.
    const badUrl = await runCli([
      "connectors",
      "add",
      "chatwoot",
      "--brand",
      "my-store",
      "--url",
      "caliper.example.com",
      "--db",
      db,
    ]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain("--url must be an absolute http(s) URL such as https://qa.example.com");
    expect(badUrl.stdout).toBe("");
  });

  it("creates keys shown once (alone on the last line), lists them without secrets, revokes them", async () => {
    const db = join(dir, "keys.db");
    const created = await runCli([
      "keys",
      "create",
      "--role",
      "manager",
      "--brand",
      "jewelry",
      "--label",
      "Ops",
      "--db",
      db,
    ]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split("\n").at(-1) as string;
    expect(key).toMatch(/^cal_[A-Za-z0-9_-]{43}$/);
    const list = await runCli(["keys", "list", "--json", "--db", db]);
    const keys = JSON.parse(list.stdout);
    expect(keys).toHaveLength(1);
    expect(list.stdout).not.toContain(key);
    expect(keys[0]).toMatchObject({ role: "manager", brands: ["jewelry"], label: "Ops", revokedAt: null });
    const cdb = await openDatabase(db);
    const stored = await cdb.db.selectFrom("api_keys").selectAll().execute();
    await cdb.close();
    expect(JSON.stringify(stored)).not.toContain(key);
    expect((await runCli(["keys", "revoke", keys[0].id, "--db", db])).code).toBe(0);
    expect(JSON.parse((await runCli(["keys", "list", "--json", "--db", db])).stdout)[0].revokedAt).not.toBeNull();
    const bad = await runCli(["keys", "create", "--role", "agent", "--brand", "jewelry", "--db", db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--agent");
  });

  it("imports to the same projections whatever --batch is, and refuses a batch over 20,000", async () => {
    const tables = async (db: string) => {
      const cdb = await openDatabase(db);
      try {
        return {
          tickets: await cdb.db.selectFrom("tickets").selectAll().orderBy("brand").orderBy("ticket_id").execute(),
          clocks: await cdb.db
            .selectFrom("clocks")
            .selectAll()
            .orderBy("brand")
            .orderBy("clock")
            .orderBy("subject_id")
            .orderBy("seq")
            .execute(),
          daily: await cdb.db
            .selectFrom("rollup_daily")
            .selectAll()
            .orderBy("brand")
            .orderBy("day")
            .orderBy("agent")
            .orderBy("category")
            .orderBy("channel")
            .execute(),
        };
      } finally {
        await cdb.close();
      }
    };
    const small = join(dir, "batch-7.db");
    const whole = join(dir, "batch-default.db");
    expect((await runCli(["import", "--format", "twcs", "--batch", "7", "--db", small, TWCS])).code).toBe(0);
    expect((await runCli(["import", "--format", "twcs", "--db", whole, TWCS])).code).toBe(0);
    const a = await tables(small);
    expect(a.tickets.length).toBeGreaterThan(10);
    expect(a).toEqual(await tables(whole));
    const tooBig = await runCli(["import", "--format", "twcs", "--batch", "20001", "--db", small, TWCS]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain("--batch");
  });

  it("imports into an empty store with --bulk to the same tables, and refuses --bulk where events are", async () => {
    const tables = (db: string) => withDb(db, (cdb) => snapshotProjections(cdb, { omit: ["seq"] }));
    const bulk = join(dir, "bulk.db");
    const live = join(dir, "bulk-live.db");
    const plain = await runCli(["import", "--format", "twcs", "--db", live, TWCS]);
    expect(plain.code).toBe(0);
    // Into an empty store without --bulk, the CLI says what --bulk would do.
    expect(plain.stderr).toContain("The store is empty: --bulk would load it faster");
    const r = await runCli(["import", "--format", "twcs", "--bulk", "--db", bulk, TWCS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("93 rows in");
    expect(r.stderr).toContain("(bulk load)");
    expect(r.stderr).toContain("events stored: 108");
    expect(r.stderr).toMatch(/Rebuilt \d+ tickets and 0 orders from 108 events/);
    expect(await tables(bulk)).toEqual(await tables(live));
    // Again: the store holds events now, so --bulk is refused (exit 2) and nothing changes.
    const before = await tables(bulk);
    const again = await runCli(["import", "--format", "twcs", "--bulk", "--db", bulk, TWCS]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--bulk loads only an empty store");
    expect(await tables(bulk)).toEqual(before);
    const both = await runCli([
      "import",
      "--format",
      "twcs",
      "--bulk",
      "--batch",
      "7",
      "--db",
      join(dir, "b2.db"),
      TWCS,
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--batch and --bulk");
  });

  it("serve without CALIPER_ADMIN_KEY generates an admin key on a fresh store only, not at every start", async () => {
    const db = join(dir, "admin.db");
    const env = { CALIPER_ADMIN_KEY: "", NODE_ENV: "" };
    const first = await serveOnce(["--db", db], env);
    expect(first.started).toBe(true);
    expect(first.stderr).toMatch(/No CALIPER_ADMIN_KEY set; a new admin key for this database: cal_\S+/);
    const again = await serveOnce(["--db", db], env);
    expect(again.started).toBe(true);
    expect(again.stderr).not.toContain("a new admin key");
    expect(again.stderr).toContain(
      "No CALIPER_ADMIN_KEY set; this database has admin keys (caliper keys list): to create another, caliper keys create --role admin",
    );
    const keys = await withDb(db, (cdb) => cdb.db.selectFrom("api_keys").select(["role", "label"]).execute());
    expect(keys).toEqual([{ role: "admin", label: "serve (generated)" }]);
  }, 90_000);

  it("refuses to import a served brand under another policy than the server's, before storing any of it", async () => {
    const db = join(dir, "mixed.db");
    const policies = join(dir, "policy2.json");
    writeFileSync(
      policies,
      JSON.stringify({
        brands: { "my-store": { clocks: { first_response: { target: "1h", limit: "90m", calendar: "calendar" } } } },
      }),
    );
    const ndjson = (file: string, ids: string[]) => {
      const path = join(dir, file);
      const lines = ids.map((id) =>
        JSON.stringify({
          id: `${id}-created`,
          type: "ticket.created",
          brand: "my-store",
          ticketId: id,
          at: "2026-03-03T10:00:00Z",
          actor: { type: "customer" },
          data: { channel: "email", category: "order" },
        }),
      );
      writeFileSync(path, `${lines.join("\n")}\n`);
      return path;
    };
    const noPolicies = { CALIPER_POLICIES: "", CALIPER_ADMIN_KEY: "" };
    const first = await runCli(
      ["import", "--format", "ndjson", "--db", db, "--policies", policies, ndjson("ev1.ndjson", ["T1"])],
      noPolicies,
    );
    expect(first.code).toBe(0);
    const served = await serveOnce(["--db", db, "--policies", policies], noPolicies);
    expect(served.started).toBe(true);
    const events = () => withDb(db, async (cdb) => (await cdb.db.selectFrom("events").select("id").execute()).length);
    const ev2 = ndjson("ev2.ndjson", ["T2"]);
    const refused = await runCli(["import", "--format", "ndjson", "--db", db, ev2], noPolicies);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("caliper import: the policy of my-store differs");
    expect(refused.stderr).toContain("nothing of my-store was stored");
    expect(refused.stderr).toContain("--policies FILE (or CALIPER_POLICIES)");
    expect(refused.stderr).toContain("caliper rebuild --brand my-store --policies FILE");
    expect(await events()).toBe(1);
    // --bulk is refused the same way on a store the server started on while it was empty.
    const fresh = join(dir, "mixed-bulk.db");
    expect((await serveOnce(["--db", fresh, "--policies", policies], noPolicies)).started).toBe(true);
    const bulk = await runCli(["import", "--format", "ndjson", "--bulk", "--db", fresh, ev2], noPolicies);
    expect(bulk.code).toBe(2);
    expect(bulk.stderr).toContain("the policy of my-store differs");
    // With the server's policies (the flag or CALIPER_POLICIES) it goes in, under the same policy.
    const same = await runCli(["import", "--format", "ndjson", "--db", db, ev2], {
      ...noPolicies,
      CALIPER_POLICIES: policies,
    });
    expect(same.code).toBe(0);
    expect(same.stderr).toContain("events stored: 1");
    const targets = await withDb(db, (cdb) =>
      cdb.db
        .selectFrom("clocks")
        .select(["subject_id", "target_text", "limit_text"])
        .where("clock", "=", "first_response")
        .orderBy("subject_id")
        .execute(),
    );
    expect(targets).toEqual([
      { subject_id: "T1", target_text: "1h", limit_text: "90m" },
      { subject_id: "T2", target_text: "1h", limit_text: "90m" },
    ]);
    // Both commands that project events say so in their help.
    for (const command of ["import", "demo"]) {
      const help = await runCli([command, "--help"]);
      expect(help.stdout).toContain("--policies");
      expect(help.stdout).toContain("CALIPER_POLICIES");
    }
  }, 90_000);

  it("imports the twcs sample twice with the same figures, and exports tickets that round-trip", async () => {
    const db = join(dir, "twcs.db");
    const first = await runCli(["import", "--format", "twcs", "--db", db, TWCS]);
    expect(first.code).toBe(0);
    // 93 tweets (rows), 108 events: a tweet may open a ticket besides its message.
    expect(first.stderr).toContain("twcs-sample.csv: 93 rows in");
    expect(first.stderr).toContain("events stored: 108");
    expect(first.stderr).toContain("rows skipped: 10");
    const second = await runCli(["import", "--format", "twcs", "--db", db, TWCS]);
    expect(second.stderr).toContain("events stored: 0, already there (duplicates): 108");
    const out = join(dir, "tickets.csv");
    const period = [
      "--from",
      "2017-01-01T00:00:00Z",
      "--to",
      "2018-01-01T00:00:00Z",
      "--as-of",
      "2018-01-01T00:00:00Z",
    ];
    const exp = await runCli(["export", "tickets", "--brand", "virgintrains", "--db", db, "--out", out, ...period]);
    expect(exp.code).toBe(0);
    const rows: string[][] = [];
    for await (const r of readCsv(
      (async function* () {
        yield readFileSync(out, "utf8");
      })(),
    ))
      if ("fields" in r) rows.push(r.fields);
    const [header, ...data] = rows as [string[], ...string[][]];
    expect(header).toContain("first_response_seconds");
    const cdb = await openDatabase(db);
    const tickets = await cdb.db
      .selectFrom("tickets")
      .selectAll()
      .where("brand", "=", "virgintrains")
      .orderBy("created_at")
      .orderBy("ticket_id")
      .execute();
    await cdb.close();
    expect(data.map((r) => r[1])).toEqual(tickets.map((t) => t.ticket_id));
    const col = header.indexOf("first_response_seconds");
    expect(data.map((r) => (r[col] === "" ? null : Number(r[col])))).toEqual(tickets.map((t) => t.frt_seconds));
  });

  it("refuses a store that does not exist for the commands that read one, creating nothing", async () => {
    const missing = join(dir, "typo.db");
    for (const args of [
      ["export", "tickets", "--brand", "jewelry", "--db", missing],
      ["rebuild", "--db", missing],
      ["keys", "list", "--db", missing],
      ["keys", "revoke", "key_1", "--db", missing],
      ["connectors", "list", "--db", missing],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(
        `no database at ${missing} (--db); caliper serve, demo, import and migrate create one`,
      );
      expect(existsSync(missing)).toBe(false);
    }
    const viaEnv = await runCli(["keys", "list"], { CALIPER_DB: missing });
    expect(viaEnv.stderr).toContain(`no database at ${missing} (CALIPER_DB)`);
    // An existing store without keys says so rather than printing nothing.
    const made = await runCli(["migrate", "--db", join(dir, "nokeys.db")]);
    expect(made.code).toBe(0);
    const none = await runCli(["keys", "list", "--db", join(dir, "nokeys.db")]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain("No keys in this database");
  }, 60_000);

  it("says why an export holds no rows: a brand the store has never seen, or a period without tickets", async () => {
    const db = join(dir, "export-empty.db");
    const demo = await runCli(["demo", "--db", db, "--tickets", "20", "--days", "5", "--end", "2026-03-01T00:00:00Z"]);
    expect(demo.code).toBe(0);
    const typo = await runCli(["export", "tickets", "--brand", "jewelery", "--db", db]);
    expect(typo.code).toBe(0);
    expect(typo.stdout.trim().split("\n")).toHaveLength(1);
    expect(typo.stderr).toContain("No events for brand 'jewelery' in this store.");
    const period = await runCli([
      "export",
      "agents",
      "--brand",
      "jewelry",
      "--db",
      db,
      "--from",
      "2025-01-01T00:00:00Z",
      "--to",
      "2025-02-01T00:00:00Z",
    ]);
    expect(period.stderr).toContain("No agents of jewelry from 2025-01-01T00:00:00.000Z to 2025-02-01T00:00:00.000Z");
    const rows = await runCli([
      "export",
      "tickets",
      "--brand",
      "jewelry",
      "--db",
      db,
      "--from",
      "2026-02-20T00:00:00Z",
      "--to",
      "2026-03-01T00:00:00Z",
    ]);
    expect(rows.stdout.trim().split("\n").length).toBeGreaterThan(1);
    expect(rows.stderr).not.toContain("No ");
  }, 60_000);

  it("runs the demo again without adding a second history, whatever the hour", async () => {
    const db = join(dir, "demo-again.db");
    const first = await runCli([
      "demo",
      "--db",
      db,
      "--tickets",
      "40",
      "--days",
      "10",
      "--end",
      "2026-03-01T00:00:00Z",
    ]);
    expect(first.code).toBe(0);
    const stored = Number(/Demo: 40 tickets, (\d+) events stored \(0 already there\)/.exec(first.stderr)?.[1]);
    expect(stored).toBeGreaterThan(40);
    // Without --end the default is the current hour: the store's own demo end is kept instead.
    const again = await runCli(["demo", "--db", db, "--tickets", "40", "--days", "10"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Demo: 40 tickets, 0 events stored (${stored} already there)`);
    expect(again.stderr).toContain("period 2026-02-19 .. 2026-03-01");
  }, 60_000);

  it("rebuilds projections identical to live ingest", async () => {
    const db = join(dir, "demo.db");
    const demoArgs = [
      "demo",
      "--db",
      db,
      "--tickets",
      "300",
      "--days",
      "30",
      "--seed",
      "5",
      "--end",
      "2026-03-01T00:00:00Z",
    ];
    const inDb = <T>(fn: (cdb: CaliperDb) => Promise<T>): Promise<T> => withDb(db, fn);
    const demo = await runCli(demoArgs);
    expect(demo.code).toBe(0);
    expect(demo.stderr).toMatch(/manager key \(all five stores\): cal_/);
    // A bulk load says how fast its rebuild went, in the lines `caliper rebuild` prints.
    const stored = /Demo: 300 tickets, (\d+) events stored/.exec(demo.stderr)?.[1];
    expect(demo.stderr).toMatch(
      new RegExp(
        `Rebuilt 300 tickets and \\d+ orders from ${stored} events in [\\d.]+ s \\(\\d+ events/s\\)\n {4}time: clear `,
      ),
    );
    const snapshot = () => inDb((cdb) => snapshotProjections(cdb));
    const before = await snapshot();
    expect(before.tickets?.length).toBe(300);
    // As if a bulk load had stopped before its rebuild: a full rebuild finishes it.
    await inDb((cdb) => cdb.db.insertInto("caliper_meta").values({ key: "bulk_load_pending", value: "x" }).execute());
    const r = await runCli(["rebuild", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Rebuilt 300 tickets/);
    expect(await snapshot()).toEqual(before);
    expect(
      await inDb((cdb) =>
        cdb.db.selectFrom("caliper_meta").select("key").where("key", "=", "bulk_load_pending").execute(),
      ),
    ).toEqual([]);
    // One brand under a changed policy: its rows change, the other brands' stay, and the store is
    // then what a full rebuild under that policy gives.
    const policies = join(dir, "eyewear-tokyo.json");
    writeFileSync(policies, JSON.stringify({ brands: { eyewear: { timezone: "Asia/Tokyo" } } }));
    const one = await runCli(["rebuild", "--db", db, "--brand", "eyewear", "--policies", policies]);
    expect(one.code).toBe(0);
    expect(one.stderr).toMatch(
      /Rebuilt \d+ tickets and \d+ orders from \d+ events in [\d.]+ s \(\d+ events\/s\), brands eyewear only/,
    );
    const brandRows = (snap: Record<string, string[]>, keep: (brand: string) => boolean) =>
      Object.values(snap).flatMap((rows) => rows.filter((r) => keep((JSON.parse(r) as { brand: string }).brand)));
    const afterOne = await snapshot();
    expect(brandRows(afterOne, (b) => b !== "eyewear")).toEqual(brandRows(before, (b) => b !== "eyewear"));
    expect(brandRows(afterOne, (b) => b === "eyewear")).not.toEqual(brandRows(before, (b) => b === "eyewear"));
    expect((await runCli(["rebuild", "--db", db, "--policies", policies])).code).toBe(0);
    expect(await snapshot()).toEqual(afterOne);
    // A typo rebuilds nothing: it is refused, naming the brands the log has.
    const typo = await runCli(["rebuild", "--db", db, "--brand", "eyeware"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--brand: no events of eyeware in the log \(brands with events: .*eyewear/);
    // Back to the built-in policies for what follows.
    expect((await runCli(["rebuild", "--db", db])).code).toBe(0);
    // Into a store that holds events the demo is ingested: no rebuild to report.
    const again = await runCli(demoArgs);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Demo: 300 tickets, 0 events stored/);
    expect(again.stderr).not.toMatch(/Rebuilt/);
    // Seven CLI processes in turn: ~30 s on a quiet 2-core machine, 55 s on a loaded one.
  }, 180_000);
});
