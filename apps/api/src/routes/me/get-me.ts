import { defineRoute } from "../../http/route.ts";

export const getMe = defineRoute({
  method: "get",
  path: "/v1/me",
  summary: "Who this key is: role, brands and agent",
  tags: ["access"],
  access: { kind: "key", roles: ["admin", "manager", "agent", "ingest"], brand: { from: "none" } },
  responses: { 200: { description: "{ keyId, role, brands, agentId }" } },
  handler(c) {
    const p = c.get("principal");
    return c.json({ keyId: p?.keyId, role: p?.role, brands: p?.brands ?? null, agentId: p?.agentId ?? null });
  },
});
