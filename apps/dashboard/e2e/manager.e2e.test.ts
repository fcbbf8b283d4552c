/**
 * A manager's day: sign in, read the KPIs and trends, work the agents table and its CSV, open
 * tickets (from the SLA queue and from a flagged message), draw an audit sample and review a
 * ticket of it. Also takes the README's screenshot (overview-1280.png) once a review exists.
 */
import type { AgentsTable, Overview, Scorecard } from "@caliper/client";
import colors from "tailwindcss/colors";
import { beforeEach, describe, expect, test } from "vitest";
import { apiGet, chartsDrawn, download, lastDays, rgb, type Session, screenshot, settle, signIn } from "./browser.ts";
import type { E2eEnv } from "./env.ts";
import { e2eSuite } from "./suite.ts";

const KPI_NAMES = [
  "Tickets",
  "Median first response",
  "Resolution rate",
  "CSAT",
  "SLA breach rate",
  "QA score",
] as const;
const BRAND = "eyewear";

const suite = e2eSuite();
let env: E2eEnv;
let s: Session;

beforeEach(() => {
  env = suite.env;
  s = suite.session;
});

const metricsQuery = (days: number) => {
  const { from, to } = lastDays(days);
  return `brand=${BRAND}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
};

describe("manager", () => {
  test("signs in and sees the KPIs of a brand, with Tremor's colours on badges and charts", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    // The first brand the key can see is written into the URL; pick another with the picker.
    await page.getByLabel("Brand").selectOption(BRAND);
    await page.waitForURL(new RegExp(`[?&]brand=${BRAND}(&|$)`));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Overview");
    await settle(page);

    for (const name of KPI_NAMES) {
      await expect.poll(() => page.getByRole("group", { name, exact: true }).isVisible(), { message: name }).toBe(true);
    }
    // The figures are the API's: ticket count of the last 30 days.
    const overview = await apiGet<Overview>(env, env.managerKey, `/v1/metrics/overview?${metricsQuery(30)}`);
    expect(overview.tickets.created).toBeGreaterThan(0);
    const tickets = page.getByRole("group", { name: "Tickets", exact: true });
    expect(await tickets.locator("p").nth(1).textContent()).toBe(String(overview.tickets.created));
    const resolution = await page.getByRole("group", { name: "Resolution rate" }).textContent();
    expect(resolution).toMatch(/\d+\.\d%/);

    // Tremor's badges are coloured (its classes are built at runtime; the safelist keeps them).
    const badgeColours = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[role="group"] .tremor-BadgeDelta-root, [role="group"] .tremor-Badge-root'))
        .map((el) => getComputedStyle(el).backgroundColor)
        .filter(Boolean),
    );
    expect(badgeColours.length).toBeGreaterThanOrEqual(KPI_NAMES.length);
    for (const c of badgeColours) expect(c).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    // A better/worse badge is green or red, not grey.
    const deltas = await page.evaluate(() =>
      Array.from(document.querySelectorAll("[role=group] .tremor-BadgeDelta-root")).map(
        (el) => `${el.getAttribute("aria-label")} ${getComputedStyle(el).color}`,
      ),
    );
    const coloured = [colors.emerald, colors.rose, colors.red].flatMap((c) => [c[600], c[700]]);
    for (const d of deltas)
      expect(
        coloured.map(rgb).some((c) => d.endsWith(c)),
        d,
      ).toBe(true);

    // Charts drew with their colours: line strokes and bar fills.
    await chartsDrawn(page, 5);
    const paint = await page.evaluate(() => ({
      strokes: Array.from(document.querySelectorAll(".recharts-line path.recharts-curve")).map(
        (el) => getComputedStyle(el).stroke,
      ),
      fills: Array.from(document.querySelectorAll(".recharts-bar-rectangle rect, .recharts-bar-rectangle path")).map(
        (el) => getComputedStyle(el).fill,
      ),
    }));
    expect(paint.strokes).toEqual(
      expect.arrayContaining([colors.blue[500], colors.amber[500], colors.emerald[500]].map(rgb)),
    );
    expect(new Set(paint.fills)).toEqual(new Set([colors.rose[500], colors.indigo[500], colors.blue[500]].map(rgb)));

    // Count axes tick in whole numbers: no label twice on one axis.
    const axes = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".recharts-yAxis")).map((axis) =>
        Array.from(axis.querySelectorAll(".recharts-cartesian-axis-tick-value")).map((t) => t.textContent ?? ""),
      ),
    );
    expect(axes.length).toBeGreaterThanOrEqual(5);
    for (const ticks of axes) expect(new Set(ticks).size, ticks.join(" ")).toBe(ticks.length);

    // Day/week toggle and breakdown switch are kept in the URL.
    await page.getByRole("button", { name: "Week", exact: true }).click();
    await page.waitForURL(/interval=week/);
    await page.getByRole("button", { name: "Channel", exact: true }).click();
    await page.waitForURL(/breakdown=channel/);
    await expect.poll(() => page.getByRole("table", { name: "Tickets by channel" }).isVisible()).toBe(true);
    expect(s.errors).toEqual([]);
  });

  test("sorts the agents table and downloads it (and the server export) as CSV", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await page.goto(`/overview?brand=${BRAND}`);
    const table = page.getByRole("table", { name: "Agents" });
    await table.waitFor();
    const api = await apiGet<AgentsTable>(env, env.managerKey, `/v1/metrics/agents?${metricsQuery(30)}`);
    expect(api.agents.length).toBeGreaterThan(1);
    await expect.poll(() => table.locator("tbody tr").count()).toBe(api.agents.length);

    await table.getByRole("button", { name: /^Agent/ }).click();
    await page.waitForURL(/sort=agent&dir=asc/);
    await expect.poll(() => table.locator("thead th").first().getAttribute("aria-sort")).toBe("ascending");
    const shown = await table.locator("tbody tr th, tbody tr td:first-child").allTextContents();
    const ids = api.agents.map((a) => a.agent).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    expect(shown).toEqual(ids);

    // The table's CSV: what is shown, in the order shown, saved through a Blob.
    const csv = await download(page, () => page.getByRole("button", { name: "Download CSV: Agents" }).click());
    expect(csv.name).toMatch(new RegExp(`^agents-${BRAND}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Agent,Tickets,Solved,Resolution rate,Median first response (s),FCR,Reopened,CSAT,CSAT responses,SLA breach rate,QA score,QA reviews,Flags",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(ids);
    const first = api.agents.find((a) => a.agent === ids[0]);
    expect(lines[1]?.split(",")[1]).toBe(String(first?.tickets));

    // The server-side export (fetched with the key in a header, saved through a Blob).
    const exported = await download(page, () => page.getByRole("button", { name: "Export tickets (CSV)" }).click());
    expect(exported.name).toMatch(new RegExp(`^tickets-${BRAND}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const rows = exported.text.trimEnd().split(/\r?\n/);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]).toMatch(/ticket/i);
    expect(s.errors).toEqual([]);
  });

  test("opens a ticket from the SLA queue", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await page.goto(`/overview?brand=${BRAND}`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "SLA queue" }).click();
    await page.waitForURL(new RegExp(`/sla\\?brand=${BRAND}`));
    const queue = page.getByRole("table", { name: "SLA queue" });
    await queue.waitFor();
    await settle(page);
    const rows = await queue.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(0);
    await screenshot(page, "sla-queue.png");

    // Breached only: every row says so.
    await page.getByLabel("Show").selectOption("breached");
    await page.waitForURL(/state=breached/);
    await expect
      .poll(async () => [...new Set(await queue.locator("tbody tr td:first-child").allTextContents())])
      .toEqual(["Breached"]);

    const link = queue.getByRole("link").first();
    const ticketId = (await link.textContent()) ?? "";
    expect(ticketId).toMatch(/^[A-Z]/);
    await link.click();
    await page.waitForURL(new RegExp(`/tickets/${encodeURIComponent(ticketId)}\\?brand=${BRAND}`));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Ticket ${ticketId}`);
    const timeline = page.getByRole("list", { name: "Timeline" });
    await timeline.waitFor();
    expect(await timeline.getByRole("listitem").count()).toBeGreaterThan(1);
    const clocks = page.getByRole("table", { name: "SLA clocks" });
    expect(await clocks.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await clocks.textContent()).toMatch(/Breached/);
    expect(s.errors).toEqual([]);
  });

  test("follows an agent with message flags to a flagged ticket and its highlighted evidence", async () => {
    const { page } = s;
    // An agent with flags in the last 30 days, at any store (the demo has some).
    const brands = ["eyewear", "marketplace", "jewelry", "global-goods", "clean-beauty"];
    let found: { brand: string; agent: string } | null = null;
    for (const brand of brands) {
      const { from, to } = lastDays(30);
      const q = `brand=${brand}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const table = await apiGet<AgentsTable>(env, env.managerKey, `/v1/metrics/agents?${q}`);
      for (const a of [...table.agents].sort((x, y) => y.flags - x.flags)) {
        const card = await apiGet<Scorecard>(
          env,
          env.managerKey,
          `/v1/agents/${encodeURIComponent(a.agent)}/scorecard?${q}`,
        );
        if (card.flags.length > 0) {
          found = { brand, agent: a.agent };
          break;
        }
      }
      if (found) break;
    }
    if (!found) throw new Error("the demo data has no message flag in the last 30 days at any store");

    await signIn(page, env.managerKey, /\/overview\?/);
    await page.goto(`/overview?brand=${found.brand}`);
    await page.getByRole("table", { name: "Agents" }).getByRole("link", { name: found.agent, exact: true }).click();
    await page.waitForURL(new RegExp(`/agents/${encodeURIComponent(found.agent)}\\?`));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Agent ${found.agent}`);
    const flag = page.getByRole("article", { name: / flag$/ }).first();
    await flag.waitFor();
    const ticketLink = flag.getByRole("link").first();
    const ticketId = (await ticketLink.textContent()) ?? "";
    await ticketLink.click();
    await page.waitForURL(new RegExp(`/tickets/${encodeURIComponent(ticketId)}\\?`));
    const timeline = page.getByRole("list", { name: "Timeline" });
    await timeline.waitFor();
    // The flagged words are marked in the timeline and in the flag card, with the rule for screen readers.
    expect(await timeline.locator("mark").count()).toBeGreaterThan(0);
    expect(await timeline.textContent()).toMatch(/\(flagged: /);
    expect(await page.getByRole("article", { name: / flag$/ }).count()).toBeGreaterThan(0);
    const markColour = await timeline
      .locator("mark")
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(markColour).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    await settle(page);
    await screenshot(page, "ticket.png", { fullPage: true });
    expect(s.errors).toEqual([]);
  });

  test("draws an audit sample and reviews a ticket of it", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await page.goto(`/overview?brand=${BRAND}`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audits" }).click();
    await page.waitForURL(new RegExp(`/audits\\?brand=${BRAND}`));

    const form = page.getByRole("form", { name: "Draw a sample" });
    await form.getByLabel("Tickets per agent").fill("2");
    await form.getByLabel("Strategy").selectOption("risk");
    await form.getByLabel("Seed").fill(`e2e-${Date.now()}`);
    await form.getByRole("button", { name: "Draw sample" }).click();
    await page.waitForURL(/[?&]sample=/);
    const sampleId = new URL(page.url()).searchParams.get("sample") ?? "";
    const queue = page.getByRole("table", { name: `Review queue of sample ${sampleId}` });
    await queue.waitFor();
    const queued = await queue.locator("tbody tr").count();
    expect(queued).toBeGreaterThan(1);
    // The new sample is listed (and pressed) in the samples table.
    await expect
      .poll(() =>
        page
          .getByRole("table", { name: "Samples" })
          .getByRole("button", { name: sampleId })
          .getAttribute("aria-pressed"),
      )
      .toBe("true");

    const review = queue.getByRole("link", { name: /^Review ticket / }).first();
    const ticketId = ((await review.textContent()) ?? "").replace(/^Review\s*ticket\s*/, "").trim();
    await review.click();
    await page.waitForURL(new RegExp(`/audits/review/${encodeURIComponent(ticketId)}\\?`));
    expect(new URL(page.url()).searchParams.get("sample")).toBe(sampleId);
    const scorecard = page.getByRole("form", { name: "Scorecard" });
    await scorecard.waitFor();

    // Submitting empty names what is missing.
    await scorecard.getByRole("button", { name: "Submit review" }).click();
    await expect.poll(() => scorecard.getByRole("alert").textContent()).toMatch(/need a rating|needs a rating/);

    const groups = scorecard.getByRole("group");
    const count = await groups.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) {
      await groups
        .nth(i)
        .getByRole("radio", { name: i % 2 === 0 ? "4" : "3", exact: true })
        .check();
    }
    await scorecard
      .getByLabel("Overall comment (optional)")
      .fill("Clear and friendly; confirm the order number next time.");
    await expect
      .poll(() => scorecard.textContent())
      .toMatch(/Score preview: \d+(\.\d)? \/ 100 — pass \(pass at \d+ \/ 100\)/);
    await settle(page);
    await screenshot(page, "audit-review.png", { fullPage: true });

    await scorecard.getByRole("button", { name: "Submit review" }).click();
    const saved = page.getByRole("status").filter({ hasText: "Review saved" });
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/Review saved: score \d+(\.\d)? \/ 100 \(Pass\)\./);

    await page.getByRole("link", { name: "Back to the review queue" }).click();
    await page.waitForURL(/\/audits\?/);
    await queue.waitFor();
    await expect.poll(() => queue.textContent()).toContain("Reviewed");
    await expect.poll(() => page.getByText(`1 of ${queued} reviewed`).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("group", { name: "Compliance estimate" }).isVisible()).toBe(true);
    expect(s.errors).toEqual([]);
  });

  test("README screenshot: the overview at 1280 px (KPIs and trends)", async () => {
    const { page } = s;
    await signIn(page, env.managerKey, /\/overview\?/);
    await page.goto(`/overview?brand=${BRAND}`);
    const qa = page.getByRole("group", { name: "QA score" });
    await qa.waitFor();
    await settle(page);
    await chartsDrawn(page, 5);
    // After the review above, the QA card has figures (and counts in words that agree).
    const qaText = await qa.textContent();
    expect(qaText).toMatch(/\d+ reviews? · pass /);
    expect(qaText).not.toMatch(/\b1 reviews\b/);
    const lastChart = page.locator("figure", { has: page.getByRole("img", { name: /^Tickets created per / }) });
    await screenshot(page, "overview-1280.png", { until: lastChart });
    expect(s.errors).toEqual([]);
  });
});
