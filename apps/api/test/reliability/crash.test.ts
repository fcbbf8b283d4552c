import { request } from "node:http";
import type { Backend } from "@caliper/db";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "@caliper/db/testing";
import type { CaliperEvent } from "@caliper/domain";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  ADMIN_KEY,
  asStored,
  batches,
  deal,
  demoEvents,
  eventKey,
  inspectDatabase,
  killAll,
  Ledger,
  overviewDifferences,
  runClients,
  startServe,
  tempDir,
} from "./harness.ts";

/**
 * Crash safety: `caliper serve` under concurrent ingest is killed (SIGKILL: no chance to clean up)
 * or stopped (SIGTERM: graceful) mid-load, then restarted on the same database. Whatever was
 * acknowledged with a 2xx must be there, nothing twice, projections equal to a rebuild from the
 * log, and (SQLite) the file must pass PRAGMA integrity_check.
 */

const CLIENTS = 4;
// Real processes on a shared 2-core CI machine: generous limits (nothing here asserts on time).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
const cleanup: Array<() => Promise<void> | void> = [];

afterAll(async () => {
  killAll();
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A fresh database target: a temp SQLite file or a new PostgreSQL schema. */
async function freshTarget(backend: Backend): Promise<string> {
  if (backend === "sqlite") {
    const tmp = tempDir("crash");
    cleanup.push(tmp.remove);
    return `${tmp.dir}/caliper.db`;
  }
  const t: TestDatabase = await createTestDatabase("postgres", { migrate: false });
  cleanup.push(() => t.drop());
  return t.target;
}

describe.each(TEST_BACKENDS)("SIGKILL mid-load on %s", (backend) => {
  it("loses nothing acknowledged, stores nothing twice, keeps projections equal to a rebuild", async () => {
    const target = await freshTarget(backend);
    const events = demoEvents(180, 11);
    const all = batches(events, 1, 10, 80);
    const ledger = new Ledger();

    // Phase 1: four clients ingest; the server is SIGKILLed once a third of the batches are in.
    const first = await startServe(target);
    let killedWith = -1;
    await runClients(first.url, deal(all, CLIENTS), ledger, {
      afterEach: (o) => {
        if (killedWith < 0 && o.status === 200 && ledger.ok.length >= all.length / 3) {
          killedWith = ledger.inFlight;
          first.signal("SIGKILL");
        }
      },
    });
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    // The kill landed while other requests were on the wire (their outcome is unknown to clients).
    expect(killedWith).toBeGreaterThan(0);
    expect(ledger.refused).toEqual([]);
    expect(ledger.failed.length).toBeGreaterThan(0);
    expect(ledger.acked.size).toBeGreaterThan(0);

    // The database as the restarted process finds it.
    const crashed = await inspectDatabase(target, ledger.acked);
    expect(crashed.missing).toEqual([]);
    expect(crashed.rows).toBe(crashed.distinct);
    expect(crashed.rows).toBeGreaterThanOrEqual(ledger.acked.size);
    // Every stored event came from a request that was acknowledged or was in flight at the kill.
    const sentKeys = new Set(ledger.outcomes.flatMap((o) => o.batch.map(eventKey)));
    expect([...crashed.keys].filter((k) => !sentKeys.has(k))).toEqual([]);
    expect(crashed.rebuilt).toEqual(crashed.live);
    if (backend === "sqlite") expect(crashed.integrity).toEqual(["ok"]);

    // Phase 2: restart; clients send what was not acknowledged (retrying the lost requests) plus
    // some acknowledged batches again. Everything is accepted; repeats count as duplicates.
    const second = await startServe(target);
    const unacked = all.filter((b) => !b.every((e) => ledger.acked.has(eventKey(e))));
    const again = ledger.ok.slice(0, 5).map((o) => o.batch);
    const retry = new Ledger();
    await runClients(second.url, deal([...unacked, ...again], CLIENTS), retry);
    expect(retry.failed).toEqual([]);
    expect(retry.refused).toEqual([]);
    // Each event was reported accepted at most once over both runs: no double counting.
    const acceptedTotal = ledger.accepted + retry.accepted;
    expect(acceptedTotal).toBeLessThanOrEqual(events.length);
    const lostInFlight = ledger.failed.reduce((n, o) => n + o.batch.length, 0);
    expect(acceptedTotal).toBeGreaterThanOrEqual(events.length - lostInFlight);
    expect(await overviewDifferences(second.url, asStored(events))).toEqual([]);

    second.signal("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const final = await inspectDatabase(target, [...ledger.acked, ...retry.acked]);
    expect(final.missing).toEqual([]);
    expect(final.rows).toBe(events.length);
    expect(final.distinct).toBe(events.length);
    expect(final.rebuilt).toEqual(final.live);
    if (backend === "sqlite") expect(final.integrity).toEqual(["ok"]);
  });
});

/**
 * A request whose headers reached the server (it answered 100 Continue) but whose body is sent
 * only after the server logged that it is shutting down: it must still complete with a 2xx.
 */
function slowRequest(
  url: string,
  batch: CaliperEvent[],
): { started: Promise<void>; finish(): Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ events: batch });
  const req = request(`${url}/v1/events`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${ADMIN_KEY}`,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      expect: "100-continue",
      connection: "close",
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d: Buffer) => {
        text += d.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
  });
  const started = new Promise<void>((resolve) => req.on("continue", () => resolve()));
  req.flushHeaders();
  return {
    started,
    finish() {
      req.end(body);
      return response;
    },
  };
}

describe.runIf(TEST_BACKENDS.includes("sqlite"))("SIGTERM mid-load on sqlite", () => {
  it("finishes in-flight requests with 2xx, exits 0 and loses nothing acknowledged", async () => {
    const target = await freshTarget("sqlite");
    const events = demoEvents(150, 12);
    const [held, ...rest] = batches(events, 2, 10, 80);
    const ledger = new Ledger();
    const server = await startServe(target, { CALIPER_METRICS_PORT: "0" });
    expect(server.stderr()).toMatch(/Prometheus metrics at http:\/\/127\.0\.0\.1:\d+\/metrics/);

    let terminated = false;
    let slow: ReturnType<typeof slowRequest> | null = null;
    let slowResult: Promise<{ status: number; body: string }> | null = null;
    let inFlightAtTerm = -1;
    await runClients(server.url, deal(rest, CLIENTS), ledger, {
      afterEach: (o) => {
        if (slow || o.status !== 200 || ledger.ok.length < rest.length / 3) return;
        const s = slowRequest(server.url, held as CaliperEvent[]);
        slow = s;
        // Once the server has the request, SIGTERM; once it says it is shutting down, send the body.
        slowResult = s.started
          .then(() => {
            inFlightAtTerm = ledger.inFlight;
            terminated = true;
            server.signal("SIGTERM");
            return server.logged("shutting down");
          })
          .then(() => s.finish());
      },
      // Well-behaved clients stop sending once the server is going away.
      stop: () => terminated,
    });
    expect(slowResult).not.toBeNull();
    const held200 = await (slowResult as unknown as Promise<{ status: number; body: string }>);
    expect(held200.status).toBe(200);
    expect(JSON.parse(held200.body)).toEqual({ accepted: (held as CaliperEvent[]).length, duplicates: 0 });
    for (const e of held as CaliperEvent[]) ledger.acked.add(eventKey(e));

    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Requests the server took before SIGTERM were answered with a 2xx; none got an error status.
    expect(ledger.refused).toEqual([]);
    expect(inFlightAtTerm).toBeGreaterThan(0);
    expect(ledger.ok.length).toBeGreaterThanOrEqual(rest.length / 3);

    const report = await inspectDatabase(target, ledger.acked);
    expect(report.missing).toEqual([]);
    expect(report.rows).toBe(report.distinct);
    // Nothing was stored without its response reaching the client: every request the server
    // processed was answered before it exited.
    expect(report.rows).toBe(ledger.acked.size);
    expect(report.rebuilt).toEqual(report.live);
    expect(report.integrity).toEqual(["ok"]);
  });
});
