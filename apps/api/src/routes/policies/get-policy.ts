import { BrandId } from "@caliper/domain";
import { policyToFile } from "@caliper/policy";
import { z } from "zod";
import { parseParams } from "../../http/input.ts";
import { defineRoute } from "../../http/route.ts";

const Params = z.object({ brand: BrandId });

export const getPolicy = defineRoute({
  method: "get",
  path: "/v1/policies/{brand}",
  summary: "A brand's effective policy, in the policy-file format",
  description:
    "Fields the policy file leaves out come from the default policy. `sources` cites the store's text for each value.",
  tags: ["policies"],
  access: { kind: "key", roles: ["admin", "manager", "agent", "ingest"], brand: { from: "param", name: "brand" } },
  request: { params: Params },
  responses: { 200: { description: "{ brand, known, policy, sources }" } },
  handler(c) {
    const { brand } = parseParams(c, Params);
    const policies = c.get("services").policies;
    const p = policies.get(brand);
    return c.json({ brand, known: policies.isKnown(brand), policy: policyToFile(p), sources: p.sources });
  },
});
