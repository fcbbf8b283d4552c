/**
 * What one write costs SQLite in pages: for groups of 64 events (what 64 connections sending
 * single events make of them) and of 500 (a batch), the pages each commit writes to the
 * write-ahead log, by table (its own B-tree and its indexes) and by B-tree. A commit's time is
 * mostly these pages: every one is copied into the log, checksummed, and later checkpointed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureDir, fmtNum, log, RESULTS, ROOT } from "./lib/common.ts";
import type { Bench } from "./lib/context.ts";
import { runNode } from "./lib/proc.ts";
import { info } from "./lib/report.ts";

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
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
