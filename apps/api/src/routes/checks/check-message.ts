import { BrandId, Category, freeText, LIMITS, ReturnReason } from "@caliper/domain";
import { checkMessage } from "@caliper/policy";
import { z } from "zod";
import { parseJsonBody } from "../../http/input.ts";
import { defineRoute } from "../../http/route.ts";
import { requireBrand } from "../../middleware/authorize.ts";

const Body = z.object({
  brand: BrandId,
  body: freeText(LIMITS.body),
  category: Category.optional(),
  returnReason: ReturnReason.optional().describe("when the order's return reason is known (e.g. defect)"),
});

export const checkMessageRoute = defineRoute({
  method: "post",
  path: "/v1/checks/message",
  summary: "Check a draft reply against the brand's message rules, before sending it",
  description:
    "Answers { flags: [{ rule, severity, evidence: { start, end, text }, policy, message }] }; a compliant message gets no flag.",
  tags: ["qa"],
  access: { kind: "key", roles: ["admin", "manager", "agent", "ingest"], brand: { from: "handler" } },
  request: { body: { schema: Body } },
  responses: { 200: { description: "{ flags }" } },
  async handler(c) {
    const body = await parseJsonBody(c, Body);
    const principal = c.get("principal");
    if (principal) requireBrand(principal, body.brand);
    const policy = c.get("services").policies.get(body.brand);
    const flags = checkMessage(policy, {
      body: body.body,
      ...(body.category ? { category: body.category } : {}),
      ...(body.returnReason ? { returnReason: body.returnReason } : {}),
      at: c.get("services").now(),
    });
    return c.json({ flags });
  },
});
