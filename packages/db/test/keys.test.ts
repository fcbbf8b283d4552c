import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, touchApiKey } from "../src/keys.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

describe.each(TEST_BACKENDS)("API keys (%s)", (backend) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(backend);
  });
  afterEach(() => t.drop());

  it("authenticates while a write transaction holds the database, and sees a revocation at once", async () => {
    const { key, record } = await createApiKey(t.cdb, { role: "admin", brands: null, agentId: null });
    const id = record.id;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const inside = new Promise<void>((r) => {
      started = r;
    });
    const writer = t.cdb.db.transaction().execute(async (trx) => {
      await trx.insertInto("caliper_meta").values({ key: "k", value: "v" }).execute();
      started();
      await held;
    });
    await inside;
    const found = await Promise.race([
      findApiKey(t.cdb, key),
      new Promise<"waited">((r) => setTimeout(() => r("waited"), 2000)),
    ]);
    release();
    await writer;
    expect(found).toMatchObject({ id, role: "admin", revokedAt: null });
    expect(await findApiKey(t.cdb, `${key}x`)).toBeNull();
    expect(await revokeApiKey(t.cdb, id)).toBe(true);
    expect((await findApiKey(t.cdb, key))?.revokedAt).not.toBeNull();
  });

  it("records a key's use at most once a minute", async () => {
    const { id } = (await createApiKey(t.cdb, { role: "admin", brands: null, agentId: null })).record;
    const lastUsed = async () => (await listApiKeys(t.cdb)).find((k) => k.id === id)?.lastUsedAt;
    const t0 = Date.parse("2026-12-04T10:00:00.000Z");
    await touchApiKey(t.cdb, id, new Date(t0));
    expect(await lastUsed()).toBe("2026-12-04T10:00:00.000Z");
    await touchApiKey(t.cdb, id, new Date(t0 + 30_000));
    expect(await lastUsed()).toBe("2026-12-04T10:00:00.000Z");
    await touchApiKey(t.cdb, id, new Date(t0 + 61_000));
    expect(await lastUsed()).toBe("2026-12-04T10:01:01.000Z");
  });

  it("records a use that failed at the key's next use, not a minute later", async () => {
    const { id } = (await createApiKey(t.cdb, { role: "admin", brands: null, agentId: null })).record;
    const lastUsed = async () => (await listApiKeys(t.cdb)).find((k) => k.id === id)?.lastUsedAt;
    const t0 = Date.parse("2026-12-04T11:00:00.000Z");
    // Make the UPDATE fail once, as a database busy for longer than the wait would.
    const trigger =
      backend === "sqlite"
        ? sql`create trigger block_key_use before update on api_keys begin select raise(abort, 'busy'); end`
        : sql`create rule block_key_use as on update to api_keys do instead select 1/0`;
    await trigger.execute(t.cdb.db);
    await expect(touchApiKey(t.cdb, id, new Date(t0))).rejects.toThrow();
    await sql
      .raw(backend === "sqlite" ? "drop trigger block_key_use" : "drop rule block_key_use on api_keys")
      .execute(t.cdb.db);
    expect(await lastUsed()).toBeNull();
    await touchApiKey(t.cdb, id, new Date(t0 + 1_000));
    expect(await lastUsed()).toBe("2026-12-04T11:00:01.000Z");
  });
});
