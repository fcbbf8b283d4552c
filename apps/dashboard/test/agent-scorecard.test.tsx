import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AGENT_KEY, agentMe, brands, MANAGER_KEY, managerMe, scorecard } from "./fixtures.ts";
import { mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

/** A figure's row as read: its header and cells. */
const figure = (table: HTMLElement, label: string) => {
  const row = within(table).getByRole("rowheader", { name: label }).closest("tr");
  return Array.from(row?.querySelectorAll("th, td") ?? []).map((c) => c.textContent);
};

describe("agent scorecard", () => {
  it("shows an agent its own figures beside the team median, comments, reviews and flags", async () => {
    const mock = mockApi({
      "GET /v1/me": () => agentMe,
      "GET /v1/brands": () => ({ brands: [brands.brands[0]] }),
      "GET /v1/agents/ag-42/scorecard": () => scorecard,
    });
    renderApp("/me", { key: AGENT_KEY });
    const table = await screen.findByRole("table", { name: "My figures and the team median" });
    expect(figure(table, "CSAT")).toEqual(["CSAT", "81.0%", "88.0%", "worse than team"]);
    expect(figure(table, "Median first response")).toEqual(["Median first response", "4h", "2h", "worse than team"]);
    expect(figure(table, "Resolution rate")).toEqual(["Resolution rate", "80.0%", "75.0%", "better than team"]);
    // QA scores with their scale, as on the review page.
    expect(figure(table, "QA score")).toEqual(["QA score", "79.5 / 100", "85.0 / 100", "worse than team"]);

    expect(screen.getByText("“Quick and kind, thank you!”")).toBeInTheDocument();
    const reviews = screen.getByRole("table", { name: "Reviews" });
    expect(within(reviews).getByText("68.8")).toBeInTheDocument();
    expect(within(reviews).getByText("Fail")).toBeInTheDocument();

    const flag = screen.getByRole("article", { name: "Tone flag" });
    expect(flag.querySelector("mark")?.firstChild?.textContent).toBe("nothing we can do");
    expect(within(flag).getByText("Agents must be polite, patient and respectful.")).toBeInTheDocument();
    expect(within(flag).getByText(/Avoid perfunctory, cold or refusing language/)).toBeInTheDocument();

    // Agents cannot open tickets: ids are text, not links.
    expect(screen.queryByRole("link", { name: "T-1001" })).not.toBeInTheDocument();
    const call = mock.calls.find((c) => c.url.pathname === "/v1/agents/ag-42/scorecard");
    expect(call?.url.searchParams.get("brand")).toBe("jewelry");
    // Only its own scorecard is ever requested.
    expect(
      mock.calls.every((c) => ["/v1/me", "/v1/brands", "/v1/agents/ag-42/scorecard"].includes(c.url.pathname)),
    ).toBe(true);
  });

  it("tells the flags on the agent's tickets from the flags on the agent's own messages", async () => {
    // Two flags on the agent's tickets (one written by a colleague), none on the agent's messages.
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/agents/ag-42/scorecard": () => ({
        ...scorecard,
        figures: { ...scorecard.figures, flags: 2 },
        flags: [],
      }),
    });
    renderApp("/agents/ag-42?brand=jewelry&range=30d", { key: MANAGER_KEY });
    const table = await screen.findByRole("table", { name: "Figures of ag-42 and the team median" });
    expect(figure(table, "Message flags on assigned tickets")).toEqual([
      "Message flags on assigned tickets",
      "2",
      "1",
      "worse than team",
    ]);
    expect(screen.getByRole("heading", { name: "Flags on this agent's messages (0)" })).toBeInTheDocument();
    expect(screen.getByText("No message of this agent broke a policy rule in this period.")).toBeInTheDocument();
  });

  it("labels the weekly trend's weeks cut by the period by their first day in it, marked partial", async () => {
    // 8 Mar 2026 is a Sunday: the first week's bucket starts on Monday 2 Mar, and only its last
    // day is in the period; the period ends on Tuesday 31 Mar, two days into its last week.
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/agents/ag-42/scorecard": () => ({
        ...scorecard,
        period: { ...scorecard.period, from: "2026-03-08T00:00:00.000Z" },
        trend: [
          { start: "2026-03-02T00:00:00.000Z", tickets: 3, frtMedianSeconds: 14_000, csatScore: 0.8 },
          { start: "2026-03-09T00:00:00.000Z", tickets: 80, frtMedianSeconds: 13_000, csatScore: 0.82 },
          { start: "2026-03-30T00:00:00.000Z", tickets: 20, frtMedianSeconds: 12_000, csatScore: 0.9 },
        ],
      }),
    });
    renderApp("/agents/ag-42?brand=jewelry&from=2026-03-08&to=2026-03-31", { key: MANAGER_KEY });
    const trend = await screen.findByRole("table", { name: "Trend" });
    const weeks = within(trend)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell")[0]?.textContent);
    expect(weeks).toEqual(["8 Mar 2026 (partial week)", "9 Mar 2026", "30 Mar 2026 (partial week)"]);
  });

  it("lets a manager open an agent's scorecard, with links to tickets", async () => {
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/agents/ag-42/scorecard": () => scorecard,
    });
    renderApp("/agents/ag-42?brand=jewelry&range=30d", { key: MANAGER_KEY });
    expect(await screen.findByRole("heading", { name: "Agent ag-42" })).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Figures of ag-42 and the team median" })).toBeInTheDocument();
    expect(screen.getAllByRole("link", { name: "T-1001" })[0]).toHaveAttribute("href", "/tickets/T-1001?brand=jewelry");
  });
});
