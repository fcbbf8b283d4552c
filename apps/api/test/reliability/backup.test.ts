import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  appendEvents,
  BackupNotSupportedError,
  type BackupProgress,
  backupDatabase,
  integrityCheck,
  openDatabase,
} from "@caliper/db";
import { createTestDatabase, TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  batches,
  deal,
  demoEvents,
  eventKey,
  inspectDatabase,
  killAll,
  Ledger,
  POLICIES,
  runCli,
  runClients,
  startServe,
  tempDir,
} from "./harness.ts";

/**
 * Backups: `caliper backup` copies a SQLite database online while a writer keeps ingesting; the
 * copy opens, passes integrity_check, holds every event acknowledged before the backup started,
 * and is a consistent snapshot (its projections equal a rebuild of its own log).
 */

// Real processes on a shared 2-core CI machine: generous limits (nothing here asserts on time).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  killAll();
  for (const c of cleanup.splice(0).reverse()) await c();
});

const sqliteOnly = describe.runIf(TEST_BACKENDS.includes("sqlite"));

sqliteOnly("caliper backup on SQLite", () => {
  it("makes a consistent, restorable copy while ingest continues", async () => {
    const tmp = tempDir("backup");
    cleanup.push(tmp.remove);
    const target = join(tmp.dir, "live.db");
    const copy = join(tmp.dir, "copy.db");
    const server = await startServe(target);

    // Some history first, acknowledged before the backup starts.
    const before = new Ledger();
    await runClients(server.url, deal(batches(demoEvents(150, 31), 3, 20, 100), 3), before);
    expect(before.failed).toEqual([]);
    expect(before.refused).toEqual([]);
    const ackedBefore = new Set(before.acked);

    // Then a writer keeps ingesting new events until the backup has finished.
    const during = new Ledger();
    let backupDone = false;
    let ackedWhileCopying = 0;
    const writer = runClients(server.url, deal(batches(demoEvents(3000, 32), 4, 20, 100), 2), during, {
      stop: () => backupDone,
      afterEach: () => {
        if (!backupDone) ackedWhileCopying++;
      },
    });
    const backup = await runCli(["backup", "--db", target, "--to", copy]);
    backupDone = true;
    await writer;
    expect(backup.stderr).toMatch(/Backed up .* integrity_check ok/);
    expect(backup.code).toBe(0);
    expect(during.failed).toEqual([]);
    expect(during.refused).toEqual([]);
    // The copy really was taken under load.
    expect(ackedWhileCopying).toBeGreaterThan(0);
    expect(existsSync(`${copy}.partial`)).toBe(false);

    const restored = await inspectDatabase(copy, ackedBefore);
    expect(restored.integrity).toEqual(["ok"]);
    expect(restored.missing).toEqual([]);
    expect(restored.rows).toBe(restored.distinct);
    expect(restored.rows).toBeGreaterThanOrEqual(ackedBefore.size);
    expect(restored.rebuilt).toEqual(restored.live);

    server.signal("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });

    // The restored copy serves: a new process opens it and answers ready.
    const fromCopy = await startServe(copy);
    const health = await fetch(`${fromCopy.url}/healthz`);
    expect(health.status).toBe(200);
    fromCopy.signal("SIGTERM");
    expect(await fromCopy.exited).toEqual({ code: 0, signal: null });
  });

  it("backupDatabase carries writes made through its own connection into the copy", async () => {
    const tmp = tempDir("backup-same");
    cleanup.push(tmp.remove);
    const file = join(tmp.dir, "db.sqlite");
    const cdb = await openDatabase(file);
    const ctx = { backend: "sqlite" as const, policies: POLICIES };
    try {
      for (const b of batches(demoEvents(150, 41), 5, 100, 100)) await appendEvents(cdb, ctx, b);
      // A writer on the same connection commits between the backup's (small) steps.
      let done = false;
      const committed = new Set<string>();
      const writer = (async () => {
        for (const b of batches(demoEvents(120, 42), 6, 10, 10)) {
          if (done) return;
          await appendEvents(cdb, ctx, b);
          if (!done) for (const e of b) committed.add(eventKey(e));
        }
      })();
      const seen: BackupProgress[] = [];
      const to = join(tmp.dir, "snapshot.sqlite");
      const result = await backupDatabase(cdb, to, (p) => seen.push(p), { pagesPerStep: 16 });
      done = true;
      await writer;
      expect(seen.length).toBeGreaterThan(2);
      expect(seen.at(-1)).toMatchObject({ remainingPages: 0 });
      expect(committed.size).toBeGreaterThan(0);
      // Everything committed before the backup resolved is in the copy, consistently projected.
      const report = await inspectDatabase(to, committed);
      expect(report.integrity).toEqual(["ok"]);
      expect(report.missing).toEqual([]);
      expect(report.rebuilt).toEqual(report.live);
      expect(result.pages).toBeGreaterThan(16);
    } finally {
      await cdb.close();
    }
  });

  it("backupDatabase restarts when another connection writes between steps, and still finishes", async () => {
    const tmp = tempDir("backup-other");
    cleanup.push(tmp.remove);
    const file = join(tmp.dir, "db.sqlite");
    const cdb = await openDatabase(file);
    const other = await openDatabase(file, { migrate: false });
    const ctx = { backend: "sqlite" as const, policies: POLICIES };
    try {
      for (const b of batches(demoEvents(150, 43), 7, 100, 100)) await appendEvents(cdb, ctx, b);
      // Another connection commits a write between every two steps of the copy, for ever.
      const insert = other.sqlite?.prepare("insert into caliper_meta (key, value) values (?, 'x')");
      let writes = 0;
      const seen: BackupProgress[] = [];
      const to = join(tmp.dir, "snapshot.sqlite");
      const result = await backupDatabase(
        cdb,
        to,
        (p) => {
          seen.push(p);
          insert?.run(`foreign-${++writes}`);
        },
        { pagesPerStep: 2 },
      );
      // Each restart doubled the step until one step held the rest of the copy: it terminates.
      expect(result.restarts).toBeGreaterThan(0);
      expect(seen.at(-1)).toMatchObject({ remainingPages: 0, restarts: result.restarts });
      expect(writes).toBeGreaterThan(result.restarts);
      const copy = await openDatabase(to, { migrate: false });
      try {
        expect(integrityCheck(copy)).toEqual(["ok"]);
        const foreign = await copy.db
          .selectFrom("caliper_meta")
          .select("key")
          .where("key", "like", "foreign-%")
          .execute();
        // A snapshot: the copy holds a prefix of the foreign writes, never a gap.
        const n = foreign.length;
        expect(new Set(foreign.map((r) => r.key))).toEqual(
          new Set(Array.from({ length: n }, (_, i) => `foreign-${i + 1}`)),
        );
      } finally {
        await copy.close();
      }
    } finally {
      await other.close();
      await cdb.close();
    }
  });

  it("refuses to copy onto the database itself, onto an existing file, or into a missing directory", async () => {
    const tmp = tempDir("backup-refuse");
    cleanup.push(tmp.remove);
    const file = join(tmp.dir, "db.sqlite");
    const cdb = await openDatabase(file);
    try {
      await expect(backupDatabase(cdb, file)).rejects.toThrow(/must not be the database itself/);
      const taken = join(tmp.dir, "taken.sqlite");
      writeFileSync(taken, "not a database");
      await expect(backupDatabase(cdb, taken)).rejects.toThrow(/already exists/);
      await expect(backupDatabase(cdb, join(tmp.dir, "nope", "x.sqlite"))).rejects.toThrow(/does not exist/);
      const r = await backupDatabase(cdb, taken, undefined, { overwrite: true });
      const copy = await openDatabase(r.file, { migrate: false });
      try {
        expect(integrityCheck(copy)).toEqual(["ok"]);
      } finally {
        await copy.close();
      }
    } finally {
      await cdb.close();
    }
  });

  it("caliper backup refuses an existing file and says how to replace it", async () => {
    const tmp = tempDir("backup-force");
    cleanup.push(tmp.remove);
    const file = join(tmp.dir, "db.sqlite");
    await (await openDatabase(file)).close();
    const taken = join(tmp.dir, "taken.sqlite");
    writeFileSync(taken, "yesterday's backup");
    const refused = await runCli(["backup", "--db", file, "--to", taken]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/taken\.sqlite already exists; choose another file, or --force to replace it/);
    expect(readFileSync(taken, "utf8")).toBe("yesterday's backup");
    const forced = await runCli(["backup", "--db", file, "--to", taken, "--force"]);
    expect(forced.stderr).toMatch(/Backed up .* integrity_check ok/);
    expect(forced.code).toBe(0);
  });
});

describe("caliper backup --help", () => {
  it("says to serve a copy of the backup, not the backup itself (a server writes to the file it opens)", async () => {
    const r = await runCli(["backup", "--help"]);
    const help = r.stdout + r.stderr;
    expect(help).toMatch(/caliper backup --to FILE/);
    expect(help).not.toMatch(/serve --db FILE/);
    expect(help).toMatch(/serve\s+--db COPY/);
    expect(help).toMatch(/Serve a copy, not FILE itself: a server writes to the file it opens/);
  });
});

describe("caliper backup on PostgreSQL", () => {
  it("prints pg_dump / pg_restore guidance and exits non-zero", async () => {
    const r = await runCli([
      "backup",
      "--db",
      "postgres://caliper:s3cret@db.internal:5432/caliper?schema=tenant_a",
      "--to",
      "x.db",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/pg_dump --format=custom --schema=tenant_a --file=caliper\.dump/);
    expect(r.stderr).toMatch(/pg_restore /);
    expect(r.stderr).not.toContain("s3cret");
  });

  it("prints a restore into a new database, created first, never into the source", async () => {
    const r = await runCli(["backup", "--db", "postgres://127.0.0.1:5432/test"]);
    expect(r.code).toBe(1);
    const commands = r.stderr.split("\n").map((l) => l.trim());
    const createdb = commands.findIndex((l) => l.startsWith("createdb "));
    const restore = commands.findIndex((l) => l.startsWith("pg_restore "));
    expect(commands[createdb]).toBe("createdb -h 127.0.0.1 -p 5432 test_restored");
    expect(restore).toBeGreaterThan(createdb);
    expect(commands[restore]).toBe(
      "pg_restore --no-owner --exit-on-error --dbname='postgres://127.0.0.1:5432/test_restored' caliper.dump",
    );
    expect(r.stderr).not.toMatch(/--dbname='postgres:\/\/127\.0\.0\.1:5432\/test'/);
    expect(r.stderr).toContain("caliper serve --db 'postgres://127.0.0.1:5432/test_restored'");
  });

  it("with ?schema=, dumps that schema, restores the dump (schema and all) into a new database as the same user, and serves it from there", async () => {
    const r = await runCli(["backup", "--db", "postgres://caliper:s3cret@db.internal:5432/caliper?schema=tenant_a"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("\n  createdb -h db.internal -p 5432 -U caliper caliper_restored\n");
    expect(r.stderr).toContain(
      "\n  pg_restore --no-owner --exit-on-error --dbname='postgres://caliper@db.internal:5432/caliper_restored' caliper.dump\n",
    );
    expect(r.stderr).toContain(
      "caliper serve --db 'postgres://caliper@db.internal:5432/caliper_restored?schema=tenant_a'",
    );
    expect(r.stderr).not.toMatch(/--dbname='[^']*\/caliper'/);
    expect(r.stderr).not.toContain("s3cret");
  });

  it.runIf(TEST_BACKENDS.includes("postgres"))("backupDatabase refuses a PostgreSQL database", async () => {
    const t = await createTestDatabase("postgres");
    try {
      await expect(backupDatabase(t.cdb, "/tmp/never.db")).rejects.toBeInstanceOf(BackupNotSupportedError);
      expect(t.cdb.sqlite).toBeUndefined();
    } finally {
      await t.drop();
    }
  });
});
