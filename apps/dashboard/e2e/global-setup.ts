/**
 * Global setup of the end-to-end suite: makes sure the dashboard is built, starts `caliper demo
 * --serve` on a free port with a fresh SQLite file, reads the demo keys from its stderr and waits
 * for /healthz. Everything the tests need is handed over with `provide` (see env.ts).
 *
 * A failure here (no Chromium, the build or the server not starting) does not throw: it is
 * provided as `error`, and every e2e test fails with that message in its beforeAll while the
 * component tests still run.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH, DASHBOARD_DIR, type E2eEnv, REPO_ROOT } from "./env.ts";

const CLI = join(REPO_ROOT, "apps/api/src/cli/main.ts");
const ADMIN_KEY = "e2e-admin-key-0123456789abcdefghijklmnop";
const SECRET = "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz";

/** Newest modification time (ms) of the files under `path` (a file or a directory). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The environment of this process without vitest's NODE_ENV=test. */
function withoutNodeEnv(): NodeJS.ProcessEnv {
  const { NODE_ENV: _test, ...env } = process.env;
  return env;
}

/** Runs `vite build` when dist/ is missing or older than what it is built from. */
function buildIfStale(): string | null {
  const built = join(DASHBOARD_DIR, "dist/index.html");
  const inputs = [
    "src",
    "index.html",
    "vite.config.ts",
    "tailwind.config.ts",
    "postcss.config.js",
    "../../packages/client/src",
    "../../packages/domain/src",
  ].map((p) => join(DASHBOARD_DIR, p));
  const newestInput = Math.max(...inputs.map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= newestInput) return null;
  const res = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], {
    cwd: DASHBOARD_DIR,
    encoding: "utf8",
    timeout: 180_000,
    // vitest sets NODE_ENV=test, which would make React's development build.
    env: { ...withoutNodeEnv(), NODE_ENV: "production" },
  });
  if (res.status !== 0) {
    return `vite build failed (exit ${res.status ?? res.signal}):\n${(res.stderr || res.stdout || String(res.error)).slice(-4000)}`;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => {
        if (address && typeof address === "object") resolvePort(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `caliper keys create …` against the demo database; the key is stdout's last line. */
function createKey(db: string, args: string[]): string {
  const res = spawnSync(process.execPath, ["--import", "tsx", CLI, "keys", "create", ...args, "--db", db], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: withoutNodeEnv(),
  });
  const key = res.stdout.trim().split("\n").at(-1)?.trim() ?? "";
  if (res.status !== 0 || !key.startsWith("cal_")) {
    throw new Error(`caliper keys create ${args.join(" ")} failed: ${res.stderr || res.stdout}`);
  }
  return key;
}

interface Started {
  child: ChildProcess;
  env: E2eEnv;
}

async function startServer(dir: string): Promise<Started> {
  const port = await freePort();
  const db = join(dir, "e2e.db");
  const args = [
    "--import",
    "tsx",
    CLI,
    "demo",
    "--db",
    db,
    "--tickets",
    "600",
    "--days",
    "60",
    "--seed",
    "7",
    "--serve",
    "--port",
    String(port),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    // Its own process group, so teardown can stop it and anything it started.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...withoutNodeEnv(), CALIPER_ADMIN_KEY: ADMIN_KEY, CALIPER_SECRET: SECRET },
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  // Request logs go to a file beside the database (read it when a test fails oddly).
  child.stdout?.pipe(createWriteStream(join(dir, "server.log")));
  let exited: string | null = null;
  child.on("exit", (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  try {
    return await waitForDemo(
      child,
      port,
      db,
      () => stderr,
      () => exited,
    );
  } catch (err) {
    await stopGroup(child);
    throw err;
  }
}

async function waitForDemo(
  child: ChildProcess,
  port: number,
  db: string,
  stderrText: () => string,
  exitedText: () => string | null,
): Promise<Started> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const stderr = stderrText();
    const exited = exitedText();
    if (exited) throw new Error(`caliper demo ${exited} before serving:\n${stderr.slice(-4000)}`);
    if (Date.now() > deadline) {
      throw new Error(`caliper demo did not answer /healthz within 120 s:\n${stderr.slice(-4000)}`);
    }
    if (/Caliper is running at/.test(stderr)) {
      try {
        const res = await fetch(`${baseUrl}/healthz`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
    }
    await sleep(200);
  }

  const stderr = stderrText();
  const manager = /manager key \(all five stores\): (cal_[\w-]+)/.exec(stderr);
  const agent = /agent key \(([^,]+), (\S+) at (\S+)\): (cal_[\w-]+)/.exec(stderr);
  if (!manager?.[1] || !agent?.[1] || !agent[2] || !agent[3] || !agent[4]) {
    throw new Error(`could not read the demo keys from caliper demo's stderr:\n${stderr.slice(-4000)}`);
  }
  // A second agent key, made the way an operator would (caliper keys create), at another store.
  const otherAgent = { agentId: "jewelry/uma", brand: "jewelry" };
  const otherKey = createKey(db, ["--role", "agent", "--brand", otherAgent.brand, "--agent", otherAgent.agentId]);

  return {
    child,
    env: {
      error: null,
      baseUrl,
      db,
      adminKey: ADMIN_KEY,
      managerKey: manager[1],
      agents: [
        { name: agent[1], agentId: agent[2], brand: agent[3], key: agent[4] },
        { name: "Uma", agentId: otherAgent.agentId, brand: otherAgent.brand, key: otherKey },
      ],
      chromium: CHROMIUM_PATH,
    },
  };
}

/** Stops the server's whole process group: SIGTERM, then SIGKILL after 5 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5_000));
  if ((await Promise.race([gone, timer])) === "timeout") {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
    await gone;
  }
}

const failed = (error: string): E2eEnv => ({
  error,
  baseUrl: "",
  db: "",
  adminKey: "",
  managerKey: "",
  agents: [],
  chromium: CHROMIUM_PATH,
});

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    project.provide(
      "e2e",
      failed(
        `Chromium was not found at ${CHROMIUM_PATH}. The end-to-end tests drive Debian's chromium through ` +
          "playwright-core and cannot run without it: install it (apt-get install chromium) or set " +
          "CALIPER_E2E_CHROMIUM to a Chromium binary.",
      ),
    );
    return;
  }

  const buildError = buildIfStale();
  if (buildError) {
    project.provide("e2e", failed(buildError));
    return;
  }

  mkdirSync(tmpdir(), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "caliper-e2e-"));
  let started: Started;
  try {
    started = await startServer(dir);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    project.provide("e2e", failed(`The demo server did not start: ${err instanceof Error ? err.message : err}`));
    return;
  }
  project.provide("e2e", started.env);

  return async () => {
    await stopGroup(started.child);
    rmSync(dir, { recursive: true, force: true });
  };
}
