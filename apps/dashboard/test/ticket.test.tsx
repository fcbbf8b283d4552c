import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { brands, MANAGER_KEY, managerMe, ticketDetail } from "./fixtures.ts";
import { apiError, mockApi, ticketHeldBy } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

describe("ticket page", () => {
  it("shows the timeline with the flagged evidence highlighted, and each flag's policy clause", async () => {
    const mock = mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/tickets/T-1001": () => ticketDetail,
    });
    renderApp("/tickets/T-1001?brand=jewelry", { key: MANAGER_KEY });
    expect(await screen.findByRole("heading", { name: "Ticket T-1001" })).toBeInTheDocument();
    const timeline = await screen.findByRole("list", { name: "Timeline" });
    expect(mock.calls.find((c) => c.url.pathname === "/v1/tickets/T-1001")?.url.searchParams.get("brand")).toBe(
      "jewelry",
    );

    // Timeline, in order, with the agent reply's evidence marked.
    const items = within(timeline).getAllByRole("listitem");
    expect(items.map((i) => i.querySelector("span")?.textContent)).toEqual([
      "Ticket created",
      "Customer message",
      "Agent reply",
      "Status changed",
      "Feedback",
    ]);
    const reply = items[2]!;
    expect(within(reply).getByText("2 flags")).toBeInTheDocument();
    const marks = Array.from(reply.querySelectorAll("mark")).map((m) => m.firstChild?.textContent);
    expect(marks).toEqual(["nothing we can do", "email us"]);
    expect(within(reply).getByText("(flagged: Tone)", { exact: false })).toBeInTheDocument();
    // Unflagged text stays plain.
    expect(items[1]!.querySelector("mark")).toBeNull();

    // Each flag: rule, severity, evidence highlighted, the policy clause and what it means.
    const tone = screen.getByRole("article", { name: "Tone flag" });
    expect(tone.querySelector("mark")?.firstChild?.textContent).toBe("nothing we can do");
    expect(within(tone).getByText("Agents must be polite, patient and respectful.")).toBeInTheDocument();
    expect(within(tone).getByText(/Avoid perfunctory, cold or refusing language/)).toBeInTheDocument();
    expect(within(tone).getByText("medium")).toBeInTheDocument();
    const channel = screen.getByRole("article", { name: "Official channels flag" });
    expect(channel.querySelector("mark")?.firstChild?.textContent).toBe("email us");
    expect(within(channel).getByText("Customer service happens through the contact form only.")).toBeInTheDocument();

    // Clocks, feedback, reviews.
    const clocks = screen.getByRole("table", { name: "SLA clocks" });
    expect(within(clocks).getByText("First response")).toBeInTheDocument();
    expect(within(clocks).getByText("1h")).toBeInTheDocument();
    // Its state capitalised, as the SLA queue's "Breached" and "At risk" are.
    expect(within(clocks).getByText("Met")).toBeInTheDocument();
    expect(screen.getByText("2/5")).toBeInTheDocument();
    expect(screen.getByText("“Not helpful”")).toBeInTheDocument();
    const reviews = screen.getByRole("table", { name: "Reviews of this ticket" });
    expect(within(reviews).getByText("68.8")).toBeInTheDocument();
    expect(within(reviews).getByRole("columnheader", { name: /^Score \(0–100\)/ })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Review this ticket" })).toHaveAttribute(
      "href",
      "/audits/review/T-1001?brand=jewelry",
    );
  });

  it("shows the API's 404 as an error", async () => {
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/tickets/T-404": () => apiError(404, "not_found", "no ticket 'T-404' for brand 'jewelry'"),
    });
    renderApp("/tickets/T-404?brand=jewelry", { key: MANAGER_KEY });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load ticket");
    expect(alert).toHaveTextContent("no ticket 'T-404' for brand 'jewelry'");
  });
});

describe("ticket page without a brand in its URL", () => {
  /** The ticket answers in `holders` only (ids are unique per brand, not across brands). */
  function api(holders: string[], me = managerMe, list = brands) {
    return mockApi({
      "GET /v1/me": () => me,
      "GET /v1/brands": () => list,
      "GET /v1/tickets/T-1001": ticketHeldBy(holders, ticketDetail),
    });
  }

  it("opens the ticket in the one brand that has it, and puts that brand in the URL", async () => {
    // Eyewear is the key's second brand: the first one (jewelry) used to be assumed, and 404.
    const mock = api(["eyewear"]);
    const { location } = renderApp("/tickets/T-1001", { key: MANAGER_KEY });
    await screen.findByRole("list", { name: "Timeline" });
    expect(location.current).toBe("/tickets/T-1001?brand=eyewear");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("link", { name: "Review this ticket" })).toHaveAttribute(
      "href",
      "/audits/review/T-1001?brand=eyewear",
    );
    const asked = mock.calls
      .filter((c) => c.url.pathname === "/v1/tickets/T-1001")
      .map((c) => c.url.searchParams.get("brand"));
    expect(new Set(asked)).toEqual(new Set(["jewelry", "eyewear"]));
  });

  it("lets the reader choose when several brands have a ticket with that id", async () => {
    api(["jewelry", "eyewear"]);
    const { user, location } = renderApp("/tickets/T-1001", { key: MANAGER_KEY });
    const choices = await screen.findByRole("list", { name: "Brands with this ticket" });
    expect(screen.getByText("Ticket T-1001 exists in 2 of your brands. Which one do you mean?")).toBeInTheDocument();
    const links = within(choices).getAllByRole("link");
    expect(links.map((l) => [l.textContent, l.getAttribute("href")])).toEqual([
      ["Jewelry (jewelry)", "/tickets/T-1001?brand=jewelry"],
      ["Eyewear (eyewear)", "/tickets/T-1001?brand=eyewear"],
    ]);
    expect(location.current).toBe("/tickets/T-1001");
    expect(screen.queryByRole("link", { name: "Review this ticket" })).toBeNull();
    await user.click(within(choices).getByRole("link", { name: "Eyewear (eyewear)" }));
    await screen.findByRole("list", { name: "Timeline" });
    expect(location.current).toBe("/tickets/T-1001?brand=eyewear");
  });

  it("says which brands it looked in when none has the ticket", async () => {
    api([]);
    renderApp("/tickets/T-1001", { key: MANAGER_KEY });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load ticket");
    expect(alert).toHaveTextContent("No ticket 'T-1001' in your brands (looked in Jewelry, Eyewear).");
  });

  it("uses the key's only brand without looking elsewhere", async () => {
    const mock = api(["jewelry"], { ...managerMe, brands: ["jewelry"] }, { brands: [brands.brands[0]!] });
    const { location } = renderApp("/tickets/T-1001", { key: MANAGER_KEY });
    await screen.findByRole("list", { name: "Timeline" });
    await waitFor(() => expect(location.current).toBe("/tickets/T-1001?brand=jewelry"));
    expect(mock.calls.filter((c) => c.url.pathname === "/v1/tickets/T-1001")).toHaveLength(1);
  });
});
