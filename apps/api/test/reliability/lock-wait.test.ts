import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countEvents, createTestApi, type TestApi } from "../support.ts";

/**
 * Another process holding the SQLite file's write lock (`caliper import`, `caliper rebuild`,
 * a second server committing) makes this server's writes wait — but not its reads, health checks
 * or anything else: the wait is asynchronous.
 */
describe.runIf(TEST_BACKENDS.includes("sqlite"))("API while another process holds the write lock (SQLite)", () => {
  let dir: string;
  let api: TestApi;
  let other: Database.Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "caliper-api-lock-"));
    const file = join(dir, "caliper.db");
    api = await createTestApi("sqlite", { sqlitePath: file });
    other = new Database(file);
  });
  afterAll(async () => {
    other?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (id: string) => ({
    id,
    type: "ticket.created",
    brand: "eyewear",
    ticketId: `t-${id}`,
    at: "2026-12-01T10:00:00Z",
    data: { channel: "contact_form", customerId: "c1", subject: "Where is my order?", category: "shipping" },
  });

  it("answers reads and health checks while a POST waits for the lock, then stores the POST", async () => {
    other.exec("begin immediate");
    let posted = false;
    try {
      const post = api.call("POST", "/v1/events", { body: event("e1") }).then((r) => {
        posted = true;
        return r;
      });
      // Timers fire on time while the POST waits: a busy timeout inside SQLite would hold the
      // whole process for 5 s here.
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 100));
      expect(performance.now() - t0).toBeLessThan(2_500);
      const live = await api.call("GET", "/healthz/live");
      expect(live.status).toBe(200);
      const overview = await api.call(
        "GET",
        "/v1/metrics/overview?brand=eyewear&from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00Z",
      );
      expect(overview.status).toBe(200);
      expect(overview.json.tickets.created).toBe(0);
      expect(performance.now() - t0).toBeLessThan(2_500);
      expect(posted).toBe(false);
      other.exec("commit");
      const res = await post;
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ accepted: 1, duplicates: 0 });
    } finally {
      if (other.inTransaction) other.exec("commit");
    }
    expect(await countEvents(api)).toBe(1);
    const after = await api.call(
      "GET",
      "/v1/metrics/overview?brand=eyewear&from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00Z",
    );
    expect(after.json.tickets.created).toBe(1);
  });
});
