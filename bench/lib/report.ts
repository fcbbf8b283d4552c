import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { DOCS, fmtNum, type Machine } from "./common.ts";
import { archiveOldRuns, RUNS_END, RUNS_START } from "./run-archive.ts";

/** One line of a benchmark's table: a figure, optionally with a target and whether it was met. */
export interface Figure {
  name: string;
  value: string;
  target?: string;
  /** "met" / "missed" for targets; "ok"/"mismatch" for agreement checks; undefined for plain figures. */
  status?: "met" | "missed" | "ok" | "mismatch";
  /** How far from the target, e.g. "missed by 37%". */
  detail?: string;
}

export interface BenchResult {
  name: string;
  title: string;
  seconds: number;
  figures: Figure[];
  /** Free-form lines under the table (scale used, caveats). */
  notes: string[];
  /** Extra markdown blocks (EXPLAIN output, profiles). */
  extra: string[];
  error?: string;
}

export const newResult = (name: string, title: string): BenchResult => ({
  name,
  title,
  seconds: 0,
  figures: [],
  notes: [],
  extra: [],
});

/** A plain figure without a target. */
export function info(r: BenchResult, name: string, value: string): void {
  r.figures.push({ name, value });
  process.stderr.write(`    ${name}: ${value}\n`);
}

/**
 * A figure with a target: `op` says which side passes. `show` formats the value and target.
 * The detail says by how much it was missed (relative to the target) or the margin when met.
 */
export function target(
  r: BenchResult,
  name: string,
  value: number,
  op: ">=" | "<=" | "<",
  goal: number,
  show: (n: number) => string = (n) => fmtNum(n, 2),
): boolean {
  const met = Number.isFinite(value) && (op === ">=" ? value >= goal : op === "<=" ? value <= goal : value < goal);
  const rel = goal !== 0 ? Math.abs(value - goal) / Math.abs(goal) : Number.NaN;
  let detail: string;
  if (!Number.isFinite(value)) detail = "not measured";
  else if (met) detail = `margin ${fmtNum(rel * 100, 0)}%`;
  else if (op === ">=") detail = `missed by ${fmtNum(rel * 100, 0)}% (${fmtNum(value / goal, 2)} of the target)`;
  else detail = `missed by ${fmtNum(rel * 100, 0)}% (${fmtNum(value / goal, 1)}× the target)`;
  r.figures.push({ name, value: show(value), target: `${op} ${show(goal)}`, status: met ? "met" : "missed", detail });
  process.stderr.write(
    `    ${name}: ${show(value)} (target ${op} ${show(goal)}) ${met ? "MET" : "MISSED"} — ${detail}\n`,
  );
  return met;
}

/** An agreement check (figures computed two ways). */
export function agree(r: BenchResult, name: string, ok: boolean, value: string, rule: string): void {
  r.figures.push({ name, value, target: rule, status: ok ? "ok" : "mismatch" });
  process.stderr.write(`    ${name}: ${value} (${rule}) ${ok ? "OK" : "MISMATCH"}\n`);
}

export interface RunInfo {
  date: string;
  machine: Machine;
  commit: string;
  command: string;
  mode: string;
  seconds: number;
  loadBefore: number;
  loadAfter: number;
}

const STATUS: Record<NonNullable<Figure["status"]>, string> = {
  met: "✅ met",
  missed: "❌ missed",
  ok: "✅ agree",
  mismatch: "❌ differ",
};

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The run's heading: date, time and command. */
const runHeading = (run: RunInfo): string => `${run.date.slice(0, 16).replace("T", " ")} UTC — \`${run.command}\``;

/**
 * A run's section. Its extra blocks (query plans, CPU profiles: most of a run's text) are inlined,
 * or, with `details` (a link to where `renderRunDetails` put them), replaced by that link, so the
 * docs keep every run's figures and stay small enough to read (and for the formatter, which skips files over 1 MiB).
 */
export function renderRun(run: RunInfo, results: readonly BenchResult[], details?: string): string {
  const m = run.machine;
  const lines = [
    `### ${runHeading(run)}`,
    "",
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}; Node ${m.node}`,
    `- Commit: ${run.commit}`,
    `- Mode: ${run.mode}`,
    `- Load average (1 min) before / after: ${run.loadBefore.toFixed(2)} / ${run.loadAfter.toFixed(2)}${run.loadBefore >= 1.5 ? " — the machine was busy: absolute figures are noisy, ratios less so" : ""}`,
    `- Wall time: ${fmtNum(run.seconds / 60, 1)} min`,
    "",
  ];
  for (const r of results) {
    lines.push(`#### ${r.title} (${fmtNum(r.seconds, 0)} s)`, "");
    if (r.error) lines.push(`**Failed:** \`${cell(r.error)}\``, "");
    if (r.figures.length > 0) {
      lines.push("| figure | value | target | status |", "|---|---|---|---|");
      for (const f of r.figures)
        lines.push(
          `| ${cell(f.name)} | ${cell(f.value)} | ${cell(f.target ?? "")} | ${f.status ? `${STATUS[f.status]}${f.detail ? ` — ${f.detail}` : ""}` : ""} |`,
        );
      lines.push("");
    }
    for (const n of r.notes) lines.push(`- ${n}`);
    if (r.notes.length > 0) lines.push("");
    if (details === undefined) for (const x of r.extra) lines.push(x, "");
    else if (r.extra.length > 0)
      lines.push(`Query plans and profiles of this benchmark: [${details}](${details}).`, "");
  }
  return lines.join("\n");
}

/** A run's extra blocks on their own (see `renderRun`), under each benchmark's title; null when it has none. */
export function renderRunDetails(run: RunInfo, results: readonly BenchResult[]): string | null {
  const withExtra = results.filter((r) => r.extra.length > 0);
  if (withExtra.length === 0) return null;
  const lines = [
    `# Run of ${runHeading(run)}: query plans and profiles`,
    "",
    `Commit ${run.commit}. The run's figures are in [docs/benchmarks.md](../benchmarks.md#runs).`,
    "",
  ];
  for (const r of withExtra) {
    lines.push(`## ${r.title}`, "");
    for (const x of r.extra) lines.push(x, "");
  }
  return lines.join("\n");
}

/** The file of a run's details, in benchmark-runs/ beside docs/benchmarks.md: 2026-12-05-2221.md. */
export const detailsFile = (run: RunInfo): string => `${run.date.slice(0, 16).replace("T", "-").replace(":", "")}.md`;

/**
 * Writes a run to the docs: its details (query plans, profiles), if any, to their own file in
 * benchmark-runs/ beside docs/benchmarks.md, and its section, linking to them, at the top of the
 * runs list in docs/benchmarks.md.
 */
export function writeRunToDocs(run: RunInfo, results: readonly BenchResult[], path = DOCS): void {
  const details = renderRunDetails(run, results);
  let link: string | undefined;
  if (details !== null) {
    const dir = join(dirname(path), "benchmark-runs");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, detailsFile(run));
    writeFileSync(file, `${details.trimEnd()}\n`);
    format(file);
    link = relative(dirname(path), file);
  }
  insertRunSection(renderRun(run, results, link), path);
}

/** Runs the project's formatter over a docs file: it aligns the tables, so that the lint step stays clean. */
function format(path: string): void {
  spawnSync("npx", ["biome", "format", "--write", path], { cwd: dirname(path), stdio: "ignore" });
}

/** Inserts a run section at the top of the runs list in docs/benchmarks.md, leaving every other section alone. */
function insertRunSection(section: string, path: string): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const start = text.indexOf(RUNS_START);
  if (start === -1) writeFileSync(path, `${text.trimEnd()}\n\n## Runs\n\n${RUNS_START}\n\n${section}\n${RUNS_END}\n`);
  else {
    const at = start + RUNS_START.length;
    writeFileSync(path, `${text.slice(0, at)}\n\n${section.trimEnd()}\n${text.slice(at)}`);
  }
  for (const file of archiveOldRuns(path)) format(file);
  format(path);
}
