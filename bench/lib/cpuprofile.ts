import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fmtNum, ROOT } from "./common.ts";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileRow {
  fn: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

const where = (cf: CallFrame): string => {
  if (!cf.url) return "(native)";
  let path = cf.url.replace(/^file:\/\//, "");
  if (path.startsWith(ROOT)) path = relative(ROOT, path);
  path = path.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "");
  return `${path}:${cf.lineNumber + 1}`;
};

/** Area of the code a frame belongs to: a workspace package, a dependency, node internals or V8. */
export const areaOf = (w: string): string => {
  const pkg = /^(packages|apps)\/([^/]+)\/src\/([^/:]+)/.exec(w);
  if (pkg) return `${pkg[1]}/${pkg[2]}/${pkg[3]}`;
  if (w.startsWith("node:")) return "node internals";
  if (w === "(native)") return "V8 / native (GC, JSON, regex, sqlite)";
  const dep = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(w);
  return dep ? `dependency ${dep[1]}` : (w.split(":")[0] ?? w);
};

/** Self and inclusive time per function (recursion counted once), slowest first by self time. */
export function analyse(profile: CpuProfile): { rows: ProfileRow[]; totalMs: number; areas: Map<string, number> } {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const rows = new Map<string, ProfileRow>();
  const areas = new Map<string, number>();
  const keyOf = (cf: CallFrame) => `${cf.functionName || "(anonymous)"}@${where(cf)}`;
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const cf = node.callFrame;
    if (cf.functionName === "(idle)" || cf.functionName === "(program)") continue;
    const k = keyOf(cf);
    const row = rows.get(k) ?? { fn: cf.functionName || "(anonymous)", where: where(cf), selfMs: 0, totalMs: 0 };
    row.selfMs += us / 1000;
    rows.set(k, row);
    const area = areaOf(where(cf));
    areas.set(area, (areas.get(area) ?? 0) + us / 1000);
    // Inclusive time: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (!f) break;
      const fk = keyOf(f);
      if (seen.has(fk)) continue;
      seen.add(fk);
      const r = rows.get(fk) ?? { fn: f.functionName || "(anonymous)", where: where(f), selfMs: 0, totalMs: 0 };
      r.totalMs += us / 1000;
      rows.set(fk, r);
    }
  }
  return { rows: [...rows.values()].sort((a, b) => b.selfMs - a.selfMs), totalMs: totalUs / 1000, areas };
}

/** Regex frames are named by their whole source; keep the table readable. */
const clipFn = (fn: string): string => (fn.length > 70 ? `${fn.slice(0, 70)}…` : fn).replace(/\|/g, "\\|");

const idle = (p: CpuProfile): number => {
  const ids = new Set(p.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let us = 0;
  p.samples.forEach((id, i) => {
    if (ids.has(id)) us += p.timeDeltas[i] ?? 0;
  });
  return us / 1000;
};

/** Markdown: top functions by self time and time by area, for one .cpuprofile file. */
export function summariseProfile(file: string, title: string, top = 15): string {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const { rows, totalMs, areas } = analyse(p);
  const busy = totalMs - idle(p);
  const pct = (ms: number) => `${fmtNum((ms / Math.max(busy, 1e-9)) * 100, 1)}%`;
  const lines = [
    `<details><summary>CPU profile: ${title} (${fmtNum(busy / 1000, 1)} s on CPU of ${fmtNum(totalMs / 1000, 1)} s)</summary>`,
    "",
    "| self | total | function | where |",
    "|---|---|---|---|",
    ...rows
      .filter((r) => r.fn !== "(garbage collector)" || r.selfMs > 0)
      .slice(0, top)
      .map((r) => `| ${pct(r.selfMs)} | ${pct(r.totalMs)} | \`${clipFn(r.fn)}\` | ${r.where} |`),
    "",
    "| area | self |",
    "|---|---|",
    ...[...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([a, ms]) => `| ${a} | ${pct(ms)} |`),
    "",
    `Profile: \`${relative(ROOT, file)}\``,
    "</details>",
  ];
  return lines.join("\n");
}

/**
 * Summaries of the profiles of one benchmark: files `root/<prefix>*.cpuprofile` (server phases)
 * and directories `root/<prefix>*` (--cpu-prof of CLI children; each holds the main thread's
 * profile and smaller ones of loader threads, which are skipped).
 */
export function summariseProfiles(root: string, prefix: string): string | null {
  if (!existsSync(root)) return null;
  const out: string[] = [];
  for (const d of readdirSync(root).sort()) {
    if (!d.startsWith(prefix)) continue;
    const path = join(root, d);
    if (!statSync(path).isDirectory()) {
      if (d.endsWith(".cpuprofile")) out.push(summariseProfile(path, d.replace(/\.cpuprofile$/, "")));
      continue;
    }
    const files = readdirSync(path)
      .filter((x) => x.endsWith(".cpuprofile"))
      .map((f) => ({ f, size: statSync(join(path, f)).size }));
    const biggest = Math.max(0, ...files.map((x) => x.size));
    for (const { f, size } of files) if (size >= biggest * 0.5) out.push(summariseProfile(join(path, f), d));
  }
  return out.length > 0 ? out.join("\n\n") : null;
}

if (process.argv[1]?.endsWith("cpuprofile.ts") && process.argv[2]) {
  process.stdout.write(`${summariseProfile(process.argv[2], process.argv[2], Number(process.argv[3] ?? 25))}\n`);
}
