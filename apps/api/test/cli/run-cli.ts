import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** Runs the `caliper` CLI as a user would (a child process) and collects its output. */
/**
 * With `timeoutMs`, a child still running then is killed (SIGKILL) and `code` is null: for
 * commands that must end by themselves.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs?: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CALIPER_SECRET: "cli-test-secret-0123456789abcdef0123456789", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts `caliper serve …` (a child process), waits until it says it is running, stops it with
 * SIGTERM and returns what it printed (and its exit code). A child that ends by itself, or is
 * not running within `timeoutMs`, is returned as it is (killed in the latter case).
 */
export function serveOnce(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<{ code: number | null; stderr: string; started: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "serve", "--port", "0", ...args], {
      cwd: ROOT,
      env: { ...process.env, CALIPER_SECRET: "cli-test-secret-0123456789abcdef0123456789", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let started = false;
    child.stderr.on("data", (d) => {
      stderr += d;
      if (!started && stderr.includes("Caliper is running")) {
        started = true;
        // Everything of the start is printed at once; give the rest of the chunk a moment.
        setTimeout(() => child.kill("SIGTERM"), 200);
      }
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, started });
    });
  });
}
