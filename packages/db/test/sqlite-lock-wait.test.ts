import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CaliperDb, openDatabase } from "../src/index.ts";
import { TEST_BACKENDS } from "../src/testing.ts";

/**
 * A SQLite connection waiting for another connection's write lock (another `caliper serve`, an
 * import, a rebuild) must not stop its process: timers fire and its reads answer meanwhile, and
 * the write goes through once the lock is free — or fails with SQLITE_BUSY, having stored
 * nothing, after the wait's limit.
 */
describe.runIf(TEST_BACKENDS.includes("sqlite"))("SQLite: waiting for another connection's write lock", () => {
  let dir: string;
  let holder: CaliperDb;
  let waiter: CaliperDb;
  let impatient: CaliperDb;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "caliper-lock-wait-"));
    const file = join(dir, "shared.db");
    holder = await openDatabase(file);
    waiter = await openDatabase(file, { migrate: false });
    impatient = await openDatabase(file, { migrate: false, lockWaitMs: 150 });
  });
  afterAll(async () => {
    await impatient?.close();
    await waiter?.close();
    await holder?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await holder.db.deleteFrom("caliper_meta").where("key", "like", "lock-%").execute();
  });

  const lock = () => holder.sqlite?.exec("begin immediate");
  const unlock = () => holder.sqlite?.exec("commit");
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const put = (cdb: CaliperDb, key: string) =>
    cdb.db.transaction().execute((trx) => trx.insertInto("caliper_meta").values({ key, value: key }).execute());
  const putAutocommit = (cdb: CaliperDb, key: string) =>
    cdb.db.insertInto("caliper_meta").values({ key, value: key }).execute();
  const keys = async () =>
    (
      await holder.db.selectFrom("caliper_meta").select("key").where("key", "like", "lock-%").orderBy("key").execute()
    ).map((r) => r.key);

  it("keeps timers and the same connection's reads going while a transaction waits, then commits", async () => {
    lock();
    let released = false;
    try {
      const write = put(waiter, "lock-a").then(() => released);
      // While the write waits: timers fire on time, and reads through the same connection answer.
      const t0 = performance.now();
      await sleep(20);
      expect(performance.now() - t0).toBeLessThan(1_000);
      const read = await waiter.db.selectFrom("caliper_meta").select("key").where("key", "=", "lock-a").execute();
      expect(read).toEqual([]);
      await sleep(200);
      released = true;
      unlock();
      // Resolved after the release, not before (it saw `released` true).
      expect(await write).toBe(true);
    } finally {
      if (holder.sqlite?.inTransaction) unlock();
    }
    expect(await keys()).toEqual(["lock-a"]);
  });

  it("waits the same way for a write outside a transaction", async () => {
    lock();
    const write = putAutocommit(waiter, "lock-b");
    await sleep(100);
    expect(await keys()).toEqual([]);
    unlock();
    await write;
    expect(await keys()).toEqual(["lock-b"]);
  });

  it("gives up with SQLITE_BUSY after the wait's limit, having stored nothing", async () => {
    lock();
    try {
      const t0 = performance.now();
      const failures = await Promise.all([
        put(impatient, "lock-c").catch((e: unknown) => e),
        putAutocommit(impatient, "lock-d").catch((e: unknown) => e),
      ]);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
      for (const err of failures) expect(err).toMatchObject({ code: "SQLITE_BUSY" });
    } finally {
      unlock();
    }
    expect(await keys()).toEqual([]);
    // The connection is usable again afterwards.
    await put(impatient, "lock-e");
    expect(await keys()).toEqual(["lock-e"]);
  });

  it("stores every write exactly once whatever the lock's comings and goings (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ autocommit: fc.boolean(), delay: fc.nat(15) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { minLength: 1, maxLength: 4 }),
        async (writes, holds) => {
          await holder.db.deleteFrom("caliper_meta").where("key", "like", "lock-%").execute();
          const holding = (async () => {
            for (const [gap, hold] of holds) {
              await sleep(gap);
              lock();
              await sleep(hold);
              unlock();
            }
          })();
          const expected = writes.map((_, i) => `lock-p${String(i).padStart(2, "0")}`);
          await Promise.all([
            holding,
            ...writes.map(async (w, i) => {
              await sleep(w.delay);
              const key = expected[i] as string;
              await (w.autocommit ? putAutocommit(waiter, key) : put(waiter, key));
            }),
          ]);
          expect(await keys()).toEqual(expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});
