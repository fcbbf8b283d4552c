import { TEST_BACKENDS } from "@caliper/db/testing";
import type { Role } from "@caliper/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "../../src/routes/index.ts";
import type { RouteDef } from "../../src/http/route.ts";
import { createTestApi, type TestApi } from "../support.ts";

/**
 * Every route × every kind of caller, generated from the route table: a route added without
 * thinking about access shows up here. Expected: 401 without a valid key; 403 for a role the
 * route does not allow or a brand/agent outside the key's scope; anything else otherwise.
 */

type Caller = {
  name: string;
  role: Role | null;
  brand: "acme" | "other" | null;
  agent?: string;
  key?: "none" | "unknown" | "revoked";
};

const CALLERS: Caller[] = [
  { name: "no key", role: null, brand: null, key: "none" },
  { name: "unknown key", role: null, brand: null, key: "unknown" },
  { name: "revoked key", role: null, brand: null, key: "revoked" },
  { name: "admin", role: "admin", brand: null },
  { name: "manager of acme", role: "manager", brand: "acme" },
  { name: "manager of other", role: "manager", brand: "other" },
  { name: "agent ag-1 of acme", role: "agent", brand: "acme", agent: "ag-1" },
  { name: "agent ag-2 of acme", role: "agent", brand: "acme", agent: "ag-2" },
  { name: "ingest of acme", role: "ingest", brand: "acme" },
  { name: "ingest of other", role: "ingest", brand: "other" },
];

/** A request exercising the route for brand acme, ticket T1 and agent ag-1. */
function requestFor(r: RouteDef): { path: string; body?: unknown } {
  const path = r.path.replace("{brand}", "acme").replace("{id}", r.path.startsWith("/v1/agents") ? "ag-1" : "T1");
  const q = r.access.kind !== "public" && r.access.brand.from === "query" ? "?brand=acme" : "";
  if (r.path === "/v1/events")
    return {
      path,
      body: {
        id: "mx-1",
        type: "message.customer",
        brand: "acme",
        ticketId: "T1",
        at: "2025-03-03T12:00:00Z",
        actor: { type: "customer", id: "c1" },
      },
    };
  if (r.path.startsWith("/v1/connectors/chatwoot")) return { path, body: { event: "contact_created", id: 1 } };
  const bodies: Record<string, unknown> = {
    "POST /v1/checks/message": { brand: "acme", body: "Refunds take 5-10 working days." },
    "POST /v1/audits/samples": {
      brand: "acme",
      from: "2025-03-01T00:00:00Z",
      to: "2025-03-08T00:00:00Z",
      perAgent: 2,
      seed: 1,
    },
    "POST /v1/audits/reviews": { brand: "acme", ticketId: "T1", ratings: { accuracy: 4 } },
  };
  const bodyKey = `${r.method.toUpperCase()} ${r.path}`;
  if (bodyKey in bodies) return { path: path + q, body: bodies[bodyKey] };
  return { path: path + q, ...(r.method === "post" ? { body: {} } : {}) };
}

function expected(r: RouteDef, c: Caller): "401" | "403" | "allowed" {
  if (r.access.kind === "public") return "allowed";
  // Without a key these routes check a webhook signature; the matrix sends none.
  if (c.role === null) return "401";
  if (!r.access.roles.includes(c.role)) return "403";
  if (c.brand !== null && r.access.brand.from !== "none" && c.brand !== "acme") return "403";
  // Ticket T1 and the agent id in paths belong to ag-1; "filter" routes answer other agents with only their own rows.
  const agentRule = r.access.kind === "key" ? r.access.agent : undefined;
  if (c.role === "agent" && agentRule && agentRule.from !== "filter" && c.agent !== "ag-1") return "403";
  return "allowed";
}

describe.each(TEST_BACKENDS)("authorisation matrix on %s", (backend) => {
  let api: TestApi;
  const keys = new Map<string, string>();
  beforeAll(async () => {
    api = await createTestApi(backend);
    await api.call("POST", "/v1/events", {
      body: {
        events: [
          {
            id: "e1",
            type: "ticket.created",
            brand: "acme",
            ticketId: "T1",
            at: "2025-03-03T10:00:00Z",
            actor: { type: "customer", id: "c1" },
            data: { channel: "email", category: "order" },
          },
          {
            id: "e2",
            type: "ticket.assigned",
            brand: "acme",
            ticketId: "T1",
            at: "2025-03-03T10:01:00Z",
            data: { agentId: "ag-1" },
          },
        ],
      },
    });
    for (const c of CALLERS) {
      if (c.key === "none") continue;
      if (c.key === "unknown") keys.set(c.name, "cal_unknownkeyunknownkeyunknownkeyunknownkey0");
      else if (c.key === "revoked") {
        const key = await api.key("admin", null);
        const id = key.slice(0, 12);
        const { revokeApiKey } = await import("@caliper/db");
        await revokeApiKey(api.services.db, id);
        keys.set(c.name, key);
      } else keys.set(c.name, await api.key(c.role as Role, c.brand ? [c.brand] : null, c.agent ?? null));
    }
  });
  afterAll(async () => {
    await api.close();
  });

  const cases = API_ROUTES.flatMap((r) =>
    CALLERS.map((c) => [`${r.method.toUpperCase()} ${r.path}`, c.name, r, c] as const),
  );
  it.each(cases)("%s as %s", async (_route, _caller, r, c) => {
    const { path, body } = requestFor(r);
    const key = c.key === "none" ? null : (keys.get(c.name) as string);
    const res = await api.call(r.method.toUpperCase(), path, { key, ...(body !== undefined ? { body } : {}) });
    const want = expected(r, c);
    if (want === "allowed") expect([401, 403], `${res.status} ${res.text.slice(0, 200)}`).not.toContain(res.status);
    else expect(res.status, res.text.slice(0, 200)).toBe(Number(want));
    expect(res.status).toBeLessThan(500);
  });

  it("covers every route", () => {
    expect(new Set(cases.map((c) => c[0])).size).toBe(API_ROUTES.length);
  });
});
