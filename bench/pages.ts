/**
 * What one write costs SQLite in pages: for groups of 64 events (what 64 connections sending
 * single events make of them) and of 500 (a batch), the pages each commit writes to the
 * write-ahead log, by table (its own B-tree and its indexes) and by B-tree. A commit's time is
 * mostly these pages: every one is copied into the log, checksummed, and later checkpointed.
 *
 * Then the same two group sizes timed in process (`write-cost-child.ts`): the time per event,
 * what a group costs whatever its size (a straight line through the two), and how much of it is
 * spent inside SQLite's statements — why single events cost about twice a batch's events.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureDir, fmtNum, log, RESULTS, ROOT } from "./lib/common.ts";
import type { Bench } from "./lib/context.ts";
import { runNode } from "./lib/proc.ts";
import { type BenchResult, info } from "./lib/report.ts";

interface WriteCost {
  group: number;
  events: number;
  usPerEvent: number;
  sqliteUsPerEvent: number;
  statements: { key: string; calls: number; usPerEvent: number }[];
}

interface Pages {
  group: number;
  commits: number;
  pageSize: number;
  pagesPerCommit: number;
  trees: { name: string; table: string; perCommit: number }[];
}

export const pagesBench: Bench = async (ctx, r) => {
  const seed = ctx.quick ? 10_000 : 60_000;
  const work = mkdtempSync(join(ensureDir(join(RESULTS, "tmp")), "pages-"));
  try {
    for (const group of [64, 500]) {
      log(`  pages per commit: groups of ${group} on a ${fmtNum(seed)}-event store`);
      const res = await runNode(join(ROOT, "bench", "pages-child.ts"), [work, String(seed), String(group), "20"]);
      if (res.code !== 0) throw new Error(`pages child failed (${res.code}): ${res.stderr.slice(-2000)}`);
      const p = JSON.parse(res.stdout.trim().split("\n").pop() as string) as Pages;
      const byTable = new Map<string, number>();
      for (const t of p.trees) byTable.set(t.table, (byTable.get(t.table) ?? 0) + t.perCommit);
      const share = (n: number) => `${fmtNum(n, 1)} (${fmtNum((100 * n) / p.pagesPerCommit)}%)`;
      info(
        r,
        `groups of ${group} events: pages written per commit`,
        `${fmtNum(p.pagesPerCommit)} of ${fmtNum(p.pageSize)} bytes (${fmtNum((p.pagesPerCommit * p.pageSize) / 1024 / group, 1)} KiB of log per event; mean of ${p.commits} commits onto demo traffic of ${fmtNum(seed)} events)`,
      );
      info(
        r,
        `groups of ${group} events: by table, with its indexes`,
        [...byTable]
          .sort((a, b) => b[1] - a[1])
          .filter(([, n]) => n >= 0.5)
          .map(([t, n]) => `${t} ${share(n)}`)
          .join(", "),
      );
      info(
        r,
        `groups of ${group} events: the ten B-trees with most pages`,
        [...p.trees]
          .sort((a, b) => b.perCommit - a.perCommit)
          .slice(0, 10)
          .map((t) => `${t.name} ${fmtNum(t.perCommit, 1)}`)
          .join(", "),
      );
    }
    await writeCost(r, work, seed, ctx.quick ? 6_400 : 20_000);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

/** The time half: groups of 64 and 500 timed in process, and the share of SQLite's statements. */
async function writeCost(r: BenchResult, work: string, seed: number, events: number): Promise<void> {
  log(`  time per event: ${fmtNum(events)} events in groups of 64 and of 500 on a ${fmtNum(seed)}-event store`);
  const res = await runNode(join(ROOT, "bench", "write-cost-child.ts"), [work, String(seed), String(events), "64,500"]);
  if (res.code !== 0) throw new Error(`write-cost child failed (${res.code}): ${res.stderr.slice(-2000)}`);
  const costs = JSON.parse(res.stdout.trim().split("\n").pop() as string) as WriteCost[];
  for (const c of costs) {
    const top = c.statements
      .slice(0, 5)
      .map((s) => `${s.key} ${fmtNum(s.usPerEvent, 1)}`)
      .join(", ");
    info(
      r,
      `groups of ${c.group} events: time per event, in process`,
      `${fmtNum(c.usPerEvent, 1)} µs (${fmtNum(1e6 / c.usPerEvent)} events/s on one thread); inside SQLite's statements ${fmtNum(c.sqliteUsPerEvent, 1)} µs (${fmtNum((100 * c.sqliteUsPerEvent) / c.usPerEvent)}%), most: ${top}`,
    );
  }
  const [small, large] = costs as [WriteCost, WriteCost];
  /** A group's time as fixed + perEvent × size (µs), the straight line through both sizes' figure `us`. */
  const line = (us: (c: WriteCost) => number) => {
    const perEvent = (us(large) * large.group - us(small) * small.group) / (large.group - small.group);
    return { perEvent, fixed: us(small) * small.group - perEvent * small.group };
  };
  const { perEvent, fixed } = line((c) => c.usPerEvent);
  const { perEvent: sqlitePerEvent, fixed: sqliteFixed } = line((c) => c.sqliteUsPerEvent);
  info(
    r,
    "a group's cost, fitted through both sizes: fixed per group + per event",
    `${fmtNum(fixed / 1000, 2)} ms + ${fmtNum(perEvent, 1)} µs per event (of them inside SQLite: ${fmtNum(sqliteFixed / 1000, 2)} ms + ${fmtNum(sqlitePerEvent, 1)} µs); a group of 64 spends ${fmtNum((100 * fixed) / (small.usPerEvent * small.group))}% of its time on the fixed part`,
  );
  r.notes.push(
    `Time per event: ${fmtNum(events)} demo events appended with \`appendEvents\` one group after another onto copies of one store (a file, background checkpoints on, as \`caliper serve\` runs it), each group one transaction; SQLite's share is the time inside better-sqlite3's statement calls, the commit included.`,
  );
}
