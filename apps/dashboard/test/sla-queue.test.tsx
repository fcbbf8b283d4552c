import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildQueue } from "../src/pages/sla-queue/queue.ts";
import { atRiskClocks, breachedClocks, brands, MANAGER_KEY, managerMe, SLA_NOW } from "./fixtures.ts";
import { mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

function api(empty = false) {
  return mockApi({
    "GET /v1/me": () => managerMe,
    "GET /v1/brands": () => brands,
    "GET /v1/sla/clocks": ({ url }) =>
      empty
        ? { clocks: [], nextCursor: null }
        : url.searchParams.get("status") === "breached"
          ? breachedClocks
          : atRiskClocks,
  });
}

describe("SLA queue", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date(SLA_NOW), toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lists breached and at-risk running clocks, oldest first, with time over or left", async () => {
    const mock = api();
    renderApp("/sla?brand=jewelry", { key: MANAGER_KEY });
    const table = await screen.findByRole("table", { name: "SLA queue" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      );
    expect(rows.map((r) => [r[0], r[2], r[6]])).toEqual([
      ["Breached", "T-2001", "2d over"],
      ["Breached", "T-2002", "3h 30m over"],
      ["At risk", "T-2003", "2h 15m left"],
      ["At risk", "Order O-77", "1d 12h left"],
    ]);
    // A stopped breach is history, not queue work.
    expect(within(table).queryByText("T-1999")).not.toBeInTheDocument();
    expect(within(table).getByRole("link", { name: "T-2001" })).toHaveAttribute(
      "href",
      "/tickets/T-2001?brand=jewelry",
    );
    expect(screen.getByText(/2 breached · 2 at risk/)).toBeInTheDocument();

    const statuses = mock.calls
      .filter((c) => c.url.pathname === "/v1/sla/clocks")
      .map((c) => c.url.searchParams.get("status"));
    expect(statuses.sort()).toEqual(["atRisk", "breached"]);
    expect(mock.calls.find((c) => c.url.pathname === "/v1/sla/clocks")?.url.searchParams.get("asOf")).toBe(SLA_NOW);
  });

  it("filters to breached only (in the URL)", async () => {
    api();
    const { user, location } = renderApp("/sla?brand=jewelry", { key: MANAGER_KEY });
    const table = await screen.findByRole("table", { name: "SLA queue" });
    await user.selectOptions(screen.getByLabelText("Show"), "breached");
    expect(location.current).toContain("state=breached");
    expect(within(table).queryByText("At risk")).not.toBeInTheDocument();
    expect(within(table).getAllByText("Breached")).toHaveLength(2);
  });

  it("shows an empty state when nothing is at risk", async () => {
    api(true);
    renderApp("/sla?brand=jewelry", { key: MANAGER_KEY });
    expect(await screen.findByText("No breached or at-risk clocks")).toBeInTheDocument();
  });

  it("orders by start and computes the seconds left at asOf", () => {
    const rows = buildQueue([...atRiskClocks.clocks, ...breachedClocks.clocks], new Date(SLA_NOW));
    expect(rows.map((r) => [r.clock.ticketId ?? r.clock.orderId, r.secondsLeft])).toEqual([
      ["T-2001", -172_800],
      ["T-2002", -12_600],
      ["T-2003", 8_100],
      ["O-77", 129_600],
    ]);
  });
});
