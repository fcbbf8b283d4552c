import { addDeadLetter, findConnector } from "@caliper/db";
import { BrandId, type Channel } from "@caliper/domain";
import { z } from "zod";
import { mapChatwootPayload, verifyChatwootSignature } from "../../connectors/chatwoot/index.ts";
import { connectorSecret } from "../../connectors/secret.ts";
import { ApiError } from "../../errors.ts";
import { parseParams } from "../../http/input.ts";
import { defineRoute } from "../../http/route.ts";
import { ingestEvents } from "../../ingest/ingest-events.ts";
import { requireBrand } from "../../middleware/authorize.ts";
import { ErrorResponse } from "../schemas.ts";

const Params = z.object({ brand: BrandId });

export const chatwootWebhook = defineRoute({
  method: "post",
  path: "/v1/connectors/chatwoot/{brand}",
  summary: "Chatwoot account webhook",
  description:
    "Takes Chatwoot's webhook payloads as sent. Authenticate with an ingest key, or with the brand's connector secret: X-Chatwoot-Signature = sha256=<hex HMAC-SHA256(secret, \"{X-Chatwoot-Timestamp}.{raw body}\")>, timestamps within 5 minutes. Repeats are duplicates. Payloads that cannot be mapped are kept as dead letters and answered 202.",
  tags: ["connectors"],
  access: { kind: "key-or-signature", roles: ["admin", "ingest"], brand: { from: "param", name: "brand" } },
  request: { params: Params, body: { schema: z.looseObject({ event: z.string() }) } },
  responses: {
    200: { description: "events stored: { accepted, duplicates }" },
    202: { description: "ignored, or kept as a dead letter" },
    400: { description: "not JSON", schema: ErrorResponse },
    401: { description: "no key and no valid signature", schema: ErrorResponse },
  },
  async handler(c) {
    const s = c.get("services");
    const { brand } = parseParams(c, Params);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const principal = c.get("principal");
    const connector = await findConnector(s.db, brand, "chatwoot");
    if (principal) requireBrand(principal, brand);
    else {
      if (!connector)
        throw new ApiError(
          "unauthorized",
          `no Chatwoot connector for '${brand}': send an ingest key, or run caliper connectors add chatwoot --brand ${brand}`,
        );
      const v = verifyChatwootSignature({
        secret: connectorSecret(s.config.secret, "chatwoot", brand, connector.secretId),
        timestamp: c.req.header("x-chatwoot-timestamp"),
        signature: c.req.header("x-chatwoot-signature"),
        rawBody: raw,
        now: s.now(),
      });
      if (!v.ok) throw new ApiError("unauthorized", `webhook signature refused: ${v.reason}`);
    }
    const text = new TextDecoder().decode(raw);
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_json", "webhook body is not valid JSON");
    }
    const inboxChannels = (connector?.config.inboxChannels ?? {}) as Record<string, Channel>;
    const result = mapChatwootPayload(payload, { brand, inboxChannels });
    if (result.kind === "events") {
      const r = await ingestEvents(s, result.events);
      return c.json({ accepted: r.accepted, duplicates: r.duplicates }, 200);
    }
    if (result.kind === "ignored") return c.json({ ignored: result.reason }, 202);
    await addDeadLetter(s.db, { brand, source: "chatwoot", reason: result.reason, payload: text });
    s.logger.warn("chatwoot payload kept as a dead letter", { brand, reason: result.reason });
    return c.json({ deadLetter: result.reason }, 202);
  },
});
