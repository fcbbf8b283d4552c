/**
 * The hooks every e2e file (or describe block) uses: one Chromium per block, a fresh context
 * and page per test. When the environment could not be set up (no Chromium, build or server
 * failure), every test fails with that reason instead of being skipped.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { launchBrowser, openPage, type Session } from "./browser.ts";
import type { E2eEnv } from "./env.ts";

export interface Suite {
  /** False when the environment is missing; the tests then fail in beforeEach. */
  readonly ready: boolean;
  readonly env: E2eEnv;
  readonly browser: Browser;
  /** This test's context and page. */
  readonly session: Session;
  readonly page: Page;
}

export function e2eSuite(contextOptions: BrowserContextOptions = {}): Suite {
  let env: E2eEnv | undefined;
  let failure: string | null = null;
  let browser: Browser | undefined;
  let session: Session | undefined;

  beforeAll(async () => {
    const provided = inject("e2e");
    failure = provided
      ? provided.error
      : "The e2e environment is missing: run the e2e files through vitest (vitest.e2e.config.ts and its global setup).";
    if (failure || !provided) return;
    env = provided;
    try {
      browser = await launchBrowser(provided);
    } catch (err) {
      failure = `Chromium (${provided.chromium}) did not start: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
  beforeEach(async () => {
    if (failure) throw new Error(failure);
    if (!browser || !env) throw new Error("the e2e suite is not set up");
    session = await openPage(browser, env, contextOptions);
  });
  afterEach(async () => {
    await session?.context.close();
    session = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(failure ?? `${what} is not ready`);
    return value;
  };
  return {
    get ready() {
      return env !== undefined && failure === null;
    },
    get env() {
      return need(env, "the e2e environment");
    },
    get browser() {
      return need(browser, "the browser");
    },
    get session() {
      return need(session, "the page");
    },
    get page() {
      return need(session, "the page").page;
    },
  };
}
