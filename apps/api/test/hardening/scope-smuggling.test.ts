import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "../../src/routes/index.ts";
import { createTestApi, type TestApi } from "../support.ts";

/**
 * A key scoped to one brand cannot read another by smuggling the brand parameter: repeated,
 * percent-encoded in its name, in another case, or hidden in a value. The access check and the
 * handler must read the same value. Generated from every route whose brand is in the query.
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

describe.each(TEST_BACKENDS)("brand scope on %s", (backend) => {
  let api: TestApi;
  let manager: string;
  beforeAll(async () => {
    api = await createTestApi(backend, { now: () => new Date("2025-03-10T12:00:00Z") });
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
    const r = await api.call("POST", "/v1/events", {
      body: { events: [...created("acme", "T1", "ag-1"), ...created("other", "T-OTHER-9", "ag-other-9")] },
    });
    expect(r.status).toBe(200);
    manager = await api.key("manager", ["acme"]);
  });
  afterAll(async () => {
    await api.close();
  });

  it("covers routes", () => {
    expect(ROUTES.length).toBeGreaterThan(5);
  });

  it.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))("%s", async (_name, route) => {
    const path = route.path.replace("{id}", route.path.includes("/agents/") ? "ag-1" : "T-OTHER-9");
    for (const query of SMUGGLED) {
      const res = await api.call("GET", `${path}?${query}&from=2025-03-01T00:00:00Z&to=2025-03-08T00:00:00Z`, {
        key: manager,
      });
      expect(res.status, `${query}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      expect(res.text.toLowerCase(), `${query} leaked brand other`).not.toContain("ag-other-9");
      if (res.status === 200 && res.json && typeof res.json === "object" && "brand" in res.json)
        expect(res.json.brand, query).toBe("acme");
    }
  });
});
