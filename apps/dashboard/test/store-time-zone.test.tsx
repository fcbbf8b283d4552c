import type { TimeseriesMetric } from "@caliper/client";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agentsTable, currentOverview, MANAGER_KEY, managerMe, ticketDetail } from "./fixtures.ts";
import { mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

/** A store in Berlin: its days start at 23:00Z in winter, 22:00Z in summer (from 29 March 2026). */
const berlin = { brands: [{ brand: "jewelry", name: "Jewelry", timezone: "Europe/Berlin" }] };
const BUCKETS = ["2026-03-01T23:00:00.000Z", "2026-03-02T23:00:00.000Z", "2026-03-03T23:00:00.000Z"];

describe("dates and times in the store's time zone", () => {
  it("labels a Berlin store's buckets with its own days and reads 'As of' on its clock", async () => {
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => berlin,
      "GET /v1/metrics/overview": () => currentOverview, // asOf 2026-03-31T12:00Z
      "GET /v1/metrics/timeseries": ({ url }) => ({
        metric: url.searchParams.get("metric") as TimeseriesMetric,
        interval: "day",
        points: BUCKETS.map((start, i) => ({ start, value: 10 + i })),
      }),
      "GET /v1/metrics/agents": () => agentsTable,
    });
    renderApp("/overview?brand=jewelry&from=2026-03-02&to=2026-03-31", { key: MANAGER_KEY });

    expect(await screen.findByText(/As of 31 Mar 2026, 14:00 GMT\+2\./)).toBeInTheDocument();
    const trend = await screen.findByRole("table", { name: "Trend per day" });
    const starts = within(trend)
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.querySelector("td, th")?.textContent);
    // In UTC these buckets would read 1, 2 and 3 March.
    expect(starts).toEqual(["2 Mar 2026", "3 Mar 2026", "4 Mar 2026"]);
  });

  it("shows a ticket's times on its store's clock, with the zone's name", async () => {
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => ({ brands: [{ brand: "jewelry", name: "Jewelry", timezone: "America/New_York" }] }),
      "GET /v1/tickets/T-1001": () => ticketDetail,
    });
    renderApp("/tickets/T-1001?brand=jewelry", { key: MANAGER_KEY });
    await screen.findByRole("list", { name: "Timeline" });
    // Created 2026-03-02T09:00Z: 04:00 in New York (EST).
    expect(screen.getByText("Created").nextElementSibling).toHaveTextContent("2 Mar 2026, 04:00 EST");
    const timeline = screen.getByRole("list", { name: "Timeline" });
    expect(within(timeline).getAllByRole("listitem")[0]?.querySelector("time")).toHaveTextContent(
      "2 Mar 2026, 04:00 EST",
    );
    // No time on the page is left on the UTC clock.
    expect(screen.queryAllByText(/\bUTC\b/)).toEqual([]);
  });
});
