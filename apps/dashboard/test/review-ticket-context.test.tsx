import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { brands, MANAGER_KEY, managerMe, policy, review, ticketDetail } from "./fixtures.ts";
import { apiError, deferred, type Handler, mockApi, ticketHeldBy } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

const PATH = "/audits/review/T-1001?brand=jewelry&sample=smp-1";

function api(ticket: Handler) {
  return mockApi({
    "GET /v1/me": () => managerMe,
    "GET /v1/brands": () => brands,
    "GET /v1/policies/jewelry": () => policy,
    "GET /v1/tickets/T-1001": ticket,
    "POST /v1/audits/reviews": () => ({ review: { ...review, id: "rev-9", score: 100, pass: true } }),
  });
}

/** Rates every category 4 and submits; resolves once the review is saved. */
async function rateAndSubmit(user: ReturnType<typeof renderApp>["user"]) {
  for (const name of [/^Accuracy/, /^Tone/, /^Privacy/]) {
    await user.click(within(screen.getByRole("group", { name })).getByRole("radio", { name: "4" }));
  }
  await user.click(screen.getByRole("button", { name: "Submit review" }));
  expect(await screen.findByText(/^Review saved: score/)).toBeInTheDocument();
}

describe("the review page's ticket context", () => {
  it("shows the ticket's conversation beside the form: authors, times, status changes, marked evidence", async () => {
    const mock = api(() => ticketDetail);
    renderApp(PATH, { key: MANAGER_KEY });
    const context = await screen.findByRole("complementary", { name: "Ticket context" });
    const timeline = await within(context).findByRole("list", { name: "Timeline" });
    const items = within(timeline).getAllByRole("listitem");
    expect(items.map((i) => i.querySelector("span")?.textContent)).toEqual([
      "Ticket created",
      "Customer message",
      "Agent reply",
      "Status changed",
      "Feedback",
    ]);
    // The messages' text, their author and time (on the store's clock).
    expect(within(items[1]!).getByText("My ring arrived scratched. Can I return it?")).toBeInTheDocument();
    expect(within(items[2]!).getByText("Agent ag-42")).toBeInTheDocument();
    expect(items[2]!.querySelector("time")?.getAttribute("dateTime")).toBe("2026-03-02T10:00:00.000Z");
    expect(within(items[3]!).getByText("to Solved")).toBeInTheDocument();
    // The flagged evidence marked where it was said.
    expect(within(items[2]!).getByText("2 flags")).toBeInTheDocument();
    expect(Array.from(items[2]!.querySelectorAll("mark")).map((m) => m.firstChild?.textContent)).toEqual([
      "nothing we can do",
      "email us",
    ]);
    // The same single API read the ticket page makes.
    expect(mock.calls.filter((c) => c.url.pathname === "/v1/tickets/T-1001")).toHaveLength(1);
    expect(screen.getByRole("form", { name: "Scorecard" })).toBeInTheDocument();
  });

  it("keeps the form usable while the ticket is loading", async () => {
    const pending = deferred<unknown>();
    api(() => pending.promise);
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    await screen.findByRole("group", { name: /^Privacy/ });
    expect(screen.getByRole("status")).toHaveTextContent("Loading ticket…");
    await rateAndSubmit(user);
    pending.resolve(ticketDetail);
  });

  it("keeps the form usable when the ticket fails to load, and says so", async () => {
    api(() => apiError(500, "internal", "database unavailable"));
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    await screen.findByRole("group", { name: /^Privacy/ });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load ticket");
    expect(within(alert).getByRole("button", { name: "Retry" })).toBeInTheDocument();
    await rateAndSubmit(user);
  });

  it("offers a link past the conversation straight to the scorecard (a phone shows the conversation first)", async () => {
    api(() => ticketDetail);
    renderApp(PATH, { key: MANAGER_KEY });
    const context = await screen.findByRole("complementary", { name: "Ticket context" });
    const skip = screen.getByRole("link", { name: "Skip to scorecard" });
    expect(skip).toHaveAttribute("href", "#scorecard");
    // Before the conversation in reading (and Tab) order.
    expect(skip.compareDocumentPosition(context) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Its target holds the form and takes the focus (the browser moves it there on following the link).
    const target = document.getElementById("scorecard");
    expect(target).toContainElement(await screen.findByRole("form", { name: "Scorecard" }));
    expect(target).toHaveAttribute("tabindex", "-1");
  });
});

describe("a review link without ?brand=", () => {
  function holders(brandsWithIt: string[]) {
    return mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/policies/jewelry": () => policy,
      "GET /v1/policies/eyewear": () => policy,
      "GET /v1/tickets/T-1001": ticketHeldBy(brandsWithIt, ticketDetail),
      "POST /v1/audits/reviews": () => ({ review: { ...review, id: "rev-9", score: 100, pass: true } }),
    });
  }

  it("reviews the ticket in the one brand that has it, not in the key's first brand", async () => {
    // Eyewear is the key's second brand: the review used to be filed against jewelry's T-1001.
    const mock = holders(["eyewear"]);
    const { user, location } = renderApp("/audits/review/T-1001?sample=smp-1", { key: MANAGER_KEY });
    await screen.findByRole("complementary", { name: "Ticket context" });
    expect(location.current).toBe("/audits/review/T-1001?sample=smp-1&brand=eyewear");
    expect(screen.getByRole("link", { name: "Open ticket" })).toHaveAttribute("href", "/tickets/T-1001?brand=eyewear");
    await rateAndSubmit(user);
    const posted = mock.calls.find((c) => c.method === "POST" && c.url.pathname === "/v1/audits/reviews");
    expect(posted?.body).toMatchObject({ brand: "eyewear", ticketId: "T-1001", sampleId: "smp-1" });
  });

  it("lets the reviewer choose when several brands have the ticket, keeping the sample", async () => {
    holders(["jewelry", "eyewear"]);
    renderApp("/audits/review/T-1001?sample=smp-1", { key: MANAGER_KEY });
    const choices = await screen.findByRole("list", { name: "Brands with this ticket" });
    expect(
      within(choices)
        .getAllByRole("link")
        .map((l) => l.getAttribute("href")),
    ).toEqual(["/audits/review/T-1001?brand=jewelry&sample=smp-1", "/audits/review/T-1001?brand=eyewear&sample=smp-1"]);
    expect(screen.queryByRole("button", { name: "Submit review" })).toBeNull();
  });
});
