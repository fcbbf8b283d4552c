import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  agentsTable,
  brands,
  currentOverview,
  emptyOverview,
  MANAGER_KEY,
  managerMe,
  previousOverview,
  timeseries,
} from "./fixtures.ts";
import { apiError, deferred, type Handler, mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";
import type { TimeseriesMetric } from "@caliper/client";

const PATH = "/overview?brand=jewelry&from=2026-03-02&to=2026-03-31";

/** The overview answers: the current period, and the one before it (same length) for changes. */
function overviewApi(overrides: Record<string, Handler> = {}) {
  return mockApi({
    "GET /v1/me": () => managerMe,
    "GET /v1/brands": () => brands,
    "GET /v1/metrics/overview": ({ url }) => {
      if (url.searchParams.get("category") || url.searchParams.get("channel")) {
        return url.searchParams.get("category") === "shipping" || url.searchParams.get("channel") === "email"
          ? currentOverview
          : emptyOverview;
      }
      return url.searchParams.get("from") === "2026-03-02T00:00:00.000Z" ? currentOverview : previousOverview;
    },
    "GET /v1/metrics/timeseries": ({ url }) => timeseries(url.searchParams.get("metric") as TimeseriesMetric),
    "GET /v1/metrics/agents": () => agentsTable,
    ...overrides,
  });
}

const card = (name: string | RegExp) => screen.getByRole("group", { name });

describe("overview", () => {
  it("shows each KPI with its change against the previous period", async () => {
    const api = overviewApi();
    renderApp(PATH, { key: MANAGER_KEY });

    const tickets = await screen.findByRole("group", { name: "Tickets" });
    expect(within(tickets).getByText("1,234")).toBeInTheDocument();
    expect(within(tickets).getByText("+12.2%")).toBeInTheDocument();
    expect(within(tickets).getByText("vs previous 30 days")).toBeInTheDocument();

    const frt = card("Median first response");
    expect(within(frt).getByText("3h 12m")).toBeInTheDocument();
    expect(within(frt).getByText("-10.0%")).toBeInTheDocument();
    expect(within(frt).getByLabelText("-10.0% (better)")).toBeInTheDocument();
    expect(within(frt).getByText(/p90 2d 4h/)).toBeInTheDocument();

    expect(within(card("Resolution rate")).getByText("81.0%")).toBeInTheDocument();
    expect(within(card("Resolution rate")).getByText("+3.0 pp")).toBeInTheDocument();

    const csat = card("CSAT");
    expect(within(csat).getByText("85.0%")).toBeInTheDocument();
    expect(within(csat).getByText("+5.0 pp")).toBeInTheDocument();
    expect(within(csat).getByText(/95% CI 80\.0–89\.0% · 412 responses/)).toBeInTheDocument();

    const sla = card("SLA breach rate");
    expect(within(sla).getByText("10.0%")).toBeInTheDocument();
    expect(within(sla).getByLabelText("-2.5 pp (better)")).toBeInTheDocument();

    const qa = card("QA score");
    // Out of 100, as the review page and the reviews table say.
    expect(within(qa).getByText("84.2 / 100")).toBeInTheDocument();
    expect(within(qa).getByText("+1.5 pts")).toBeInTheDocument();

    // The previous period is the 30 days right before.
    const froms = api.calls
      .filter(
        (c) =>
          c.url.pathname === "/v1/metrics/overview" &&
          !c.url.searchParams.has("category") &&
          !c.url.searchParams.has("channel"),
      )
      .map((c) => `${c.url.searchParams.get("from")}/${c.url.searchParams.get("to")}`);
    expect(froms).toEqual(
      expect.arrayContaining([
        "2026-03-02T00:00:00.000Z/2026-04-01T00:00:00.000Z",
        "2026-01-31T00:00:00.000Z/2026-03-02T00:00:00.000Z",
      ]),
    );
  });

  it("switches the first response to business hours and keeps it in the URL", async () => {
    overviewApi();
    const { user, location } = renderApp(PATH, { key: MANAGER_KEY });
    await screen.findByRole("group", { name: "Median first response" });
    await user.click(screen.getByLabelText("First response in business hours"));
    const frt = await screen.findByRole("group", { name: "Median first response (business hours)" });
    expect(within(frt).getByText("1h 30m")).toBeInTheDocument();
    expect(within(frt).getByText("-10.0%")).toBeInTheDocument();
    expect(location.current).toContain("bh=1");
  });

  it("shows the breakdown by category and channel", async () => {
    overviewApi();
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    const table = await screen.findByRole("table", { name: "Tickets by category" });
    const rows = within(table).getAllByRole("row");
    // Sorted by tickets: shipping (the only one with tickets) first.
    expect(within(rows[1]!).getByText("Shipping")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("1,234")).toBeInTheDocument();
    expect(within(table).getByRole("columnheader", { name: /^Category/ })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Channel" }));
    const byChannel = await screen.findByRole("table", { name: "Tickets by channel" });
    expect(within(within(byChannel).getAllByRole("row")[1]!).getByText("Email")).toBeInTheDocument();
    expect(within(byChannel).getByRole("columnheader", { name: /^Channel/ })).toBeInTheDocument();
  });

  it("names the breakdown's first response column after the clock it is on", async () => {
    overviewApi();
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    const table = await screen.findByRole("table", { name: "Tickets by category" });
    expect(within(table).getByRole("columnheader", { name: /^Median first response\W*$/ })).toBeInTheDocument();
    await user.click(screen.getByLabelText("First response in business hours"));
    const header = await within(table).findByRole("columnheader", {
      name: /^Median first response \(business hours\)/,
    });
    expect(header).toBeInTheDocument();
    // Shipping's business-hours median (1h 30m), not its calendar one (3h 12m).
    const shipping = within(table).getByRole("row", { name: /Shipping/ });
    expect(within(shipping).getByText("1h 30m")).toBeInTheDocument();
  });

  it("shows a loading state until the API answers", async () => {
    const gate = deferred<void>();
    overviewApi({
      "GET /v1/metrics/overview": async () => {
        await gate.promise;
        return currentOverview;
      },
    });
    renderApp(PATH, { key: MANAGER_KEY });
    expect(await screen.findByText("Loading key figures…")).toBeInTheDocument();
    gate.resolve();
    expect(await screen.findByRole("group", { name: "Tickets" })).toBeInTheDocument();
    expect(screen.queryByText("Loading key figures…")).not.toBeInTheDocument();
  });

  it("shows an empty state when the period has no tickets", async () => {
    overviewApi({
      "GET /v1/metrics/overview": () => emptyOverview,
      "GET /v1/metrics/agents": () => ({ agents: [] }),
    });
    renderApp(PATH, { key: MANAGER_KEY });
    expect(await screen.findByText("No tickets in this period")).toBeInTheDocument();
    expect(await screen.findByText("No agent handled tickets in this period.")).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Tickets" })).not.toBeInTheDocument();
  });

  it("shows an error state with the API's message and retries", async () => {
    let fail = true;
    overviewApi({
      "GET /v1/metrics/agents": () => (fail ? apiError(500, "internal", "database is unavailable") : agentsTable),
    });
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load agents");
    expect(alert).toHaveTextContent("database is unavailable");
    expect(alert).toHaveTextContent("request req-test-1");
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("table", { name: "Agents" })).toBeInTheDocument();
  });

  it("keeps the filters in the URL: brand and preset", async () => {
    const api = overviewApi();
    const { user, location } = renderApp(PATH, { key: MANAGER_KEY });
    await screen.findByRole("group", { name: "Tickets" });
    await user.selectOptions(screen.getByLabelText("Brand"), "eyewear");
    await user.selectOptions(screen.getByLabelText("Date range"), "7");
    await waitFor(() => expect(location.current).toContain("brand=eyewear"));
    expect(location.current).toContain("range=7d");
    expect(location.current).not.toContain("from=");
    await waitFor(() =>
      expect(
        api.calls.some(
          (c) => c.url.pathname === "/v1/metrics/overview" && c.url.searchParams.get("brand") === "eyewear",
        ),
      ).toBe(true),
    );
  });
});
