import { createServer } from "node:net";
import { openDatabase } from "@caliper/db";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestApi, type TestApi } from "../support.ts";

/** Readiness (/healthz) follows the database; liveness (/healthz/live) does not. */

const open: TestApi[] = [];
afterAll(async () => {
  for (const a of open.splice(0)) await a.close().catch(() => {});
});

async function probe(app: ReturnType<typeof createApp>) {
  const ready = await app.request("/healthz");
  const live = await app.request("/healthz/live");
  const readyBody = (await ready.json()) as { checks: { database: string } };
  return { ready: ready.status, readyBody, live: live.status };
}

/** A TCP port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const addr = srv.address();
  await new Promise<void>((r) => srv.close(() => r()));
  return typeof addr === "object" && addr ? addr.port : 1;
}

describe.each(TEST_BACKENDS)("health on %s", (backend) => {
  it("is ready with the database, then 503 once it is closed while live stays 200", async () => {
    const api = await createTestApi(backend);
    open.push(api);
    expect(await probe(api.app)).toMatchObject({ ready: 200, live: 200, readyBody: { ready: true } });
    await api.services.db.close();
    const down = await probe(api.app);
    expect(down).toMatchObject({
      ready: 503,
      live: 200,
      readyBody: { status: "unavailable", live: true, ready: false },
    });
    expect(down.readyBody.checks.database).toMatch(/^error: /);
  });
});

describe.runIf(TEST_BACKENDS.includes("postgres"))("health with an unreachable PostgreSQL", () => {
  it("answers 503 on /healthz and 200 on /healthz/live (no 500, no hang)", async () => {
    const api = await createTestApi("postgres");
    open.push(api);
    const port = await closedPort();
    const unreachable = await openDatabase(`postgres://postgres@127.0.0.1:${port}/test`, { migrate: false });
    try {
      const app = createApp({ ...api.services, db: unreachable });
      const r = await probe(app);
      expect(r).toMatchObject({ ready: 503, live: 200, readyBody: { ready: false } });
      expect(r.readyBody.checks.database).toMatch(/ECONNREFUSED|connect/);
      // The API routes answer with a JSON error rather than crashing the process.
      const ev = await app.request("/v1/metrics/overview?brand=acme", {
        headers: { authorization: "Bearer test-admin-key-0123456789abcdef" },
      });
      expect(ev.status).toBeGreaterThanOrEqual(500);
      expect(((await ev.json()) as { error: { code: string } }).error.code).toBeTypeOf("string");
    } finally {
      await unreachable.close();
    }
  });
});
