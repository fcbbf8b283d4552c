import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Backend, integrityCheck, openDatabase, rebuildProjections } from "@caliper/db";
import { snapshotProjections } from "@caliper/db/testing";
import type { CaliperEvent } from "@caliper/domain";
import { type Overview, referenceOverview } from "@caliper/metrics";
import { loadPolicySet, type PolicySet } from "@caliper/policy";
import { demoOptions, generateDemo } from "../../src/demo/index.ts";
import { forStorage } from "../../src/ingest/ingest-events.ts";
import type { Services } from "../../src/services.ts";

/**
 * Drives real `caliper serve` processes for the reliability tests: start (on a free port chosen by
 * the OS), load with concurrent clients, kill, restart, and check the database afterwards.
 */

export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const ADMIN_KEY = "reliability-admin-key-0123456789abcdef";
const SECRET = "reliability-secret-0123456789abcdef0123456789";

export interface ServeProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything written to stderr so far (startup lines, errors). */
  stderr(): string;
  /** Parsed JSON log lines from stdout so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves once a log line with this `msg` has been written. */
  logged(msg: string): Promise<void>;
  /** Sends a signal to the process group. */
  signal(sig: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<ChildProcess>();

/** Runs the CLI (`caliper <args>`) in its own process group. */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/cli/main.ts", ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      CALIPER_DB: "",
      CALIPER_ADMIN_KEY: ADMIN_KEY,
      CALIPER_SECRET: SECRET,
      CALIPER_LOG_LEVEL: "info",
      NODE_ENV: "test",
      ...env,
    },
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Output and exit status of a CLI run to completion. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

/** Starts `caliper serve --db target --port 0` and resolves with its URL once it listens. */
export function startServe(target: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawnCli(["serve", "--db", target, "--port", "0"], env);
  let err = "";
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; resolve: () => void }> = [];
  let partial = "";
  child.stdout?.on("data", (d: Buffer) => {
    const lines = (partial + d.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (entry.msg !== "request") logs.push(entry);
        for (const w of waiters.filter((x) => x.msg === entry.msg)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      } catch {}
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      err += d.toString();
      const m = /Caliper is running at (http:\/\/\S+)/.exec(err);
      if (m?.[1]) {
        child.stderr?.off("data", onData);
        child.stderr?.on("data", (more: Buffer) => {
          err += more.toString();
        });
        resolve({
          url: m[1],
          pid: child.pid as number,
          child,
          stderr: () => err,
          logs: () => logs,
          logged: (msg) =>
            logs.some((l) => l.msg === msg) ? Promise.resolve() : new Promise((r) => waiters.push({ msg, resolve: r })),
          signal(sig) {
            try {
              process.kill(-(child.pid as number), sig);
            } catch {}
          },
          exited,
        });
      }
    };
    child.stderr?.on("data", onData);
    exited.then(({ code, signal }) =>
      reject(new Error(`caliper serve exited (${code ?? signal}) before listening:\n${err}`)),
    );
  });
}

/** SIGKILLs every process group still running (afterAll). */
export function killAll(): void {
  for (const child of live) {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {}
  }
  live.clear();
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `caliper-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------
// Events and load

export const POLICIES: PolicySet = loadPolicySet();
export const DEMO_END = "2026-01-15T00:00:00.000Z";
export const BRANDS = ["eyewear", "marketplace", "global-goods", "clean-beauty", "jewelry"];

/** A reproducible, realistic history (the demo generator): whole tickets with orders, returns, ratings. */
export function demoEvents(tickets: number, seed: number): CaliperEvent[] {
  const out: CaliperEvent[] = [];
  for (const batch of generateDemo(demoOptions({ tickets, days: 30, seed, end: DEMO_END }))) out.push(...batch);
  return out;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** The events in arrival order `seed`, cut into batches of min..max events. */
export function batches(events: readonly CaliperEvent[], seed: number, min: number, max: number): CaliperEvent[][] {
  const r = rng(seed ^ 0x5bd1e995);
  const mixed = shuffle(events, seed);
  const out: CaliperEvent[][] = [];
  for (let i = 0; i < mixed.length; ) {
    const n = min + Math.floor(r() * (max - min + 1));
    out.push(mixed.slice(i, i + n));
    i += n;
  }
  return out;
}

export const eventKey = (e: { brand: string; id: string }): string => `${e.brand}\u001f${e.id}`;

export interface Outcome {
  batch: CaliperEvent[];
  status: number | null;
  accepted: number;
  duplicates: number;
  /** A connection-level failure: no response (the request may or may not have been stored). */
  error: string | null;
}

/** POST /v1/events with one batch; a connection failure is an outcome, not an exception. */
export async function postBatch(url: string, batch: CaliperEvent[]): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ events: batch }),
    });
    const text = await res.text();
    let json: { accepted?: number; duplicates?: number } = {};
    try {
      json = JSON.parse(text);
    } catch {}
    return {
      batch,
      status: res.status,
      accepted: json.accepted ?? 0,
      duplicates: json.duplicates ?? 0,
      error: res.ok ? null : text.slice(0, 300),
    };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { batch, status: null, accepted: 0, duplicates: 0, error: cause?.code ?? cause?.message ?? String(err) };
  }
}

/** Acknowledged (2xx) events and per-response counts across every client of a run. */
export class Ledger {
  readonly outcomes: Outcome[] = [];
  readonly acked = new Set<string>();
  inFlight = 0;

  record(o: Outcome): void {
    this.outcomes.push(o);
    if (o.status !== null && o.status >= 200 && o.status < 300) for (const e of o.batch) this.acked.add(eventKey(e));
  }
  get ok(): Outcome[] {
    return this.outcomes.filter((o) => o.status !== null && o.status >= 200 && o.status < 300);
  }
  get failed(): Outcome[] {
    return this.outcomes.filter((o) => o.status === null);
  }
  /** Responses that were neither 2xx nor a dropped connection (must never happen). */
  get refused(): Outcome[] {
    return this.outcomes.filter((o) => o.status !== null && (o.status < 200 || o.status >= 300));
  }
  get accepted(): number {
    return this.ok.reduce((n, o) => n + o.accepted, 0);
  }
}

/**
 * Runs one client per queue, each posting its batches one after another, until its queue is
 * empty, a connection fails (the server is gone) or `stop()` says so. `afterEach` runs after each
 * response is recorded.
 */
export async function runClients(
  url: string,
  queues: CaliperEvent[][][],
  ledger: Ledger,
  options: { stop?: () => boolean; afterEach?: (o: Outcome) => void } = {},
): Promise<void> {
  await Promise.all(
    queues.map(async (queue) => {
      for (const batch of queue) {
        if (options.stop?.()) return;
        ledger.inFlight++;
        const o = await postBatch(url, batch);
        ledger.inFlight--;
        ledger.record(o);
        options.afterEach?.(o);
        if (o.status === null) return;
      }
    }),
  );
}

/** Deals batches round-robin to `n` client queues. */
export const deal = <T>(items: readonly T[], n: number): T[][] =>
  Array.from({ length: n }, (_, k) => items.filter((_, i) => i % n === k));

// ---------------------------------------------------------------------------------------------
// Checks

export interface DatabaseReport {
  rows: number;
  distinct: number;
  keys: Set<string>;
  /** Acknowledged events missing from the log (must be empty). */
  missing: string[];
  tickets: number;
  /** Projections as they were, and after rebuildProjections. */
  live: Record<string, string[]>;
  rebuilt: Record<string, string[]>;
  integrity: string[] | null;
}

/**
 * Opens the database as a restarted process would (SQLite recovers its WAL here), and reports
 * what the log holds against what was acknowledged, the projections before and after a rebuild,
 * and (SQLite) PRAGMA integrity_check. Nothing may be serving it meanwhile.
 */
export async function inspectDatabase(target: string, acked: Iterable<string>): Promise<DatabaseReport> {
  const cdb = await openDatabase(target);
  try {
    const integrity = cdb.sqlite ? integrityCheck(cdb) : null;
    const rows = await cdb.db.selectFrom("events").select(["brand", "id"]).execute();
    const keys = new Set(rows.map(eventKey));
    const missing = [...acked].filter((k) => !keys.has(k));
    const live = await snapshotProjections(cdb);
    await rebuildProjections(cdb, { backend: cdb.backend, policies: POLICIES });
    const rebuilt = await snapshotProjections(cdb);
    return {
      rows: rows.length,
      distinct: keys.size,
      keys,
      missing,
      tickets: live.tickets?.length ?? 0,
      live,
      rebuilt,
      integrity,
    };
  } finally {
    await cdb.close();
  }
}

/** The events as the server stores them (message bodies redacted per brand policy). */
export function asStored(events: readonly CaliperEvent[]): CaliperEvent[] {
  const services = { policies: POLICIES } as unknown as Services;
  return events.map((e) => forStorage(services, e));
}

/** Differences between two JSON values, numbers compared to a relative 1e-9. */
export function differences(got: unknown, want: unknown, path = ""): string[] {
  if (typeof got === "number" && typeof want === "number") {
    const ok = Math.abs(got - want) <= Math.max(1e-9, Math.abs(want) * 1e-9);
    return ok ? [] : [`${path}: ${got} != ${want}`];
  }
  if (got && want && typeof got === "object" && typeof want === "object") {
    const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
    return [...keys].flatMap((k) =>
      differences((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return Object.is(got, want) ? [] : [`${path}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`];
}

/** The figures of GET /v1/metrics/overview that the reference computes (QA reviews aside). */
const comparable = (o: Overview) => ({
  tickets: o.tickets,
  firstResponse: o.firstResponse,
  resolution: o.resolution,
  csat: o.csat,
  sla: o.sla,
  flags: o.qa.flags,
});

export const PERIOD = { from: "2025-12-01T00:00:00.000Z", to: DEMO_END, asOf: DEMO_END };

/**
 * For every brand, the server's exact overview against `referenceOverview` over the distinct
 * events: an event counted twice (or lost) shows up as a difference.
 */
export async function overviewDifferences(url: string, distinct: readonly CaliperEvent[]): Promise<string[]> {
  const out: string[] = [];
  for (const brand of BRANDS) {
    const q = { brand, ...PERIOD };
    const res = await fetch(
      `${url}/v1/metrics/overview?${new URLSearchParams({ ...q, precision: "exact" }).toString()}`,
      { headers: { authorization: `Bearer ${ADMIN_KEY}` } },
    );
    if (res.status !== 200) {
      out.push(`${brand}: HTTP ${res.status} ${await res.text()}`);
      continue;
    }
    const got = (await res.json()) as Overview;
    const want = referenceOverview(distinct, POLICIES, q);
    if (want.tickets.created === 0) out.push(`${brand}: the reference has no tickets in the period`);
    out.push(...differences(comparable(got), comparable(want), brand));
  }
  return out;
}

export const isBackend = (b: Backend, list: readonly Backend[]): boolean => list.includes(b);
