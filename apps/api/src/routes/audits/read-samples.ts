import { getSample, listSamples } from "@caliper/db";
import { BrandId } from "@caliper/domain";
import { z } from "zod";
import { ApiError } from "../../errors.ts";
import { parseParams, parseQuery } from "../../http/input.ts";
import { brandFor } from "../../http/metric-query.ts";
import { defineRoute } from "../../http/route.ts";
import { sampleSummary, sampleView } from "./sample-view.ts";

const Query = z.object({ brand: BrandId.optional() });

export const listSamplesRoute = defineRoute({
  method: "get",
  path: "/v1/audits/samples",
  summary: "A brand's audit samples, newest first",
  tags: ["audits"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { query: Query },
  responses: { 200: { description: "{ samples }" } },
  async handler(c) {
    const brand = brandFor(c, parseQuery(c, Query).brand);
    return c.json({ samples: (await listSamples(c.get("services").db, brand)).map(sampleSummary) });
  },
});

const Params = z.object({ id: z.string().min(1).max(100) });

export const getSampleRoute = defineRoute({
  method: "get",
  path: "/v1/audits/samples/{id}",
  summary: "An audit sample with its tickets, inclusion probabilities and which are reviewed",
  tags: ["audits"],
  access: { kind: "key", roles: ["admin", "manager"], brand: { from: "query", name: "brand" } },
  request: { params: Params, query: Query },
  responses: { 200: { description: "{ sample }" }, 404: { description: "no such sample for the brand" } },
  async handler(c) {
    const { id } = parseParams(c, Params);
    const brand = brandFor(c, parseQuery(c, Query).brand);
    const found = await getSample(c.get("services").db, id);
    if (!found || found.sample.brand !== brand)
      throw new ApiError("not_found", `no sample '${id}' for brand '${brand}'`);
    return c.json({ sample: sampleView(found) });
  },
});
