import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FactList } from "../src/components/FactList.tsx";
import { brands, MANAGER_KEY, managerMe, policy, ticketDetail } from "./fixtures.ts";
import { mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

/** The description list's pairs as read: [term, definition]. */
const pairs = (dl: HTMLElement) =>
  Array.from(dl.children).map((item) => [
    within(item as HTMLElement).getByRole("term").textContent,
    within(item as HTMLElement).getByRole("definition").textContent,
  ]);

describe("FactList", () => {
  it("shows name–value pairs in order as a description list", () => {
    const { container } = render(
      <FactList
        facts={[
          ["Status", "Solved"],
          ["Agent", "ag-42"],
        ]}
        layout="grid"
      />,
    );
    const dl = container.querySelector("dl") as HTMLElement;
    expect(pairs(dl)).toEqual([
      ["Status", "Solved"],
      ["Agent", "ag-42"],
    ]);
  });

  it("keeps each page's look: a card in columns (ticket page), one fact a line (review page)", () => {
    const { container, rerender } = render(<FactList facts={[["Status", "Solved"]]} layout="grid" />);
    const dl = () => container.querySelector("dl") as HTMLElement;
    expect(dl().className).toContain("sm:grid-cols-2 lg:grid-cols-3");
    expect(dl().className).toContain("shadow-tremor-card");
    expect(screen.getByRole("term").className).toBe("min-w-28 text-tremor-content");
    rerender(<FactList facts={[["Status", "Solved"]]} layout="stack" />);
    expect(dl().className).toContain("space-y-1");
    expect(dl().className).not.toContain("grid");
    expect(dl().firstElementChild?.className).toBe("flex flex-wrap gap-x-2");
    expect(screen.getByRole("term").className).toBe("text-tremor-content");
  });
});

describe("the ticket's facts on the ticket and review pages", () => {
  function api() {
    mockApi({
      "GET /v1/me": () => managerMe,
      "GET /v1/brands": () => brands,
      "GET /v1/policies/jewelry": () => policy,
      "GET /v1/tickets/T-1001": () => ticketDetail,
    });
  }

  it("lists them all on the ticket page", async () => {
    api();
    renderApp("/tickets/T-1001?brand=jewelry", { key: MANAGER_KEY });
    const subject = await screen.findByText("Subject", { selector: "dt" });
    expect(pairs(subject.closest("dl") as HTMLElement)).toEqual([
      ["Subject", "Ring arrived scratched"],
      ["Status", "Solved"],
      ["Channel", "Contact form"],
      ["Category", "Return & refund"],
      ["Priority", "Normal"],
      ["Agent", "ag-42"],
      ["Created", "2 Mar 2026, 09:00 UTC"],
      ["First reply", "2 Mar 2026, 10:00 UTC by ag-42"],
      ["Solved", "2 Mar 2026, 11:00 UTC"],
      ["Human replies", "1"],
      ["Reopens", "0"],
      ["Customer", "cu-9"],
      ["Order", "O-552"],
    ]);
  });

  it("lists what a reviewer needs beside the scorecard", async () => {
    api();
    renderApp("/audits/review/T-1001?brand=jewelry", { key: MANAGER_KEY });
    const context = await screen.findByRole("complementary", { name: "Ticket context" });
    const subject = await within(context).findByText("Subject", { selector: "dt" });
    expect(pairs(subject.closest("dl") as HTMLElement)).toEqual([
      ["Subject", "Ring arrived scratched"],
      ["Agent", "ag-42"],
      ["Category / channel", "Return & refund · Contact form"],
      ["Status", "Solved"],
      ["Created", "2 Mar 2026, 09:00 UTC"],
    ]);
  });
});
