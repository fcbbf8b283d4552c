/**
 * The message rules on their own: `checkMessage` time per agent message of a demo history (the
 * largest share of a rebuild's compute, see docs/benchmarks.md), in a child process per round.
 * With --baseline REV the baseline's rules check the same messages in alternating rounds, and
 * the two must give the same number of flags (or the report says they differ).
 */
import { join } from "node:path";
import { fmtNum, fmtRatio, log, median, ROOT } from "./lib/common.ts";
import type { Bench } from "./lib/context.ts";
import { runNode } from "./lib/proc.ts";
import { agree, info } from "./lib/report.ts";

interface Timing {
  messages: number;
  chars: number;
  flags: number;
  ms: number[];
}

async function timeRules(root: string, tickets: number, passes: number): Promise<Timing> {
  const res = await runNode(join(ROOT, "bench", "rules-child.ts"), [root, String(tickets), String(passes)]);
  if (res.code !== 0) throw new Error(`rules child failed (${res.code}): ${res.stderr.slice(-2000)}`);
  return JSON.parse(res.stdout.trim().split("\n").pop() as string) as Timing;
}

export const rulesBench: Bench = async (ctx, r) => {
  const tickets = ctx.quick ? 2_000 : 10_000;
  const passes = ctx.quick ? 2 : 3;
  const rounds = ctx.quick ? 2 : 3;
  const trees = [["after", ROOT] as const, ...(ctx.baseline ? [["before", ctx.baseline.dir] as const] : [])];
  const us: Record<string, number[]> = { after: [], before: [] };
  let last: Record<string, Timing> = {};
  for (let k = 0; k < rounds; k++) {
    log(`  rules round ${k + 1}/${rounds}`);
    // Alternate which goes first, so neither always runs on a warmer machine.
    for (const [key, root] of k % 2 === 0 ? trees : [...trees].reverse()) {
      const t = await timeRules(root, tickets, passes);
      for (const ms of t.ms) us[key]?.push((ms * 1000) / t.messages);
      last = { ...last, [key]: t };
    }
  }
  const now = last.after as Timing;
  const perMessage = median(us.after ?? []);
  info(
    r,
    "checkMessage per agent message",
    `${fmtNum(perMessage, 1)} µs (${fmtNum(1e6 / perMessage)} messages/s on one thread; median of ${rounds * passes} passes over ${fmtNum(now.messages)} messages of ${fmtNum(tickets)} demo tickets, ${fmtNum(now.chars / now.messages)} characters on average)`,
  );
  info(r, "flags raised", `${fmtNum(now.flags)} (${fmtNum((100 * now.flags) / now.messages, 1)}% of messages)`);
  const before = last.before;
  if (!before || !ctx.baseline) return;
  const was = median(us.before ?? []);
  info(
    r,
    "checkMessage per agent message, before → after",
    `${fmtNum(was, 1)} → ${fmtNum(perMessage, 1)} µs (${fmtRatio(was / perMessage)} faster)`,
  );
  agree(
    r,
    "flags raised, before and after",
    before.flags === now.flags,
    `${fmtNum(before.flags)} and ${fmtNum(now.flags)}`,
    "the same count, unless a rule changed",
  );
};
