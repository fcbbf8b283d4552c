import * as crypto from "node:crypto";
import { findApiKey, hashKey, listApiKeys, revokeApiKey, sameHash } from "@caliper/db";
import { createTestDatabase, TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { bootstrap, pgPoolSize } from "../../src/bootstrap.ts";
import { adminKeyNotice } from "../../src/cli/serve.ts";
import { adminKeyHash, ConfigError, signingSecret } from "../../src/config.ts";
import { verifyFeedbackToken } from "../../src/feedback/token.ts";
import { resolvePrincipal } from "../../src/http/principal.ts";
import { ADMIN_KEY, createTestApi, type TestApi } from "../support.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

/**
 * Keys are compared without leaking timing (SHA-256 digests, constant-time comparison; stored
 * keys are looked up by digest, never compared as text), and weak secrets stop the process.
 */

describe("key comparison", () => {
  it("compares digests in constant time, and only digests", () => {
    const a = hashKey(ADMIN_KEY);
    expect(sameHash(a, hashKey(ADMIN_KEY))).toBe(true);
    expect(sameHash(a, hashKey(`${ADMIN_KEY.slice(0, -1)}x`))).toBe(false);
    expect(sameHash(a, hashKey(""))).toBe(false);
    expect(sameHash(a, a.slice(0, 32))).toBe(false);
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    sameHash(a, hashKey("another key of any length"));
    expect(spy).toHaveBeenCalledTimes(1);
    const [x, y] = spy.mock.calls[0] as [Buffer, Buffer];
    // Both sides are 32-byte digests whatever the presented key's length.
    expect([x.length, y.length]).toEqual([32, 32]);
  });

  it("checks feedback token signatures in constant time", () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    const sig = Buffer.alloc(32).toString("base64url");
    expect(verifyFeedbackToken("s".repeat(40), `e30.${sig}`, new Date()).ok).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe.each(TEST_BACKENDS)("resolving keys on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(backend);
  });
  afterAll(async () => {
    await api.close();
  });

  it("compares the admin key in constant time and finds stored keys by digest", async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(await resolvePrincipal(api.services, ADMIN_KEY)).toMatchObject({ role: "admin", keyId: "env-admin" });
    expect(spy).toHaveBeenCalled();
    for (const [x, y] of spy.mock.calls as Array<[Buffer, Buffer]>) expect([x.length, y.length]).toEqual([32, 32]);
    for (const near of [`${ADMIN_KEY}x`, ADMIN_KEY.slice(0, -1), ADMIN_KEY.toUpperCase(), ` ${ADMIN_KEY}`, ""])
      expect(await resolvePrincipal(api.services, near)).toBeNull();
    const key = await api.key("manager", ["acme"]);
    expect(await resolvePrincipal(api.services, key)).toMatchObject({ role: "manager", brands: ["acme"] });
    const changed = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    expect(await resolvePrincipal(api.services, changed)).toBeNull();
  });

  it("stores keys only as digests", async () => {
    const key = await api.key("ingest", ["acme"]);
    const rows = await api.services.db.db.selectFrom("api_keys").selectAll().execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(12));
    expect(text).toContain(hashKey(key));
  });
});

describe("secrets at start", () => {
  const env = { ...process.env };
  afterEach(() => {
    for (const k of ["CALIPER_ADMIN_KEY", "CALIPER_SECRET", "NODE_ENV"]) {
      if (env[k] === undefined) delete process.env[k];
      else process.env[k] = env[k];
    }
  });

  it("refuses an admin key shorter than 24 characters, takes a long one, none means none", () => {
    for (const weak of ["x", "admin", "password123", "a".repeat(23)])
      expect(() => adminKeyHash(weak), weak).toThrow(ConfigError);
    expect(adminKeyHash("k".repeat(24))).toBe(hashKey("k".repeat(24)));
    expect(adminKeyHash(undefined)).toBeNull();
    expect(adminKeyHash("")).toBeNull();
  });

  it.each(TEST_BACKENDS)(
    "on %s: refuses a CALIPER_SECRET shorter than 32 characters, requires one in production, keeps a generated one otherwise",
    async (backend) => {
      const tdb = await createTestDatabase(backend);
      try {
        for (const weak of ["secret", "s".repeat(31)])
          await expect(signingSecret(tdb.cdb, weak), weak).rejects.toThrow(ConfigError);
        expect(await signingSecret(tdb.cdb, "s".repeat(32))).toBe("s".repeat(32));
        process.env.NODE_ENV = "production";
        await expect(signingSecret(tdb.cdb, undefined)).rejects.toThrow(/CALIPER_SECRET is not set/);
        process.env.NODE_ENV = "test";
        const generated = await signingSecret(tdb.cdb, undefined);
        expect(generated.length).toBeGreaterThanOrEqual(32);
        expect(await signingSecret(tdb.cdb, "")).toBe(generated);
      } finally {
        await tdb.drop();
      }
    },
  );

  it("stops bootstrap on a weak admin key or secret, before serving anything", async () => {
    process.env.CALIPER_ADMIN_KEY = "short";
    await expect(bootstrap({ db: ":memory:" })).rejects.toThrow(/CALIPER_ADMIN_KEY is too short/);
    process.env.CALIPER_ADMIN_KEY = "k".repeat(32);
    process.env.CALIPER_SECRET = "too-short";
    await expect(bootstrap({ db: ":memory:" })).rejects.toThrow(/CALIPER_SECRET is too short/);
  });

  it("takes CALIPER_PG_POOL as a whole number of connections and stops bootstrap on anything else", async () => {
    expect(pgPoolSize(undefined)).toBe(10);
    expect(pgPoolSize("")).toBe(10);
    expect(pgPoolSize("40")).toBe(40);
    for (const bad of ["0", "-1", "2.5", "ten", "1001"]) expect(() => pgPoolSize(bad), bad).toThrow(ConfigError);
    process.env.CALIPER_ADMIN_KEY = "k".repeat(32);
    process.env.CALIPER_PG_POOL = "lots";
    try {
      await expect(bootstrap({ db: ":memory:" })).rejects.toThrow(/CALIPER_PG_POOL must be a whole number/);
    } finally {
      delete process.env.CALIPER_PG_POOL;
    }
  });
});

describe.each(TEST_BACKENDS)("the admin key caliper serve generates on %s", (backend) => {
  it("is made once, while the store has no active admin key, not at every start", async () => {
    const api = await createTestApi(backend);
    try {
      // serve without CALIPER_ADMIN_KEY (outside production).
      const services = { ...api.services, config: { ...api.services.config, adminKeyHash: null } };
      const admins = async () =>
        (await listApiKeys(api.db.cdb)).filter((k) => k.role === "admin" && k.revokedAt === null);
      // A manager key is no admin key: the first start still makes one.
      await api.key("manager", ["jewelry"]);
      const first = await adminKeyNotice(services);
      expect(first).toMatch(/^No CALIPER_ADMIN_KEY set; a new admin key for this database: cal_\S+$/);
      const key = (first as string).split(": ")[1] as string;
      expect((await findApiKey(api.db.cdb, key))?.role).toBe("admin");
      // Later starts make none: they say how to make another.
      for (let start = 0; start < 2; start++)
        expect(await adminKeyNotice(services)).toBe(
          "No CALIPER_ADMIN_KEY set; this database has admin keys (caliper keys list): to create another, caliper keys create --role admin",
        );
      expect(await admins()).toHaveLength(1);
      // Once the admin keys are revoked, the next start makes a new one.
      await revokeApiKey(api.db.cdb, (await admins())[0]?.id as string);
      expect(await adminKeyNotice(services)).toMatch(/a new admin key for this database: cal_/);
      expect(await admins()).toHaveLength(1);
      // With CALIPER_ADMIN_KEY set, nothing is said or made.
      expect(await adminKeyNotice(api.services)).toBeNull();
      expect(await admins()).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
