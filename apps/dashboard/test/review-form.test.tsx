import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { brands, MANAGER_KEY, managerMe, policy, review, ticketDetail } from "./fixtures.ts";
import { apiError, mockApi } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

const PATH = "/audits/review/T-1001?brand=jewelry&sample=smp-1";

function api(post?: () => unknown) {
  return mockApi({
    "GET /v1/me": () => managerMe,
    "GET /v1/brands": () => brands,
    "GET /v1/policies/jewelry": () => policy,
    "GET /v1/tickets/T-1001": () => ticketDetail,
    "POST /v1/audits/reviews": ({ body }) =>
      post
        ? post()
        : {
            review: {
              ...review,
              id: "rev-9",
              ...(body as object),
              score: 90,
              pass: true,
              criticalFail: false,
            },
          },
  });
}

const group = (name: RegExp) => screen.getByRole("group", { name });

describe("audit review form", () => {
  it("lists the brand's scorecard categories and marks the critical ones", async () => {
    api();
    renderApp(PATH, { key: MANAGER_KEY });
    const privacy = await screen.findByRole("group", { name: /^Privacy/ });
    expect(within(privacy).getByText("Critical")).toBeInTheDocument();
    expect(within(privacy).getByText(/a rating below 2 makes the whole review score 0/)).toBeInTheDocument();
    expect(within(group(/^Accuracy & policy adherence/)).queryByText("Critical")).not.toBeInTheDocument();
    // 0..4 and N/A for every category.
    expect(
      within(privacy)
        .getAllByRole("radio")
        .map((r) => r.getAttribute("value")),
    ).toEqual(["0", "1", "2", "3", "4", "N/A"]);
    // The ticket beside the form, with its flags.
    expect(await screen.findByRole("article", { name: "Tone flag" })).toBeInTheDocument();
  });

  it("requires a rating (0..4 or N/A) for every category, and at least one real rating", async () => {
    const mock = api();
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    await screen.findByRole("group", { name: /^Privacy/ });

    await user.click(screen.getByRole("button", { name: "Submit review" }));
    expect(screen.getByRole("alert")).toHaveTextContent("3 categories need a rating before you can submit.");
    expect(group(/^Privacy/)).toHaveAttribute("aria-invalid", "true");
    expect(within(group(/^Privacy/)).getByText("Choose a rating from 0 to 4, or N/A.")).toBeInTheDocument();

    await user.click(within(group(/^Accuracy/)).getByRole("radio", { name: "N/A" }));
    await user.click(within(group(/^Tone/)).getByRole("radio", { name: "N/A" }));
    expect(screen.getByRole("alert")).toHaveTextContent("1 category needs a rating");
    await user.click(within(group(/^Privacy/)).getByRole("radio", { name: "N/A" }));
    await user.click(screen.getByRole("button", { name: "Submit review" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Rate at least one category");

    expect(mock.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("previews the score (critical fail included) and submits the ratings, comments and sample", async () => {
    const mock = api();
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    await screen.findByRole("group", { name: /^Privacy/ });

    await user.click(within(group(/^Accuracy/)).getByRole("radio", { name: "4" }));
    await user.click(within(group(/^Tone/)).getByRole("radio", { name: "3" }));
    await user.click(within(group(/^Privacy/)).getByRole("radio", { name: "1" }));
    expect(screen.getByText("0.0 / 100 — critical fail")).toBeInTheDocument();
    await user.click(within(group(/^Privacy/)).getByRole("radio", { name: "N/A" }));
    expect(screen.getByText("90.0 / 100 — pass")).toBeInTheDocument();

    // The pass mark on the same 0..100 scale as the score.
    expect(screen.getByText("(pass at 80 / 100)", { exact: false })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Comment on Tone & empathy (optional)"), "  Warm and clear ");
    await user.type(screen.getByLabelText("Overall comment (optional)"), "Good work");
    await user.click(screen.getByRole("button", { name: "Submit review" }));

    expect(await screen.findByText("Review saved: score 90.0 / 100 (Pass).")).toBeInTheDocument();
    const post = mock.calls.find((c) => c.method === "POST" && c.url.pathname === "/v1/audits/reviews");
    expect(post?.body).toEqual({
      brand: "jewelry",
      ticketId: "T-1001",
      sampleId: "smp-1",
      ratings: { accuracy: 4, tone: 3, privacy: null },
      comments: { tone: "Warm and clear" },
      comment: "Good work",
    });
    expect(screen.getByRole("link", { name: "Back to the review queue" })).toHaveAttribute(
      "href",
      "/audits?brand=jewelry&sample=smp-1",
    );
  });

  it("keeps the form and shows why when the API refuses the review", async () => {
    api(() => apiError(409, "conflict", "you already reviewed this ticket"));
    const { user } = renderApp(PATH, { key: MANAGER_KEY });
    await screen.findByRole("group", { name: /^Privacy/ });
    for (const name of [/^Accuracy/, /^Tone/, /^Privacy/]) {
      await user.click(within(group(name)).getByRole("radio", { name: "4" }));
    }
    await user.click(screen.getByRole("button", { name: "Submit review" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The review was not saved");
    expect(alert).toHaveTextContent("you already reviewed this ticket");
    expect(screen.getByRole("button", { name: "Submit review" })).toBeEnabled();
  });
});
