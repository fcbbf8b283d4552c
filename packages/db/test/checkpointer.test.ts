import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "../src/checkpointer.ts";
import { openDatabase } from "../src/database.ts";

/**
 * Background checkpoints (checkpointer.ts): the write-ahead log is copied into the database file
 * by a worker thread while the writer goes on, and closing stops that thread. Pages live in the
 * log until a checkpoint copies them, so the database file's size tells whether one ran.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A path named `name` in a directory of its own, removed after the test. */
function tempPath(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "caliper-ckpt-"));
  dirs.push(dir);
  return join(dir, name);
}

/** Whether `check` holds within `withinMs`, asked every `everyMs`. */
async function within(withinMs: number, check: () => boolean, everyMs = 50): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, everyMs));
  return check();
}

async function writeMegabytes(path: string, background: boolean, mb: number) {
  const cdb = await openDatabase(path, { backgroundCheckpoints: background });
  await sql`create table blobs (id integer primary key, body text not null)`.execute(cdb.db);
  const body = "x".repeat(64 * 1024);
  const before = statSync(path).size;
  for (let i = 0; i < mb * 16; i++) await sql`insert into blobs (body) values (${body})`.execute(cdb.db);
  return { cdb, before };
}

const fileGrows = (path: string, bytes: number, withinMs: number): Promise<boolean> =>
  within(withinMs, () => statSync(path).size >= bytes);

describe("background checkpoints (SQLite)", () => {
  it("copy the log into the database file without a write waiting for it, and stop on close", async () => {
    const path = tempPath("bg.db");
    const { cdb, before } = await writeMegabytes(path, true, 8);
    // 8 MB of rows: far below SQLite's own threshold (40 MB here), so only the worker copies them.
    expect(await fileGrows(path, before + 8 * 1024 * 1024, 5000)).toBe(true);
    const t0 = performance.now();
    await cdb.close();
    expect(performance.now() - t0).toBeLessThan(2000);
    const again = await openDatabase(path);
    const { rows } = await sql<{ n: number }>`select count(*) as n from blobs`.execute(again.db);
    expect(rows[0]?.n).toBe(8 * 16);
    await again.close();
  });

  it("without them, the same writes stay in the log until SQLite's own threshold", async () => {
    const path = tempPath("inline.db");
    const { cdb, before } = await writeMegabytes(path, false, 8);
    expect(await fileGrows(path, before + 8 * 1024 * 1024, 1000)).toBe(false);
    await cdb.close();
  });

  it("report a failure they cannot get past (here, no database file) instead of failing silently", async () => {
    const errors: string[] = [];
    const checkpointer = startCheckpointer(tempPath("missing.db"), { onError: (m) => errors.push(m) });
    await within(5000, () => errors.length > 0, 20);
    expect(errors.join(" ")).toMatch(/does not exist|unable to open|no such file/i);
    await checkpointer.stop();
  });

  it("report, with its text and once, a file that is no database (it fails while the worker sets up)", async () => {
    const path = tempPath("not-a-database.db");
    writeFileSync(path, "this is not a database file, whatever its name says ".repeat(100));
    const errors: string[] = [];
    const checkpointer = startCheckpointer(path, { intervalMs: 20, onError: (m) => errors.push(m) });
    await within(5000, () => errors.length > 0, 20);
    await new Promise((r) => setTimeout(r, 300));
    await checkpointer.stop();
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatch(/not a database/i);
  });
});
