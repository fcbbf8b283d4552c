/**
 * Layout at a desktop width (1280 px) and a phone width (390 px): every page fits the width
 * (wide tables scroll inside their own box, never the page).
 */
import type { ClocksPage } from "@caliper/client";
import type { Page } from "playwright-core";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  apiGet,
  chartsDrawn,
  DESKTOP,
  horizontalOverflow,
  PHONE,
  type Session,
  screenshot,
  settle,
  signIn,
} from "./browser.ts";
import type { E2eEnv } from "./env.ts";
import { e2eSuite } from "./suite.ts";

let env: E2eEnv;
let s: Session;
let ticketPath = "";
let reviewPath = "";

const MANAGER_PAGES = () => [
  "/overview?brand=eyewear",
  "/overview?brand=marketplace&range=90d&breakdown=channel&bh=1",
  "/sla?brand=eyewear",
  ticketPath,
  reviewPath,
  "/audits?brand=eyewear",
  `/agents/${encodeURIComponent("eyewear/ana")}?brand=eyewear`,
];

/** Visits each page and returns its horizontal overflow (px), once loaded and drawn. */
async function overflowOf(page: Page, paths: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of paths) {
    await page.goto(path);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await settle(page);
    // Open the folded tables too: they must not widen the page either.
    for (const summary of await page.locator("details > summary").all()) await summary.click();
    out[path] = await horizontalOverflow(page);
  }
  return out;
}

for (const viewport of [DESKTOP, PHONE]) {
  describe(`${viewport.width} px wide`, () => {
    const suite = e2eSuite({ viewport, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
    beforeAll(async () => {
      if (!suite.ready || ticketPath) return;
      const clocks = await apiGet<ClocksPage>(suite.env, suite.env.managerKey, "/v1/sla/clocks?brand=eyewear&limit=50");
      const ticketId = clocks.clocks.find((c) => c.ticketId)?.ticketId;
      if (!ticketId) throw new Error("no ticket with an SLA clock at eyewear");
      ticketPath = `/tickets/${encodeURIComponent(ticketId)}?brand=eyewear`;
      reviewPath = `/audits/review/${encodeURIComponent(ticketId)}?brand=eyewear`;
    });
    beforeEach(() => {
      env = suite.env;
      s = suite.session;
    });

    test("manager pages fit the width (no horizontal scroll)", async () => {
      const { page } = s;
      await signIn(page, env.managerKey, /\/overview\?/);
      const overflow = await overflowOf(page, MANAGER_PAGES());
      expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((p) => [p, 0])));
      expect(s.errors).toEqual([]);
    });

    test("the review page shows the ticket's conversation beside (desktop) or above (phone) the scorecard, with a link past it", async () => {
      const { page } = s;
      await signIn(page, env.managerKey, /\/overview\?/);
      await page.goto(reviewPath);
      const timeline = page
        .getByRole("complementary", { name: "Ticket context" })
        .getByRole("list", { name: "Timeline" });
      const scorecard = page.getByRole("form", { name: "Scorecard" });
      await timeline.waitFor();
      await scorecard.waitFor();
      await settle(page);
      expect(await timeline.getByRole("listitem").count()).toBeGreaterThan(1);
      const [list, form, first] = [
        await timeline.boundingBox(),
        await scorecard.boundingBox(),
        await timeline.getByRole("listitem").first().boundingBox(),
      ];
      expect(list && form && first).toBeTruthy();
      if (!list || !form || !first) return;
      for (const box of [list, form]) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      if (viewport === DESKTOP) {
        // Side by side, both in the first screenful, the conversation in a readable column.
        expect(list.x + list.width).toBeLessThanOrEqual(form.x);
        expect(list.width).toBeGreaterThan(400);
        expect(first.y).toBeLessThan(viewport.height);
        expect(form.y).toBeLessThan(viewport.height);
      } else {
        // Stacked: the conversation first, then the form, each the page's width.
        expect(list.y + list.height).toBeLessThanOrEqual(form.y);
        expect(list.width).toBeGreaterThan(viewport.width - 60);
      }
      expect(await horizontalOverflow(page)).toBe(0);

      // "Skip to scorecard" jumps past the conversation: shown on a phone, on focus only on a desktop.
      const skip = page.getByRole("link", { name: "Skip to scorecard" });
      const skipWidth = async () => (await skip.boundingBox())?.width ?? 0;
      if (viewport === PHONE) expect(await skipWidth()).toBeGreaterThan(1);
      else expect(await skipWidth()).toBeLessThanOrEqual(1);
      await skip.focus();
      expect(await skipWidth()).toBeGreaterThan(1);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("scorecard");
      const formTop = (await scorecard.boundingBox())?.y ?? Number.NaN;
      expect(formTop).toBeGreaterThanOrEqual(0);
      expect(formTop).toBeLessThan(viewport.height / 2);
      // The next Tab is in the form, not back in the conversation.
      await page.keyboard.press("Tab");
      expect(await scorecard.evaluate((form) => form.contains(document.activeElement))).toBe(true);
      expect(s.errors).toEqual([]);
    });

    test("the audits page with a sample's review queue open fits the width", async () => {
      const { page } = s;
      const res = await fetch(`${env.baseUrl}/v1/audits/samples`, {
        method: "POST",
        headers: { authorization: `Bearer ${env.managerKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          brand: "eyewear",
          from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
          to: new Date().toISOString(),
          perAgent: 2,
          seed: `layout-${viewport.width}`,
          strategy: "risk",
        }),
      });
      expect(res.status).toBe(201);
      const { sample } = (await res.json()) as { sample: { id: string } };
      await signIn(page, env.managerKey, /\/overview\?/);
      // The queue's "Review" links carry visually hidden text ("ticket <id>"): it must not widen the page.
      const path = `/audits?brand=eyewear&sample=${encodeURIComponent(sample.id)}`;
      await page.goto(path);
      await page.getByRole("table", { name: `Review queue of sample ${sample.id}` }).waitFor();
      expect(await overflowOf(page, [path])).toEqual({ [path]: 0 });
      expect(s.errors).toEqual([]);
    });

    test("the agent's scorecard fits the width", async () => {
      const agent = env.agents[0];
      if (!agent) throw new Error("no agent key");
      const { page } = s;
      await signIn(page, agent.key, /\/me\?/);
      expect(await overflowOf(page, ["/me"])).toEqual({ "/me": 0 });
      expect(s.errors).toEqual([]);
    });

    test("an empty table's message is in full view, however wide the table's headers", async () => {
      const { page } = s;
      // The admin key is unscoped: it may open a brand nobody has sent data for (no sample).
      await signIn(page, env.adminKey, /\/overview\?/);
      await page.goto("/audits?brand=e2e-empty-store");
      await settle(page);
      const table = page.getByRole("table", { name: "Samples" });
      const message = table.getByText("No sample drawn yet for this brand.");
      await message.waitFor();
      // The visible part of the table: its scrolling box.
      const visible = await table.locator("xpath=..").boundingBox();
      const text = await message.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right };
      });
      expect(visible).not.toBeNull();
      if (!visible) return;
      expect(text.left).toBeGreaterThanOrEqual(visible.x);
      expect(text.right).toBeLessThanOrEqual(visible.x + visible.width);
      expect(s.errors).toEqual([]);
    });

    test("the breakdown chart names every category it draws a bar for", async () => {
      const { page } = s;
      await signIn(page, env.managerKey, /\/overview\?/);
      await page.goto("/overview?brand=eyewear");
      await settle(page);
      await chartsDrawn(page, 5);
      const table = page.getByRole("table", { name: "Tickets by category" });
      const categories = (await table.locator("tbody tr > :first-child").allTextContents()).sort();
      const chart = page.getByRole("img", { name: "Tickets by category" });
      // A long label may wrap onto two <tspan> lines: "Return &" / "refund".
      const ticks = await chart
        .locator(".recharts-cartesian-axis-tick-value")
        .evaluateAll((texts) =>
          texts.map((t) => Array.from(t.querySelectorAll("tspan"), (line) => line.textContent).join(" ")),
        );
      expect(categories.length).toBeGreaterThan(5);
      expect(ticks.filter((t) => categories.includes(t)).sort()).toEqual(categories);
      expect(s.errors).toEqual([]);
    });

    test("a chart is one picture: no tab stop inside it, its series named beside their colours", async () => {
      const { page } = s;
      await signIn(page, env.managerKey, /\/overview\?/);
      await page.goto("/overview?brand=eyewear");
      await settle(page);
      await chartsDrawn(page, 5);
      // Tremor's legend was a focusable scroll box: five tab stops that held nothing.
      const focusable = page.locator(
        '[role="img"] :is(a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"]))',
      );
      expect(await focusable.count()).toBe(0);
      const legend = page.getByRole("img", { name: "First response median and p90 per day" }).locator("li");
      expect(await legend.allTextContents()).toEqual(["Median", "p90"]);
      // The dots take the series' colours: the lines' strokes.
      const dots = await legend
        .locator("span")
        .evaluateAll((spans) => spans.map((d) => getComputedStyle(d).backgroundColor));
      expect(new Set(dots).size).toBe(2);
      expect(s.errors).toEqual([]);
    });

    test("the overview's header, filters and KPI cards sit inside the viewport", async () => {
      const { page } = s;
      await signIn(page, env.managerKey, /\/overview\?/);
      await page.goto("/overview?brand=eyewear");
      await page.getByRole("group", { name: "QA score" }).waitFor();
      await settle(page);
      await chartsDrawn(page, 5);
      const boxes = [
        page.getByRole("navigation", { name: "Main" }),
        page.getByRole("button", { name: "Sign out" }),
        page.getByRole("form", { name: "Filters" }),
        page.getByLabel("Brand"),
        page.getByRole("group", { name: "Tickets", exact: true }),
        page.getByRole("group", { name: "QA score" }),
        page.getByRole("img").first(),
      ];
      for (const locator of boxes) {
        const box = await locator.boundingBox();
        expect(box).not.toBeNull();
        if (!box) continue;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      const cards = page.getByRole("group", { name: /^(Tickets|CSAT)$/ });
      const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
      if (viewport.width < 640) {
        // One column on a phone: the cards are stacked.
        expect(a && b && b.y > a.y + a.height - 1).toBe(true);
      } else {
        expect(a?.width).toBeLessThan(viewport.width / 2);
      }
      if (viewport === PHONE) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, "overview-390.png");
      }
      expect(await horizontalOverflow(page)).toBe(0);
      expect(s.errors).toEqual([]);
    });
  });
}
