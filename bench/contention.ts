/**
 * Reads while another process holds the write lock (SQLite). One API server on a small store
 * answers overview reads from 8 connections (autocannon) while one client posts an event every
 * 25 ms — first alone ("quiet"), then beside another process that holds the file's write lock
 * 250 ms of every 500 ms, as `caliper import` does next to a running server (bench/lock-holder-
 * child.ts). The server's posts must wait for that lock; its reads need no lock in WAL mode, so
 * they should not wait with them. Last, the same posts without the reads, beside the other
 * process: the write path's own wait. With --baseline REV the product at REV is measured the same
 * way, before this checkout.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { ADMIN_KEY, chunks, ensureDir, fmtMs, fmtNum, log, RESULTS, ROOT, sleep, summarize } from "./lib/common.ts";
import type { Bench, BenchContext } from "./lib/context.ts";
import { demoEvents } from "./lib/events.ts";
import { request } from "./lib/http.ts";
import { nodeArgv, startBenchServer } from "./lib/proc.ts";
import { type BenchResult, info, target } from "./lib/report.ts";
import { httpBatchRate } from "./ingest.ts";
import { endpoints } from "./reads.ts";

const READ_CONNECTIONS = 8;
const POST_EVERY_MS = 25;
const HOLD_MS = 250;
const GAP_MS = 250;

interface Phase {
  reads: { rate: number; p50: number; p99: number; max: number; bad: number };
  posts: { ok: number; failed: number; p50: number; p99: number; max: number };
}

/** Starts the lock holder on `file`; resolves once it holds the lock for the first time. */
function startHolder(file: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    nodeArgv(join(ROOT, "bench", "lock-holder-child.ts"), [file, String(HOLD_MS), String(GAP_MS)]),
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit", "ipc"] },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
    child.once("message", () => resolve(child));
  });
}

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/** Reads from 8 connections (unless `reads` is false) and one posting client for `seconds`, at the same time. */
async function phase(
  url: string,
  readPath: string,
  posts: readonly string[],
  seconds: number,
  reads = true,
): Promise<Phase> {
  let stop = false;
  const postMs: number[] = [];
  let failed = 0;
  const poster = (async () => {
    for (let i = 0; !stop && i < posts.length; i++) {
      const r = await request(`${url}/v1/events`, { method: "POST", body: posts[i] as string });
      if (r.status === 200) postMs.push(r.ms);
      else failed++;
      await sleep(POST_EVERY_MS);
    }
  })();
  const result = reads
    ? await autocannon({
        url,
        connections: READ_CONNECTIONS,
        duration: seconds,
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
        requests: [{ method: "GET", path: readPath }],
      })
    : null;
  if (!result) await sleep(seconds * 1000);
  stop = true;
  await poster;
  const p = summarize(postMs);
  return {
    reads: {
      rate: result ? result["2xx"] / result.duration : Number.NaN,
      p50: result?.latency.p50 ?? Number.NaN,
      p99: result?.latency.p99 ?? Number.NaN,
      max: result?.latency.max ?? Number.NaN,
      bad: result ? result.non2xx + result.errors : 0,
    },
    posts: { ok: postMs.length, failed, p50: p.p50, p99: p.p99, max: p.max },
  };
}

/** Quiet, then contended, on a new store of `warmEvents` demo events, for the product under `root`. */
async function measure(ctx: BenchContext, root: string | undefined, work: string, label: string) {
  const so = ctx.storeOptions;
  const recent = { days: 90, end: so.end };
  const file = join(work, `${label}.db`);
  const server = await startBenchServer(file, root ? { root } : {});
  try {
    const warm = demoEvents(ctx.quick ? 5_000 : 20_000, { ...recent, seed: 7301 });
    await httpBatchRate(
      server.url,
      chunks(warm, 500).map((b) => JSON.stringify({ events: b })),
      warm.length,
      1,
    );
    const posts = demoEvents(4_000, { ...recent, seed: 7302 }).map((e) => JSON.stringify(e));
    const overview = endpoints({ ...so, days: 90 }).find((e) => e.key === "overview");
    if (!overview) throw new Error("no overview endpoint");
    const seconds = ctx.quick ? 4 : 10;
    log(`  ${label}: quiet (${seconds} s)`);
    const quiet = await phase(server.url, overview.path, posts.slice(0, 2_000), seconds);
    log(`  ${label}: another process holding the write lock ${HOLD_MS} of every ${HOLD_MS + GAP_MS} ms (${seconds} s)`);
    const holder = await startHolder(file);
    let contended: Phase;
    let postsOnly: Phase;
    try {
      contended = await phase(server.url, overview.path, posts.slice(2_000, 3_000), seconds);
      log(`  ${label}: the same posts without the reads, beside the other process (${seconds} s)`);
      postsOnly = await phase(server.url, overview.path, posts.slice(3_000), seconds, false);
    } finally {
      await stopChild(holder);
    }
    return { quiet, contended, postsOnly };
  } finally {
    await server.stop();
  }
}

function report(r: BenchResult, label: string, m: { quiet: Phase; contended: Phase; postsOnly: Phase }): void {
  const { quiet, contended, postsOnly } = m;
  const reads = (p: Phase) =>
    `p50 ${fmtMs(p.reads.p50)}, p99 ${fmtMs(p.reads.p99)}, max ${fmtMs(p.reads.max)}, ${fmtNum(p.reads.rate)} req/s${p.reads.bad ? `, ${p.reads.bad} failed` : ""}`;
  const posts = (p: Phase) =>
    `${p.posts.ok} stored${p.posts.failed ? `, ${p.posts.failed} failed` : ""}; p50 ${fmtMs(p.posts.p50)}, p99 ${fmtMs(p.posts.p99)}, max ${fmtMs(p.posts.max)}`;
  info(r, `${label}: overview reads, quiet`, reads(quiet));
  info(r, `${label}: overview reads, another process holding the lock`, reads(contended));
  info(r, `${label}: posts (one every ${POST_EVERY_MS} ms), quiet`, posts(quiet));
  info(r, `${label}: posts, another process holding the lock`, posts(contended));
  info(r, `${label}: posts without the reads, another process holding the lock`, posts(postsOnly));
}

export const contentionBench: Bench = async (ctx, r) => {
  r.title = "Reads while another process holds the write lock (SQLite)";
  const work = mkdtempSync(join(ensureDir(join(RESULTS, "tmp")), "contention-"));
  try {
    if (ctx.baseline) {
      const before = await measure(ctx, ctx.baseline.dir, work, `before (${ctx.baseline.sha})`);
      report(r, `before (${ctx.baseline.sha})`, before);
    }
    const now = await measure(ctx, undefined, work, "this checkout");
    report(r, "this checkout", now);
    // Reads need no lock: another process's lock should not show in their latency.
    target(
      r,
      "overview read p99 with another process holding the lock ÷ quiet",
      now.contended.reads.p99 / now.quiet.reads.p99,
      "<=",
      2,
      (n) => `${fmtNum(n, 2)}×`,
    );
    r.notes.push(
      `A new store of ${fmtNum(ctx.quick ? 5_000 : 20_000)} demo events per server; reads: GET overview (90 days, one brand) from ${READ_CONNECTIONS} connections; posts: one single event every ${POST_EVERY_MS} ms from one client, waiting for each answer. The other process takes the write lock (BEGIN IMMEDIATE) for ${HOLD_MS} ms, releases it for ${GAP_MS} ms, and so on. Then the same posts without the reads, beside it (the write path's own wait; with the reads, posts share the CPU with them).`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
