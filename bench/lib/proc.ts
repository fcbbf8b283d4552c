import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ADMIN_KEY, CLI, ensureDir, ROOT } from "./common.ts";

/** Resident set size (VmRSS), its peak (VmHWM) and its parts, in KiB. */
export interface RssReading {
  rssKb: number;
  hwmKb: number;
  /** Anonymous pages (V8's heap, malloc: SQLite's page cache) and mapped files (code, libraries). */
  anonKb: number;
  fileKb: number;
}

/** The RSS of a live process (from /proc/<pid>/status); null once it has exited. */
export function rssOf(pid: number): RssReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string): number | undefined => {
      const m = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
      return m ? Number(m[1]) : undefined;
    };
    const rssKb = kb("VmRSS");
    if (rssKb === undefined) return null;
    return { rssKb, hwmKb: kb("VmHWM") ?? rssKb, anonKb: kb("RssAnon") ?? 0, fileKb: kb("RssFile") ?? 0 };
  } catch {
    return null;
  }
}

/**
 * CPU seconds a live process has used, user and system, all threads (from /proc/<pid>/stat, in
 * USER_HZ ticks, 100 a second on Linux); null once it has exited. Less sensitive than a rate to
 * what else the machine runs: time the process waits for a core is not counted.
 */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** V8's heap as the sampled process reports it (bench/server.ts answers IPC { memory: true }). */
export interface HeapReading {
  heapTotalKb: number;
  heapUsedKb: number;
}

export interface RssSample extends Omit<RssReading, "hwmKb"> {
  /** Seconds since the sampler started. */
  t: number;
  /** The heap, when the sampler asks the process (set when its answer arrives, a moment after the RSS). */
  heap?: HeapReading;
}

/**
 * Samples a process's RSS every `everyMs`: the samples, the max of VmRSS and the kernel's VmHWM.
 * Given the process's IPC channel (a bench server), each sample also asks for V8's heap, so the
 * largest samples say how much of the RSS is the JavaScript heap and how much is native (SQLite).
 */
export class RssSampler {
  readonly samples: RssSample[] = [];
  hwmKb = 0;
  private timer: NodeJS.Timeout;
  private readonly t0 = performance.now();
  private readonly onHeap = (m: unknown) => {
    if (typeof m !== "object" || m === null || !("memory" in m)) return;
    const mem = m.memory as { heapTotal: number; heapUsed: number };
    const last = this.samples.at(-1);
    if (last && !last.heap) last.heap = { heapTotalKb: mem.heapTotal / 1024, heapUsedKb: mem.heapUsed / 1024 };
  };
  constructor(
    readonly pid: number,
    everyMs = 1000,
    private readonly ipc?: ChildProcess,
  ) {
    ipc?.on("message", this.onHeap);
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }
  sample(): void {
    const r = rssOf(this.pid);
    if (!r) return;
    this.samples.push({ t: (performance.now() - this.t0) / 1000, rssKb: r.rssKb, anonKb: r.anonKb, fileKb: r.fileKb });
    this.hwmKb = Math.max(this.hwmKb, r.hwmKb);
    if (this.ipc?.connected) this.ipc.send({ memory: true });
  }
  get maxKb(): number {
    return this.samples.reduce((m, s) => Math.max(m, s.rssKb), 0);
  }
  /** Seconds since the sampler started: a phase's start, for `largestSince`. */
  now(): number {
    return (performance.now() - this.t0) / 1000;
  }
  /** The sample with the largest RSS since `t` (from `now()`). */
  largestSince(t: number): RssSample | undefined {
    let best: RssSample | undefined;
    for (const s of this.samples) if (s.t >= t && (!best || s.rssKb > best.rssKb)) best = s;
    return best;
  }
  stop(): void {
    this.sample();
    clearInterval(this.timer);
    this.ipc?.off("message", this.onHeap);
  }
}

export interface NodeOptions {
  /** Write a V8 CPU profile (--cpu-prof) into this directory. */
  profileDir?: string | undefined;
  env?: Record<string, string>;
  /** Extra node flags (e.g. --max-old-space-size). */
  nodeFlags?: string[];
  /** Run the product from another tree (a baseline commit, see lib/baseline.ts); default this checkout. */
  root?: string;
}

/** Node's argv for a TypeScript script run through tsx, with the flags of `o`. */
export const nodeArgv = (script: string, args: readonly string[], o: NodeOptions = {}): string[] => [
  ...(o.nodeFlags ?? []),
  ...(o.profileDir ? ["--cpu-prof", "--cpu-prof-dir", ensureDir(o.profileDir)] : []),
  "--import",
  "tsx",
  script,
  ...args,
];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  rss: RssSampler;
}

/** Runs `caliper <args>` (or another script) as a child process, sampling its RSS every second. */
export function runNode(
  script: string,
  args: readonly string[],
  o: NodeOptions & { sampleMs?: number; onStderr?: (line: string) => void } = {},
): Promise<CliResult> {
  const t0 = performance.now();
  const child = spawn(process.execPath, nodeArgv(script, args, o), {
    cwd: ROOT,
    env: { ...process.env, ...o.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const rss = new RssSampler(child.pid as number, o.sampleMs ?? 1000);
  let stdout = "";
  let stderr = "";
  let partial = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (stdout.length > 1_000_000) stdout = stdout.slice(-500_000);
  });
  child.stderr?.on("data", (d: Buffer) => {
    const text = d.toString();
    stderr += text;
    if (stderr.length > 1_000_000) stderr = stderr.slice(-500_000);
    if (o.onStderr) {
      const lines = (partial + text).split(/\r|\n/);
      partial = lines.pop() ?? "";
      for (const l of lines) if (l.trim()) o.onStderr(l);
    }
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      rss.stop();
      resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000, rss });
    });
  });
}

/**
 * Runs `caliper <args>` as `pnpm caliper` does: with the node flags of the `caliper` script (its heap
 * flags, docs/operations.md "Memory") of this checkout, or of `o.root` (a baseline tree: its own
 * script's flags, none before it had them), before any of `o.nodeFlags`.
 */
export const runCli = (args: readonly string[], o: Parameters<typeof runNode>[2] = {}): Promise<CliResult> => {
  const root = o.root ?? ROOT;
  const nodeFlags = [...scriptNodeFlags(root, "caliper"), ...(o.nodeFlags ?? [])];
  return runNode(root === ROOT ? CLI : join(root, "apps", "api", "src", "cli", "main.ts"), args, { ...o, nodeFlags });
};

export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Stops the server (SIGTERM: it closes the database and exits, writing its CPU profile if asked). */
  stop(): Promise<void>;
  /** Runs `fn` with the V8 profiler on in the server process, writing `file` (.cpuprofile); no-op without a file. */
  profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T>;
}

function ipcReply(child: ChildProcess, key: string): Promise<void> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (typeof m === "object" && m !== null && key in m) {
        child.off("message", on);
        resolve();
      }
    };
    child.on("message", on);
  });
}

/**
 * The node flags a script of `root`'s package.json runs node with (`serve`, `caliper`: their heap
 * flags, docs/operations.md "Memory"): the options between `node` and `--import`, so the bench runs
 * the product as it is deployed, and a baseline tree as that tree deployed it (none before the
 * script had them).
 */
export function scriptNodeFlags(root: string, script: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const words = (pkg.scripts?.[script] ?? "").split(/\s+/);
  const from = words.indexOf("node");
  const to = words.indexOf("--import");
  return from >= 0 && to > from ? words.slice(from + 1, to) : [];
}

/** The node flags `pnpm serve` runs the API with (see scriptNodeFlags). */
export const serveNodeFlags = (root: string): string[] => scriptNodeFlags(root, "serve");

/**
 * Starts bench/server.ts in a child process, with the node flags of `pnpm serve`: Caliper's app
 * (createApp) on `db`, plus a hono hello-world route at /hello on the same server, listening on a
 * free port.
 */
export function startBenchServer(db: string, o: NodeOptions = {}): Promise<BenchServer> {
  const root = o.root ?? ROOT;
  const flags = [...serveNodeFlags(root), ...(o.nodeFlags ?? [])];
  const child = spawn(process.execPath, nodeArgv(join(root, "bench", "server.ts"), [db], { ...o, nodeFlags: flags }), {
    cwd: root,
    env: {
      ...process.env,
      CALIPER_ADMIN_KEY: ADMIN_KEY,
      CALIPER_SECRET: "bench-secret-0123456789abcdef-0123456789",
      // The per-key rate limit (10,000 requests/min by default) would answer 429 to the load generator.
      CALIPER_RATE_LIMIT: "0",
      ...o.env,
    },
    // The product's request log goes to stdout: discarded, but still written by the server.
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((res) => child.once("exit", () => res()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s: ${stderr}`)), 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
    child.on("message", (m: unknown) => {
      if (typeof m === "object" && m !== null && "url" in m && typeof m.url === "string") {
        clearTimeout(timer);
        resolve({
          url: m.url,
          pid: child.pid as number,
          child,
          profiled: async (file, fn) => {
            if (!file) return fn();
            const started = ipcReply(child, "profiling");
            child.send({ profile: "start" });
            await started;
            try {
              return await fn();
            } finally {
              const written = ipcReply(child, "profiled");
              child.send({ profile: "stop", file });
              await written;
            }
          },
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
            const force = setTimeout(() => child.kill("SIGKILL"), 30_000);
            await exited;
            clearTimeout(force);
          },
        });
      }
    });
  });
}
