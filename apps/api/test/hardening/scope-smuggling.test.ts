import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "../../src/routes/index.ts";
import { createTestApi, type TestApi } from "../support.ts";

/**
 * A key scoped to one brand cannot read another by smuggling the brand parameter: repeated,
 * percent-encoded in its name, in another case, or hidden in a value. The access check and the
 * handler must read the same value. Generated from every route whose brand is in the query.
 *
 * Each route first shows it could tell: brand "other" holds data on every route (tickets, a
 * sample, a review, a dead letter), and reading it with an unscoped key answers something else
 * than the acme manager's own read. A smuggled request must then be refused, or answer exactly
 * what the manager's own read of acme answers.
 */

const SMUGGLED = [
  "brand=acme&brand=other",
  "brand=other&brand=acme",
  "%62rand=other&brand=acme",
  "brand=acme&%62rand=other",
  "b%72and=other",
  "brand%00=other&brand=acme",
  "brand[]=other&brand=acme",
  "BRAND=other&brand=acme",
  "brand=acme%26brand%3Dother",
  "brand=other%00",
  "brand=%6fther",
  "brand=other#brand=acme",
  "brand",
  "",
];

const ROUTES = API_ROUTES.filter(
  (r) => r.method === "get" && r.access.kind === "key" && r.access.brand.from === "query",
);

/** The rest of a valid query: the period, and what a route requires besides the brand. */
const PERIOD = "from=2025-03-01T00:00:00Z&to=2025-03-08T00:00:00Z";
const EXTRA: Record<string, string> = { "/v1/metrics/timeseries": "&metric=tickets" };

const created = (brand: string, ticketId: string, agentId: string) => [
  {
    id: `${ticketId}-c`,
    type: "ticket.created",
    brand,
    ticketId,
    at: "2025-03-03T10:00:00Z",
    data: { channel: "email", category: "order" },
  },
  { id: `${ticketId}-a`, type: "ticket.assigned", brand, ticketId, at: "2025-03-03T10:01:00Z", data: { agentId } },
];

describe.each(TEST_BACKENDS)("brand scope on %s", (backend) => {
  let api: TestApi;
  let manager: string;
  let otherSample: string;
  beforeAll(async () => {
    api = await createTestApi(backend, { now: () => new Date("2025-03-10T12:00:00Z") });
    const r = await api.call("POST", "/v1/events", {
      body: {
        events: [
          ...created("acme", "T1", "ag-1"),
          ...created("other", "T-OTHER-9", "ag-other-9"),
          ...created("other", "T-OTHER-8", "ag-other-9"),
        ],
      },
    });
    expect(r.status).toBe(200);
    // Brand other's audit sample, review and dead letter, so that every route has something of it to show.
    const sample = await api.call("POST", "/v1/audits/samples", {
      body: { brand: "other", from: "2025-03-01T00:00:00Z", to: "2025-03-08T00:00:00Z", perAgent: 2, seed: 1 },
    });
    expect(sample.status, sample.text).toBe(201);
    otherSample = sample.json.sample.id;
    const review = await api.call("POST", "/v1/audits/reviews", {
      body: { brand: "other", ticketId: "T-OTHER-9", sampleId: otherSample, ratings: { accuracy: 4 } },
    });
    expect(review.status, review.text).toBe(201);
    const dead = await api.call("POST", "/v1/connectors/chatwoot/other", {
      body: { event: "message_created", id: 5, conversation: {} },
    });
    expect(dead.status, dead.text).toBe(202);
    manager = await api.key("manager", ["acme"]);
  });
  afterAll(async () => {
    await api.close();
  });

  it("covers routes", () => {
    expect(ROUTES.length).toBeGreaterThan(5);
  });

  it.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))("%s", async (_name, route) => {
    const id = route.path.includes("/agents/") ? "ag-1" : route.path.includes("/samples/") ? otherSample : "T-OTHER-9";
    const path = route.path.replace("{id}", id);
    const read = (query: string, key?: string) =>
      api.call("GET", `${path}?${query}&${PERIOD}${EXTRA[route.path] ?? ""}`, key === undefined ? {} : { key });
    const own = await read("brand=acme", manager);
    expect(own.status, own.text.slice(0, 200)).toBeLessThan(500);
    // What a leak would show: brand other read with an unscoped key differs from acme's answer.
    const other = await read("brand=other");
    expect(other.status, other.text.slice(0, 200)).toBe(200);
    expect(other.text, "brand other's answer is the same as acme's: a leak would go unseen").not.toBe(own.text);
    for (const query of SMUGGLED) {
      const res = await read(query, manager);
      expect(res.status, `${query}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      if (res.status < 400) expect(res.text, `${query} answered something else than brand acme's read`).toBe(own.text);
    }
  });
});
