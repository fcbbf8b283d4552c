import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agentMe, brands, scorecard } from "./fixtures.ts";
import { mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

describe("filters in the URL", () => {
  it("opens a shared link with its custom range, and writes changes back to the URL", async () => {
    const mock = mockApi({
      "GET /v1/me": () => agentMe,
      "GET /v1/brands": () => ({ brands: [brands.brands[0]] }),
      "GET /v1/agents/ag-42/scorecard": () => scorecard,
    });
    const { location } = renderApp("/me?brand=jewelry&from=2026-02-01&to=2026-02-28", { key: "cal_agent" });
    await screen.findByRole("table", { name: "My figures and the team median" });
    expect(screen.getByLabelText("Date range")).toHaveValue("custom");
    expect(screen.getByLabelText("From")).toHaveValue("2026-02-01");
    expect(screen.getByLabelText("To (inclusive)")).toHaveValue("2026-02-28");
    const first = mock.calls.find((c) => c.url.pathname === "/v1/agents/ag-42/scorecard");
    expect(first?.url.searchParams.get("from")).toBe("2026-02-01T00:00:00.000Z");
    expect(first?.url.searchParams.get("to")).toBe("2026-03-01T00:00:00.000Z");
    // A UTC store's page needs no word about its clock.
    expect(screen.queryByText(/Days and times in/)).toBeNull();

    fireEvent.change(screen.getByLabelText("To (inclusive)"), { target: { value: "2026-02-14" } });
    await waitFor(() => expect(location.current).toBe("/me?brand=jewelry&from=2026-02-01&to=2026-02-14"));
    await waitFor(() =>
      expect(
        mock.calls.some(
          (c) =>
            c.url.pathname === "/v1/agents/ag-42/scorecard" &&
            c.url.searchParams.get("to") === "2026-02-15T00:00:00.000Z",
        ),
      ).toBe(true),
    );
  });

  it("asks for a store's range on its own midnights (a store in New York: 05:00 UTC in winter)", async () => {
    const mock = mockApi({
      "GET /v1/me": () => agentMe,
      "GET /v1/brands": () => ({ brands: [{ brand: "jewelry", name: "Jewelry", timezone: "America/New_York" }] }),
      "GET /v1/agents/ag-42/scorecard": () => scorecard,
    });
    renderApp("/me?brand=jewelry&from=2026-02-01&to=2026-02-28", { key: "cal_agent" });
    await screen.findByRole("table", { name: "My figures and the team median" });
    expect(screen.getByLabelText("From")).toHaveValue("2026-02-01");
    expect(screen.getByLabelText("To (inclusive)")).toHaveValue("2026-02-28");
    const first = mock.calls.find((c) => c.url.pathname === "/v1/agents/ag-42/scorecard");
    expect(first?.url.searchParams.get("from")).toBe("2026-02-01T05:00:00.000Z");
    expect(first?.url.searchParams.get("to")).toBe("2026-03-01T05:00:00.000Z");
    // The page says whose clock its days and times are on.
    expect(screen.getByText("Days and times in America/New_York")).toBeInTheDocument();
  });
});
