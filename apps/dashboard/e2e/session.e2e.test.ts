/**
 * Signing in and out: keyboard access, wrong keys, and where the access key lives
 * (sessionStorage of the tab only: never a URL, a cookie or localStorage).
 */
import type { Page, Request } from "playwright-core";
import { beforeEach, describe, expect, test } from "vitest";
import { download, type Session, settle, signIn } from "./browser.ts";
import type { E2eEnv } from "./env.ts";
import { e2eSuite } from "./suite.ts";

const STORAGE_KEY = "caliper.accessKey";

const suite = e2eSuite();
let env: E2eEnv;
let s: Session;

beforeEach(() => {
  env = suite.env;
  s = suite.session;
});

/** What the focused element is: "INPUT#access-key", "A:Overview"… */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "BODY";
    if (el.id) return `${el.tagName}#${el.id}`;
    return `${el.tagName}:${(el.textContent ?? "").trim()}`;
  });
}

/** Presses Tab until `want` is focused; returns the stops on the way (fails after `max`). */
async function tabTo(page: Page, want: string, max = 15): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    stops.push(now);
    if (now === want) return stops;
  }
  throw new Error(`Tab never reached ${want}; it went through: ${stops.join(" → ")}`);
}

const storage = (page: Page) =>
  page.evaluate(
    (name) => ({
      session: sessionStorage.getItem(name),
      local: JSON.stringify(Object.entries(localStorage)),
      cookie: document.cookie,
    }),
    STORAGE_KEY,
  );

describe("sign-in and session", () => {
  test("keyboard only: Tab reaches the key field, Enter signs in, Tab reaches the main navigation", async () => {
    const { page } = s;
    await page.goto("/sign-in");
    await page.getByLabel("Access key").waitFor();
    // The field is focused on arrival; start from the top of the page to prove Tab gets there too.
    expect(await focused(page)).toBe("INPUT#access-key");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, "INPUT#access-key", 3);
    await page.keyboard.type(env.managerKey);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/overview\?/);
    await settle(page);

    // From the top: the skip link first, then the navigation.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("A:Skip to content");
    expect(await page.getByRole("link", { name: "Skip to content" }).isVisible()).toBe(true);
    const stops = await tabTo(page, "A:SLA queue", 5);
    expect(stops).toContain("A:Overview");
    // The focus ring is visible.
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const st = getComputedStyle(el);
      return `${st.outlineStyle} ${st.outlineWidth}`;
    });
    expect(outline).toBe("solid 2px");
    expect(
      await page.getByRole("navigation", { name: "Main" }).evaluate((nav) => nav.contains(document.activeElement)),
    ).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/sla\?/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("SLA queue");

    // The skip link moves the focus to the page's content (a fresh load starts Tab at the top).
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "SLA queue" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("A:Skip to content");
    await page.keyboard.press("Enter");
    expect(await focused(page)).toBe("MAIN#main");
    await page.keyboard.press("Tab");
    expect(await page.getByRole("main").evaluate((main) => main.contains(document.activeElement))).toBe(true);
    expect(s.errors).toEqual([]);
  });

  test("a wrong key is refused with a message, and nothing is stored", async () => {
    const { page } = s;
    await page.goto("/sign-in");
    const field = page.getByLabel("Access key");
    await field.fill("cal_this-key-does-not-exist-0000000000000000");
    await field.press("Enter");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Unknown or revoked key.");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await focused(page)).toBe("INPUT#access-key");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect((await storage(page)).session).toBeNull();

    // Empty: a message, no request.
    await field.fill("");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Enter your access key.");
    // The failed attempt logged a 401 in the console: expected here.
    expect(s.errors.every((e) => /401/.test(e))).toBe(true);
  });

  test("the key is sent as a Bearer header and kept in sessionStorage only: never in a URL or a cookie", async () => {
    const { page, context } = s;
    const requests: Request[] = [];
    const navigations: string[] = [];
    page.on("request", (r) => requests.push(r));
    page.on("framenavigated", (f) => navigations.push(f.url()));

    await signIn(page, env.managerKey, /\/overview\?/);
    await settle(page);
    await download(page, () => page.getByRole("button", { name: "Export tickets (CSV)" }).click());
    for (const link of ["SLA queue", "Audits", "Overview"]) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
      await settle(page);
    }
    await page.reload();
    // A reload of the tab keeps the session (sessionStorage).
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    await settle(page);
    expect(new URL(page.url()).pathname).toBe("/overview");

    const key = env.managerKey;
    const api = requests.filter((r) => new URL(r.url()).pathname.startsWith("/v1/"));
    expect(api.length).toBeGreaterThan(10);
    for (const r of requests) {
      expect(r.url(), "a request URL").not.toContain(key);
      expect(decodeURIComponent(r.url())).not.toContain(key);
      const headers = await r.allHeaders();
      expect(headers["referer"] ?? "").not.toContain(key);
      expect(headers["cookie"] ?? "").not.toContain(key);
    }
    for (const r of api) expect((await r.allHeaders())["authorization"]).toBe(`Bearer ${key}`);
    for (const url of [...navigations, page.url()]) expect(url).not.toContain(key);
    expect(await page.evaluate(() => history.length)).toBeGreaterThan(1);

    expect(await context.cookies()).toEqual([]);
    const stored = await storage(page);
    expect(stored.session).toBe(key);
    expect(stored.local).not.toContain(key);
    expect(stored.cookie).toBe("");
    // sessionStorage belongs to the tab: a new tab of the same browser is signed out.
    const other = await context.newPage();
    await other.goto("/overview");
    await other.waitForURL(/\/sign-in$/);
    expect(s.errors).toEqual([]);
  });

  test("sign-out forgets the key: storage cleared, back button and deep links lead to sign-in", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await settle(page);
    expect((await storage(page)).session).toBe(env.managerKey);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "SLA queue" }).click();
    await page.waitForURL(/\/sla\?/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in$/);
    expect((await storage(page)).session).toBeNull();
    expect(await page.getByLabel("Access key").inputValue()).toBe("");

    // Back to the overview in the history: it is not shown again.
    await page.goBack();
    await page.waitForURL(/\/sign-in$/);
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    await page.goto("/sla?brand=eyewear");
    await page.waitForURL(/\/sign-in$/);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    expect((await storage(page)).session).toBeNull();

    // Signing in again returns to the page that was asked for.
    await page.goto("/audits?brand=jewelry");
    await page.waitForURL(/\/sign-in$/);
    await signIn(page, env.managerKey, /\/audits\?brand=jewelry/);
    expect(s.errors).toEqual([]);
  });
});
