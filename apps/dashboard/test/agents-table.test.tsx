import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agentsTable, brands, currentOverview, MANAGER_KEY, managerMe, timeseries } from "./fixtures.ts";
import { mockApi } from "./mock-api.ts";
import { captureDownloads, renderApp } from "./render.tsx";
import type { TimeseriesMetric } from "@caliper/client";

const PATH = "/overview?brand=jewelry&range=30d";

function api() {
  return mockApi({
    "GET /v1/me": () => managerMe,
    "GET /v1/brands": () => brands,
    "GET /v1/metrics/overview": () => currentOverview,
    "GET /v1/metrics/timeseries": ({ url }) => timeseries(url.searchParams.get("metric") as TimeseriesMetric),
    "GET /v1/metrics/agents": () => agentsTable,
    "GET /v1/export/agents.csv": () => "agent,tickets\r\nag-7,120\r\n",
  });
}

const agentOrder = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[0]?.textContent);

describe("agents table", () => {
  it("sorts by a column (in the URL) and links each agent to its scorecard", async () => {
    api();
    const { user, location } = renderApp(PATH, { key: MANAGER_KEY });
    const table = await screen.findByRole("table", { name: "Agents" });
    // Default: most tickets first.
    expect(agentOrder(table)).toEqual(["ag-42", "ag-7", 'ag, "quoted"']);
    expect(within(table).getByRole("columnheader", { name: /Tickets/ })).toHaveAttribute("aria-sort", "descending");

    await user.click(within(table).getByRole("button", { name: "CSAT" }));
    expect(agentOrder(table)).toEqual(["ag-7", "ag-42", 'ag, "quoted"']);
    expect(within(table).getByRole("columnheader", { name: "CSAT" })).toHaveAttribute("aria-sort", "descending");
    expect(location.current).toContain("sort=csatScore&dir=desc");

    await user.click(within(table).getByRole("button", { name: "CSAT" }));
    // Ascending; agents without CSAT stay last.
    expect(agentOrder(table)).toEqual(["ag-42", "ag-7", 'ag, "quoted"']);
    expect(location.current).toContain("dir=asc");

    // QA scores are out of 100, as the reviews table's "Score (0–100)".
    expect(within(table).getByRole("columnheader", { name: "QA score (0–100)" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: /^ag-7 / })).toHaveTextContent("88.0");

    expect(within(table).getByRole("link", { name: "ag-7" })).toHaveAttribute(
      "href",
      "/agents/ag-7?brand=jewelry&range=30d",
    );
  });

  it("downloads the rows shown, in their order, as RFC 4180 CSV", async () => {
    api();
    const downloads = captureDownloads();
    try {
      const { user } = renderApp(`${PATH}&sort=agent&dir=desc`, { key: MANAGER_KEY });
      const table = await screen.findByRole("table", { name: "Agents" });
      // Names sort by locale collation (punctuation ignored), descending here.
      expect(agentOrder(table)).toEqual(['ag, "quoted"', "ag-42", "ag-7"]);
      await user.click(screen.getByRole("button", { name: "Download CSV: Agents" }));
      expect(downloads.files[0]?.name).toMatch(/^agents-jewelry-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = (await downloads.text()).split("\r\n");
      // The CSV's column names are unchanged ("QA score", not the header's "QA score (0–100)").
      expect(lines[0]).toBe(
        "Agent,Tickets,Solved,Resolution rate,Median first response (s),FCR,Reopened,CSAT,CSAT responses,SLA breach rate,QA score,QA reviews,Flags",
      );
      expect(lines[1]).toBe('"ag, ""quoted""",45,30,0.667,,,,,0,,,0,0');
      expect(lines[2]).toBe("ag-42,300,240,0.8,14400,0.55,0.06,0.81,95,0.12,79.5,8,4");
      expect(lines[3]).toBe("ag-7,120,100,0.833,7200,0.6,0.04,0.9,40,0.05,88,5,1");
      expect(lines[4]).toBe("");
    } finally {
      downloads.restore();
    }
  });

  it("downloads the server's agents export with the key in a header, not the URL", async () => {
    const mock = api();
    const downloads = captureDownloads();
    try {
      const { user } = renderApp(PATH, { key: MANAGER_KEY });
      await screen.findByRole("table", { name: "Agents" });
      await user.click(screen.getByRole("button", { name: "Export agents (server CSV)" }));
      await waitFor(() => expect(downloads.files).toHaveLength(1));
      expect(await downloads.text()).toBe("agent,tickets\r\nag-7,120\r\n");
      const call = mock.calls.find((c) => c.url.pathname === "/v1/export/agents.csv");
      expect(call?.url.searchParams.get("brand")).toBe("jewelry");
      expect(call?.url.href).not.toContain(MANAGER_KEY);
      expect(call?.headers.authorization).toBe(`Bearer ${MANAGER_KEY}`);
    } finally {
      downloads.restore();
    }
  });
});
