import type { AuditSummary } from "@caliper/client";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { auditSummary, brands, MANAGER_KEY, managerMe, sample } from "./fixtures.ts";
import { mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

function api(summary: AuditSummary = auditSummary) {
  const { tickets: _tickets, ...listed } = sample;
  return mockApi({
    "GET /v1/me": () => managerMe,
    "GET /v1/brands": () => brands,
    "GET /v1/audits/samples": () => ({ samples: [listed] }),
    "POST /v1/audits/samples": ({ body }) => ({
      sample: { ...sample, ...(body as object), id: "smp-2", createdAt: "2026-03-31T11:00:00.000Z" },
    }),
    "GET /v1/audits/samples/smp-1": () => ({ sample }),
    "GET /v1/audits/samples/smp-2": () => ({ sample: { ...sample, id: "smp-2" } }),
    "GET /v1/audits/summary": ({ url }) => (url.searchParams.get("sampleId") ? summary : { ...summary, reviews: 0 }),
  });
}

describe("audits", () => {
  it("draws a sample and opens its review queue, unreviewed tickets first", async () => {
    const mock = api();
    const { user, location } = renderApp("/audits?brand=jewelry&from=2026-03-02&to=2026-03-31", { key: MANAGER_KEY });
    expect(await screen.findByText("No sample selected")).toBeInTheDocument();
    expect(await screen.findByText("No reviews yet")).toBeInTheDocument();

    await user.clear(screen.getByLabelText("Tickets per agent"));
    await user.type(screen.getByLabelText("Tickets per agent"), "3");
    await user.selectOptions(screen.getByLabelText("Strategy"), "risk");
    await user.clear(screen.getByLabelText("Seed"));
    await user.type(screen.getByLabelText("Seed"), "march");
    await user.click(screen.getByRole("button", { name: "Draw sample" }));

    await waitFor(() => expect(location.current).toContain("sample=smp-2"));
    const post = mock.calls.find((c) => c.method === "POST");
    expect(post?.body).toEqual({
      brand: "jewelry",
      from: "2026-03-02T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
      perAgent: 3,
      seed: "march",
      strategy: "risk",
    });

    const queue = await screen.findByRole("table", { name: "Review queue of sample smp-2" });
    const rows = within(queue).getAllByRole("row").slice(1);
    expect(
      rows.map((r) => [within(r).getAllByRole("cell")[0]?.textContent, within(r).getAllByRole("cell")[1]?.textContent]),
    ).toEqual([
      ["To review", "T-1003"],
      ["To review", "T-1005"],
      ["Reviewed", "T-1001"],
    ]);
    expect(within(queue).getByRole("link", { name: "Review ticket T-1003" })).toHaveAttribute(
      "href",
      "/audits/review/T-1003?brand=jewelry&sample=smp-2",
    );
    expect(screen.getByText(/1 of 3 reviewed/)).toBeInTheDocument();
  });

  it("validates the sample size before asking the API", async () => {
    const mock = api();
    const { user } = renderApp("/audits?brand=jewelry", { key: MANAGER_KEY });
    await screen.findByLabelText("Tickets per agent");
    await user.clear(screen.getByLabelText("Tickets per agent"));
    await user.type(screen.getByLabelText("Tickets per agent"), "0");
    await user.click(screen.getByRole("button", { name: "Draw sample" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Tickets per agent must be a whole number from 1 to 100.");
    expect(mock.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("names the Hájek ratio estimate in words, not by the API's id", async () => {
    api({ ...auditSummary, compliance: { ...auditSummary.compliance, estimator: "hajek" } });
    renderApp("/audits?brand=jewelry&sample=smp-1", { key: MANAGER_KEY });
    const compliance = await screen.findByRole("group", { name: "Compliance estimate" });
    expect(within(compliance).getByText("95% CI 55.0–86.0% · n = 12 · Hájek ratio estimate")).toBeInTheDocument();
    expect(within(compliance).queryByText(/hajek/)).not.toBeInTheDocument();
  });

  it("shows the sample's compliance estimate with its interval, and calibration agreement", async () => {
    const mock = api();
    renderApp("/audits?brand=jewelry&sample=smp-1", { key: MANAGER_KEY });
    const compliance = await screen.findByRole("group", { name: "Compliance estimate" });
    expect(within(compliance).getByText("72.0%")).toBeInTheDocument();
    // Scores on their 0..100 scale.
    expect(within(screen.getByRole("group", { name: "Average score" })).getByText("81.4 / 100")).toBeInTheDocument();
    // The API names its estimator ("horvitz-thompson"); the page names the method.
    expect(within(compliance).getByText("95% CI 55.0–86.0% · n = 12 · Horvitz–Thompson estimate")).toBeInTheDocument();
    expect(
      within(screen.getByRole("group", { name: "Agreement (overall alpha)" })).getByText("0.74"),
    ).toBeInTheDocument();
    const byCategory = screen.getByRole("table", { name: "Agreement by category" });
    expect(within(byCategory).getByText("0.81")).toBeInTheDocument();
    expect(within(byCategory).getByText("—")).toBeInTheDocument();
    expect(within(screen.getByRole("table", { name: "Reviewers" })).getByText("key-lead")).toBeInTheDocument();
    expect(mock.calls.find((c) => c.url.pathname === "/v1/audits/summary")?.url.searchParams.get("sampleId")).toBe(
      "smp-1",
    );
    // The sample list marks the open sample.
    expect(screen.getByRole("button", { name: "smp-1" })).toHaveAttribute("aria-pressed", "true");
  });

  it("names each sample's strategy as the form does", async () => {
    api();
    renderApp("/audits?brand=jewelry&sample=smp-1", { key: MANAGER_KEY });
    const samples = await screen.findByRole("table", { name: "Samples" });
    const strategy = screen.getByLabelText("Strategy");
    const riskOption = within(strategy).getByRole("option", { name: /^Risk-weighted/ });
    expect(riskOption).toHaveValue("risk");
    expect(within(samples).getByRole("cell", { name: "Risk-weighted" })).toBeInTheDocument();
    expect(within(samples).queryByRole("cell", { name: "risk" })).not.toBeInTheDocument();
    await screen.findByRole("table", { name: "Review queue of sample smp-1" });
    expect(screen.getByText(/reviewed · Risk-weighted · 2 per agent/)).toBeInTheDocument();
  });
});
