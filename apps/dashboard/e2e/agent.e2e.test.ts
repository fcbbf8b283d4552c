/**
 * An agent key sees its own scorecard and nothing else: manager pages send it back to /me, and
 * no other agent's id reaches the screen or even the browser (every API answer is checked).
 */
import type { AgentsTable } from "@caliper/client";
import type { Response } from "playwright-core";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { apiGet, chartsDrawn, download, lastDays, type Session, screenshot, settle, signIn } from "./browser.ts";
import type { E2eEnv } from "./env.ts";
import { e2eSuite } from "./suite.ts";

const BRANDS = ["eyewear", "marketplace", "global-goods", "clean-beauty", "jewelry"];

const suite = e2eSuite();
let env: E2eEnv;
let s: Session;
/** Every agent id of the demo (from the manager's view of the last 60 days). */
let allAgents: string[] = [];

beforeAll(async () => {
  if (!suite.ready) return;
  const { from, to } = lastDays(60);
  const tables = await Promise.all(
    BRANDS.map((b) =>
      apiGet<AgentsTable>(
        suite.env,
        suite.env.managerKey,
        `/v1/metrics/agents?brand=${b}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
    ),
  );
  allAgents = tables.flatMap((t) => t.agents.map((a) => a.agent));
});
beforeEach(() => {
  env = suite.env;
  s = suite.session;
});

/** Collects the text of every API answer the page receives. */
function recordApi(session: Session): { bodies: string[]; done: () => Promise<void> } {
  const bodies: string[] = [];
  const pending: Promise<void>[] = [];
  session.page.on("response", (res: Response) => {
    if (!new URL(res.url()).pathname.startsWith("/v1/")) return;
    pending.push(
      res.text().then(
        (t) => {
          bodies.push(`${res.url()}\n${t}`);
        },
        () => {},
      ),
    );
  });
  return { bodies, done: () => Promise.all(pending).then(() => {}) };
}

describe("agent", () => {
  test("the demo has several agents per store (what the agent must not see)", () => {
    expect(allAgents.length).toBeGreaterThan(10);
    for (const a of env.agents) expect(allAgents).toContain(a.agentId);
  });

  for (const index of [0, 1]) {
    test(`agent key #${index + 1} sees only its own scorecard, even when it asks for manager pages`, async () => {
      const agent = env.agents[index];
      if (!agent) throw new Error("the global setup made two agent keys");
      const others = allAgents.filter((a) => a !== agent.agentId);
      const { page } = s;
      const api = recordApi(s);

      await signIn(page, agent.key, /\/me\?/);
      expect(new URL(page.url()).searchParams.get("brand")).toBe(agent.brand);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My scorecard");
      await expect.poll(() => page.getByTestId("signed-in-as").textContent()).toContain(`Agent ${agent.agentId}`);
      const nav = page.getByRole("navigation", { name: "Main" });
      expect(await nav.getByRole("link").allTextContents()).toEqual(["My scorecard"]);
      const figures = page.getByRole("table", { name: "My figures and the team median" });
      await figures.waitFor();
      expect(await figures.locator("thead").textContent()).toMatch(/You.*Team median/);
      // One store: shown as text, not as a picker.
      expect(await page.getByRole("combobox", { name: "Brand" }).count()).toBe(0);

      // Manager pages (typed or followed) send the agent back to its own scorecard.
      const other = others.find((a) => a.startsWith(`${agent.brand}/`)) ?? others[0] ?? "";
      for (const path of [
        "/overview",
        `/overview?brand=${agent.brand}&range=90d`,
        "/sla",
        "/audits",
        `/agents/${encodeURIComponent(other)}?brand=${agent.brand}`,
        `/tickets/ANY-1?brand=${agent.brand}`,
        `/audits/review/ANY-1?brand=${agent.brand}`,
      ]) {
        await page.goto(path);
        await page.waitForURL(/\/me(\?|$)/);
        await expect.poll(() => page.getByText("That page is for managers").isVisible(), { message: path }).toBe(true);
        await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My scorecard");
      }
      // Another store in the URL is not honoured: the key's own store stays.
      await page.goto(`/me?brand=${BRANDS.find((b) => b !== agent.brand)}`);
      await page.waitForURL(new RegExp(`[?&]brand=${agent.brand}(&|$)`));

      await settle(page);
      await chartsDrawn(page, 3);
      const html = await page.content();
      const text = (await page.locator("body").textContent()) ?? "";
      expect(text).toContain(agent.agentId);
      for (const id of others) {
        expect(html, `page shows ${id}`).not.toContain(id);
        expect(text, `page shows ${id}`).not.toContain(id);
      }
      const csv = await download(page, () =>
        page.getByRole("button", { name: "Download CSV: My figures and the team median" }).click(),
      );
      for (const id of others) expect(csv.text).not.toContain(id);

      await api.done();
      expect(api.bodies.length).toBeGreaterThan(2);
      for (const body of api.bodies) {
        for (const id of others) expect(body, `an API answer names ${id}`).not.toContain(id);
      }

      // And the API itself refuses the key anything else (what keeps the UI honest).
      const { from, to } = lastDays(30);
      const q = `brand=${agent.brand}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const theirs = await fetch(`${env.baseUrl}/v1/agents/${encodeURIComponent(other)}/scorecard?${q}`, {
        headers: { authorization: `Bearer ${agent.key}` },
      });
      expect(theirs.status).toBe(403);
      const table = await fetch(`${env.baseUrl}/v1/metrics/agents?${q}`, {
        headers: { authorization: `Bearer ${agent.key}` },
      });
      expect(table.status).toBe(403);
      expect(s.errors).toEqual([]);
    });
  }

  test("screenshot: the agent's scorecard", async () => {
    const agent = env.agents[0];
    if (!agent) throw new Error("no agent key");
    const { page } = s;
    await signIn(page, agent.key, /\/me\?/);
    await page.getByRole("table", { name: "My figures and the team median" }).waitFor();
    await settle(page);
    await chartsDrawn(page, 3);
    await screenshot(page, "agent-scorecard.png", {
      until: page.locator("figure", { has: page.getByRole("img", { name: "CSAT per period" }) }),
    });
    expect(s.errors).toEqual([]);
  });
});
