import { createHash } from "node:crypto";
import { auditPopulation, getSample, saveSample } from "@caliper/db";
import { BrandId, Instant } from "@caliper/domain";
import { drawAuditSample, stratumSizes } from "@caliper/metrics";
import { z } from "zod";
import { validationError } from "../../errors.ts";
import { parseJsonBody } from "../../http/input.ts";
import { defineRoute } from "../../http/route.ts";
import { requireBrand } from "../../middleware/authorize.ts";
import { sampleView } from "./sample-view.ts";

const Body = z.object({
  brand: BrandId,
  from: Instant,
  to: Instant,
  perAgent: z.number().int().min(1).max(500),
  seed: z.union([z.string().min(1).max(100), z.number().int()]),
  strategy: z.enum(["uniform", "risk"]).default("uniform"),
});

/** The same inputs name the same sample: asking again returns it. */
const sampleId = (b: z.infer<typeof Body>): string =>
  `smp_${createHash("sha256")
    .update(JSON.stringify([b.brand, b.from, b.to, b.perAgent, String(b.seed), b.strategy]))
    .digest("base64url")
    .slice(0, 16)}`;

export const createSample = defineRoute({
  method: "post",
  path: "/v1/audits/samples",
  summary: "Draw a reproducible stratified audit sample (per agent) of the period's unreviewed tickets",
  description:
    "strategy uniform: a simple random sample per agent. risk: probability proportional to 1 + risk (message-rule flags, a breached response clock, a rating of 1-2), with each ticket's inclusion probability recorded so compliance estimates stay unbiased. The same inputs return the same sample.",
  tags: ["audits"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "handler" } },
  request: { body: { schema: Body } },
  responses: {
    201: { description: "{ sample }" },
    200: { description: "{ sample } (drawn before with the same inputs)" },
  },
  async handler(c) {
    const s = c.get("services");
    const body = await parseJsonBody(c, Body);
    const principal = c.get("principal");
    if (principal) requireBrand(principal, body.brand);
    if (body.from >= body.to) throw validationError([{ path: "body.from", message: "must be before `to`" }]);
    const id = sampleId(body);
    const existing = await getSample(s.db, id);
    if (existing) return c.json({ sample: sampleView(existing) }, 200);
    const population = await auditPopulation(s.db, {
      brand: body.brand,
      from: body.from,
      to: body.to,
      asOf: s.now().toISOString(),
    });
    const drawn = drawAuditSample(population, { perAgent: body.perAgent, seed: body.seed, strategy: body.strategy });
    await saveSample(
      s.db,
      {
        id,
        brand: body.brand,
        from: body.from,
        to: body.to,
        perAgent: body.perAgent,
        seed: String(body.seed),
        strategy: body.strategy,
        strata: stratumSizes(population),
        createdBy: principal?.keyId ?? "unknown",
        createdAt: s.now().toISOString(),
      },
      drawn,
    );
    const saved = await getSample(s.db, id);
    return c.json({ sample: saved ? sampleView(saved) : null }, 201);
  },
});
