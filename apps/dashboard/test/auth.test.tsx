import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agentMe, brands, MANAGER_KEY, managerMe, scorecard } from "./fixtures.ts";
import { apiError, mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

const quietOverview = {
  "GET /v1/metrics/overview": () => apiError(503, "unavailable", "not in this test"),
  "GET /v1/metrics/timeseries": () => apiError(503, "unavailable", "not in this test"),
  "GET /v1/metrics/agents": () => apiError(503, "unavailable", "not in this test"),
};

describe("sign-in", () => {
  it("validates the key with /v1/me, keeps it only in sessionStorage, and never in a URL", async () => {
    const api = mockApi({
      "GET /v1/me": ({ headers }) =>
        headers.authorization === `Bearer ${MANAGER_KEY}` ? managerMe : apiError(401, "unauthorized", "bad key"),
      "GET /v1/brands": () => brands,
      ...quietOverview,
    });
    const { user, location } = renderApp("/");

    // Signed out: the app sends the user to the sign-in page.
    const input = await screen.findByLabelText("Access key");
    expect(input).toHaveAttribute("type", "password");
    await user.type(input, MANAGER_KEY);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Overview" })).toBeInTheDocument();
    expect(window.sessionStorage.getItem("caliper.accessKey")).toBe(MANAGER_KEY);
    expect(window.localStorage.length).toBe(0);
    expect(document.cookie).toBe("");
    expect(location.current).not.toContain(MANAGER_KEY);
    // The first visible brand is written into the URL (a shareable link).
    await waitFor(() => expect(location.current).toMatch(/^\/overview\?brand=jewelry/));
    // The key travels in the Authorization header only.
    expect(api.calls.length).toBeGreaterThan(0);
    for (const call of api.calls) {
      expect(call.url.href).not.toContain(MANAGER_KEY);
      expect(call.headers.authorization).toBe(`Bearer ${MANAGER_KEY}`);
    }
  });

  it("says so when the key is unknown or revoked, and stores nothing", async () => {
    mockApi({ "GET /v1/me": () => apiError(401, "unauthorized", "unknown key") });
    const { user } = renderApp("/sign-in");
    await user.type(await screen.findByLabelText("Access key"), "cal_revoked");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Unknown or revoked key.");
    expect(window.sessionStorage.getItem("caliper.accessKey")).toBeNull();
    expect(screen.getByLabelText("Access key")).toHaveAttribute("aria-invalid", "true");
  });

  it("refuses an ingest key", async () => {
    mockApi({ "GET /v1/me": () => ({ ...managerMe, role: "ingest" }) });
    const { user } = renderApp("/sign-in");
    await user.type(await screen.findByLabelText("Access key"), "cal_ingest");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/ingest key/);
    expect(window.sessionStorage.getItem("caliper.accessKey")).toBeNull();
  });

  it("restores the session after a reload and signs out, clearing the key", async () => {
    mockApi({
      "GET /v1/me": () => agentMe,
      "GET /v1/brands": () => ({ brands: [brands.brands[0]] }),
      "GET /v1/agents/ag-42/scorecard": () => scorecard,
    });
    const { user, location } = renderApp("/", { key: "cal_agent_key" });
    expect(await screen.findByRole("heading", { name: "My scorecard" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByLabelText("Access key")).toBeInTheDocument();
    expect(window.sessionStorage.getItem("caliper.accessKey")).toBeNull();
    expect(location.current).toBe("/sign-in");
  });

  it("signs out with a notice when the key is revoked mid-session", async () => {
    let revoked = false;
    mockApi({
      "GET /v1/me": () => agentMe,
      "GET /v1/brands": () => ({ brands: [brands.brands[0]] }),
      "GET /v1/agents/ag-42/scorecard": () => (revoked ? apiError(401, "unauthorized", "revoked") : scorecard),
    });
    const { user } = renderApp("/me", { key: "cal_agent_key" });
    await screen.findByRole("heading", { name: "My scorecard" });
    revoked = true;
    await user.selectOptions(screen.getByLabelText("Date range"), "7");
    expect(await screen.findByText(/unknown or revoked key/i)).toBeInTheDocument();
    await waitFor(() => expect(window.sessionStorage.getItem("caliper.accessKey")).toBeNull());
  });
});
