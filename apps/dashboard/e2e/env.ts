/** What the global setup hands to the e2e tests, and where things are. */
import { fileURLToPath } from "node:url";

export const DASHBOARD_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
export const CHROMIUM_PATH = process.env.CALIPER_E2E_CHROMIUM ?? "/usr/bin/chromium";

export interface DemoAgent {
  name: string;
  agentId: string;
  brand: string;
  key: string;
}

export interface E2eEnv {
  /** Why the suite cannot run (no Chromium, build or server failure); null when ready. */
  error: string | null;
  /** The demo server, e.g. http://127.0.0.1:40123 (API and dashboard on one port). */
  baseUrl: string;
  db: string;
  /** CALIPER_ADMIN_KEY of the server: an unscoped admin key. */
  adminKey: string;
  /** The demo's manager key (all five stores). */
  managerKey: string;
  /** The demo's agent key first, then one made with `caliper keys create`. */
  agents: DemoAgent[];
  chromium: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eEnv;
  }
}
