import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AGENT_KEY, agentMe, brands, MANAGER_KEY, managerMe, scorecard } from "./fixtures.ts";
import { apiError, mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

function agentApi() {
  return mockApi({
    "GET /v1/me": () => agentMe,
    "GET /v1/brands": () => ({ brands: [brands.brands[0]] }),
    "GET /v1/agents/ag-42/scorecard": () => scorecard,
  });
}

describe("role-based routing", () => {
  it.each(["/overview", "/sla", "/audits", "/tickets/T-1001?brand=jewelry", "/agents/ag-7", "/audits/review/T-1001"])(
    "keeps an agent key off the manager page %s",
    async (path) => {
      const api = agentApi();
      const { location } = renderApp(path, { key: AGENT_KEY });
      expect(await screen.findByRole("heading", { name: "My scorecard" })).toBeInTheDocument();
      expect(screen.getByText(/That page is for managers/)).toBeInTheDocument();
      expect(location.current).toMatch(/^\/me/);
      // The scorecard is asked for once the page has mounted (the heading comes first), and
      // nothing of the manager pages was asked for by then.
      await waitFor(() => expect(api.calls.map((c) => c.url.pathname)).toContain("/v1/agents/ag-42/scorecard"));
      const paths = api.calls.map((c) => c.url.pathname);
      expect(
        paths.some((p) => p.startsWith("/v1/metrics") || p.startsWith("/v1/tickets") || p.startsWith("/v1/audits")),
      ).toBe(false);
    },
  );

  it("shows an agent only its own scorecard in the navigation", async () => {
    agentApi();
    renderApp("/", { key: AGENT_KEY });
    await screen.findByRole("heading", { name: "My scorecard" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(nav).toHaveTextContent("My scorecard");
    expect(nav).not.toHaveTextContent("Overview");
    expect(nav).not.toHaveTextContent("SLA queue");
    expect(nav).not.toHaveTextContent("Audits");
  });

  it("sends a manager from / to the overview, and off the agent-only page", async () => {
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/metrics/overview": () => apiError(503, "unavailable", "later"),
      "GET /v1/metrics/timeseries": () => apiError(503, "unavailable", "later"),
      "GET /v1/metrics/agents": () => apiError(503, "unavailable", "later"),
    });
    const { location } = renderApp("/me", { key: MANAGER_KEY });
    expect(await screen.findByRole("heading", { name: "Overview" })).toBeInTheDocument();
    await waitFor(() => expect(location.current).toMatch(/^\/overview/));
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(nav).toHaveTextContent("SLA queue");
    expect(nav).not.toHaveTextContent("My scorecard");
  });

  it("sends a signed-out visitor to sign in", async () => {
    mockApi({});
    const { location } = renderApp("/sla?brand=jewelry");
    expect(await screen.findByLabelText("Access key")).toBeInTheDocument();
    expect(location.current).toBe("/sign-in");
  });
});
