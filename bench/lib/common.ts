import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (bench/ is one level below it). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Cached stores, exports, generated files and JSON results (gitignored). */
export const RESULTS = join(ROOT, "bench", "results");
export const DOCS = join(ROOT, "docs", "benchmarks.md");
/** The CLI entry point, run as `node --import tsx <CLI> <command> …`. */
export const CLI = join(ROOT, "apps", "api", "src", "cli", "main.ts");
export const PG_URL = process.env.CALIPER_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";
/** Admin key handed to every server the suite starts (never a real secret). */
export const ADMIN_KEY = "bench-admin-key-not-a-secret-0123456789";

export const ensureDir = (dir: string): string => {
  mkdirSync(dir, { recursive: true });
  return dir;
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Linear interpolation between closest ranks (PostgreSQL percentile_cont) over sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    p99: percentile(s, 0.99),
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    max: s[s.length - 1] ?? Number.NaN,
  };
}

export const median = (values: readonly number[]): number => summarize(values).p50;

export function fmtNum(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export const fmtMs = (ms: number): string => (ms >= 100 ? `${fmtNum(ms, 0)} ms` : `${fmtNum(ms, 1)} ms`);
export const fmtRatio = (r: number): string => (r >= 10 ? `${fmtNum(r, 1)}×` : `${fmtNum(r, 2)}×`);
export const fmtMb = (kb: number): string => `${fmtNum(kb / 1024, 0)} MB`;
export const fmtBytes = (b: number): string =>
  b >= 1 << 30 ? `${fmtNum(b / (1 << 30), 2)} GiB` : `${fmtNum(b / (1 << 20), 0)} MiB`;
export const fmtSecs = (s: number): string => (s >= 120 ? `${fmtNum(s / 60, 1)} min` : `${fmtNum(s, 1)} s`);

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  load: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    ramGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
}

export const loadAverage = (): number => os.loadavg()[0] ?? 0;

export function gitCommit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trimEnd();
    if (!dirty) return sha;
    const files = dirty
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => l.slice(3));
    return `${sha} (with uncommitted changes to ${files.slice(0, 5).join(", ")}${files.length > 5 ? ` and ${files.length - 5} more` : ""})`;
  } catch {
    return "unknown";
  }
}

/** Progress lines on stderr, prefixed with the elapsed time of the whole run. */
const T0 = performance.now();
export function log(msg: string): void {
  const s = (performance.now() - T0) / 1000;
  const stamp = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
  process.stderr.write(`[${stamp}] ${msg}\n`);
}

/** Splits an array into chunks of `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
