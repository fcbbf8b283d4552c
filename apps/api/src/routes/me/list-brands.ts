import { defineRoute } from "../../http/route.ts";

export const listBrands = defineRoute({
  method: "get",
  path: "/v1/brands",
  summary: "Brands this key may read: built-in and policy-file brands, plus any brand it is scoped to",
  tags: ["access"],
  access: { kind: "key", roles: ["admin", "manager", "agent", "ingest"], brand: { from: "none" } },
  responses: { 200: { description: "{ brands: [{ brand, name, timezone }] }" } },
  handler(c) {
    const { policies } = c.get("services");
    const scope = c.get("principal")?.brands ?? null;
    const ids = scope ?? policies.brands();
    const brands = [...new Set(ids)].sort().map((brand) => {
      const p = policies.get(brand);
      return { brand, name: p.brand === brand ? p.name : brand, timezone: p.timezone };
    });
    return c.json({ brands });
  },
});
