/**
 * Loading, empty and error states where they belong: a slow API, a brand with no data, a
 * period with no data, a failing API (with Retry), an unknown ticket (with and without its brand
 * in the URL), a key revoked mid-session.
 */
import type { ClocksPage } from "@caliper/client";
import type { Route } from "playwright-core";
import { beforeEach, describe, expect, test } from "vitest";
import { apiGet, type Session, settle, signIn } from "./browser.ts";
import type { E2eEnv } from "./env.ts";
import { e2eSuite } from "./suite.ts";

const suite = e2eSuite();
let env: E2eEnv;
let s: Session;

beforeEach(() => {
  env = suite.env;
  s = suite.session;
});

/** The API's error envelope. */
const apiError = (status: number, code: string, message: string) => ({
  status,
  contentType: "application/json",
  body: JSON.stringify({ error: { code, message, requestId: "e2e-simulated" } }),
});

describe("states", () => {
  test("loading: a slow read shows a live 'Loading …' status until it answers", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await settle(page);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    await page.route("**/v1/metrics/agents?**", async (route: Route) => {
      await gate;
      await route.continue();
    });
    await page.goto("/overview?brand=jewelry");
    const loading = page.getByRole("status").filter({ hasText: "Loading agents…" });
    await loading.waitFor();
    expect(await loading.getAttribute("aria-live")).toBe("polite");
    // The rest of the page does not wait for the slow table.
    await page.getByRole("group", { name: "Tickets", exact: true }).waitFor();
    release();
    await page.getByRole("table", { name: "Agents" }).waitFor();
    expect(await loading.count()).toBe(0);
    expect(s.errors).toEqual([]);
  });

  test("empty: a brand with no data shows empty states, not zeros or errors", async () => {
    const { page } = s;
    // The admin key is unscoped: it may open a brand nobody has sent data for.
    await signIn(page, env.adminKey, /\/overview\?/);
    await page.goto("/overview?brand=e2e-empty-store");
    await settle(page);
    expect(await page.getByText("No tickets in this period").isVisible()).toBe(true);
    expect(await page.getByText("No trend data for this period").isVisible()).toBe(true);
    expect(await page.getByText("No tickets by category in this period").isVisible()).toBe(true);
    expect(await page.getByRole("table", { name: "Agents" }).textContent()).toContain(
      "No agent handled tickets in this period.",
    );
    expect(await page.getByRole("group", { name: "Tickets", exact: true }).count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);

    await page.goto("/sla?brand=e2e-empty-store");
    await settle(page);
    expect(await page.getByText("No breached or at-risk clocks").isVisible()).toBe(true);

    await page.goto("/audits?brand=e2e-empty-store");
    await settle(page);
    expect(await page.getByRole("table", { name: "Samples" }).textContent()).toContain(
      "No sample drawn yet for this brand.",
    );
    expect(await page.getByText("No sample selected").isVisible()).toBe(true);
    expect(await page.getByText("No reviews yet").isVisible()).toBe(true);
    expect(s.errors).toEqual([]);
  });

  test("empty: a period before any data, typed with the keyboard into the custom range inputs", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await page.goto("/overview?brand=eyewear");
    await settle(page);
    const urls: string[] = [];
    page.on("framenavigated", (f) => urls.push(f.url()));
    await page.getByLabel("Date range").selectOption("custom");
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=/);
    // Typed segment by segment (day and month alike, whatever the input's order); the year
    // arrives as 0002, 0020, 0202, 2020. To first: until From is typed too, the two are in the
    // wrong order, and nothing is applied (or swapped) while the user moves between them.
    await page.getByLabel("To (inclusive)").focus();
    await page.keyboard.type("02022020", { delay: 30 });
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    expect(await page.getByLabel("To (inclusive)").inputValue()).toBe("2020-02-02");
    expect(new URL(page.url()).searchParams.get("to")).not.toBe("2020-02-02");
    await page.getByLabel("From", { exact: true }).focus();
    await page.keyboard.type("01012020", { delay: 30 });
    await page.waitForURL(/from=2020-01-01&to=2020-02-02/);
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe("2020-01-01");
    expect(await page.getByLabel("To (inclusive)").inputValue()).toBe("2020-02-02");
    // Half-typed years never reached the URL (or the API).
    for (const url of urls) expect(url).not.toMatch(/(from|to)=0\d{3}-/);
    await settle(page);
    await expect.poll(() => page.getByText("No tickets in this period").isVisible()).toBe(true);
    expect(await page.getByRole("alert").count()).toBe(0);

    // Dates entered in the wrong order are swapped once the focus leaves them.
    await page.getByLabel("From", { exact: true }).fill("2020-02-29");
    await page.getByRole("heading", { level: 1 }).click();
    await page.waitForURL(/from=2020-02-02&to=2020-02-29/);
    expect(s.errors).toEqual([]);
  });

  test("error: a failing read says what failed, and Retry loads it", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await settle(page);
    await page.route("**/v1/metrics/overview?**", (route) =>
      route.fulfill(apiError(500, "internal", "Simulated failure for the e2e test")),
    );
    await page.goto("/overview?brand=marketplace");
    const alert = page.getByRole("alert").filter({ hasText: "Could not load key figures" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Simulated failure for the e2e test");
    expect(await alert.textContent()).toContain("request e2e-simulated");
    // The breakdowns read the same route: they fail on their own, the rest of the page works.
    await page.getByRole("table", { name: "Agents" }).waitFor();

    await page.unroute("**/v1/metrics/overview?**");
    await alert.getByRole("button", { name: "Retry" }).click();
    await page.getByRole("group", { name: "Tickets", exact: true }).waitFor();
    await expect.poll(() => alert.count()).toBe(0);
    // Only the simulated 500s were logged.
    expect(s.errors.every((e) => /500/.test(e))).toBe(true);
  });

  test("error: an unknown ticket and an unknown page", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await page.goto("/tickets/NO-SUCH-TICKET?brand=eyewear");
    const alert = page.getByRole("alert").filter({ hasText: "Could not load ticket" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/HTTP 404/);

    // Without a brand in the URL the ticket is looked up in each of the key's brands.
    await page.goto("/tickets/NO-SUCH-TICKET");
    await expect
      .poll(() => page.getByRole("alert").filter({ hasText: "Could not load ticket" }).textContent())
      .toMatch(/No ticket 'NO-SUCH-TICKET' in your brands \(looked in .*Eyewear.*\)/);
    // A ticket one brand has opens there, its brand written into the URL.
    const clocks = await apiGet<ClocksPage>(env, env.managerKey, "/v1/sla/clocks?brand=jewelry&limit=50");
    const ticketId = clocks.clocks.find((c) => c.ticketId)?.ticketId;
    if (!ticketId) throw new Error("no ticket with an SLA clock at jewelry");
    await page.goto(`/tickets/${encodeURIComponent(ticketId)}`);
    await page.waitForURL(new RegExp(`/tickets/${encodeURIComponent(ticketId)}\\?brand=jewelry$`));
    await page.getByRole("list", { name: "Timeline" }).waitFor();

    await page.goto("/no/such/page");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    await page.getByRole("link", { name: "Go to your home page" }).click();
    await page.waitForURL(/\/overview/);
    expect(s.errors.every((e) => /404/.test(e))).toBe(true);
  });

  test("a key revoked mid-session signs the user out with a notice", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await settle(page);
    await page.route("**/v1/metrics/**", (route) => route.fulfill(apiError(401, "unauthorized", "unknown key")));
    await page.getByLabel("Brand").selectOption("global-goods");
    await page.waitForURL(/\/sign-in$/);
    const notice = page.getByRole("status").filter({ hasText: "no longer accepted" });
    await notice.waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("caliper.accessKey"))).toBeNull();
    expect(s.errors.every((e) => /401/.test(e))).toBe(true);
  });
});
