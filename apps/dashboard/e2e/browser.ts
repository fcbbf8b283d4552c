/** Chromium and page helpers shared by the e2e tests. */
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { expect } from "vitest";
import { type E2eEnv, SCREENSHOT_DIR } from "./env.ts";

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Debian's Chromium, headless (this machine cannot download Playwright's browsers). */
export function launchBrowser(env: E2eEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: env.chromium,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, to assert none happened. */
  errors: string[];
}

/** A fresh context (no storage, no cookies) and page on the demo server. */
export async function openPage(browser: Browser, env: E2eEnv, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({
    baseURL: env.baseUrl,
    viewport: DESKTOP,
    deviceScaleFactor: 1,
    locale: "en-GB",
    timezoneId: "UTC",
    acceptDownloads: true,
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
  });
  return { context, page, errors };
}

/** Signs in through the form (typing the key, pressing Enter) and waits for the role's home page. */
export async function signIn(page: Page, key: string, home: RegExp = /\/(overview|me)(\?|$)/): Promise<void> {
  if (!/\/sign-in/.test(page.url())) await page.goto("/sign-in");
  const field = page.getByLabel("Access key");
  await field.fill(key);
  await field.press("Enter");
  await page.waitForURL(home);
  await expect.poll(() => page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
}

/** Waits until no "Loading …" status is on screen. */
export async function settle(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => !Array.from(document.querySelectorAll('[role="status"]')).some((el) => /Loading/.test(el.textContent ?? "")),
    undefined,
    { timeout },
  );
}

/** Waits for every Tremor chart on the page to have drawn its SVG. */
export async function chartsDrawn(page: Page, minimum = 1): Promise<void> {
  await page.waitForFunction(
    (min) => {
      const charts = Array.from(document.querySelectorAll('[role="img"]'));
      return charts.length >= min && charts.every((c) => c.querySelector("svg.recharts-surface") !== null);
    },
    minimum,
    { timeout: 20_000 },
  );
}

/**
 * Saves a PNG under docs/screenshots/ and returns its path: the viewport, the full page, or the
 * page from its top down to the bottom of `until` (plus a 10 px margin).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; until?: Locator } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name);
  // Nothing focused or hovered, scrolled to the top: the picture shows the page at rest.
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const common = { path, animations: "disabled", caret: "hide" } as const;
  if (options.until) {
    const box = await options.until.boundingBox();
    if (!box) throw new Error(`screenshot ${name}: the element to end at is not visible`);
    const width = page.viewportSize()?.width ?? DESKTOP.width;
    await page.screenshot({ ...common, fullPage: true, clip: { x: 0, y: 0, width, height: box.y + box.height + 10 } });
  } else {
    await page.screenshot({ ...common, fullPage: options.fullPage ?? false });
  }
  return path;
}

/** The horizontal overflow of the document in CSS pixels (0: no horizontal scroll). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.documentElement;
    return Math.max(el.scrollWidth, document.body.scrollWidth) - el.clientWidth;
  });
}

/** GET an API path with a key, from the test (not the browser). */
export async function apiGet<T>(env: E2eEnv, key: string, path: string): Promise<T> {
  const res = await fetch(`${env.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The last N days ending at the next UTC midnight, as the dashboard's presets compute them. */
export function lastDays(days: number): { from: string; to: string } {
  const now = new Date();
  const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 86_400_000;
  return { from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() };
}

/** Clicks what starts a download and returns the file's name and text. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}

/** A Tailwind hex colour as the browser computes it: "#3b82f6" -> "rgb(59, 130, 246)". */
export function rgb(hex: string): string {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
