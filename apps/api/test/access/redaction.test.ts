import { TEST_BACKENDS } from "@caliper/db/testing";
import { loadPolicySet, parsePolicyFile } from "@caliper/policy";
import { describe, expect, it } from "vitest";
import { REDACTED, redactBody } from "../../src/privacy/redact.ts";
import { createTestApi } from "../support.ts";

describe("redactBody", () => {
  it("removes e-mail addresses, phone numbers and card numbers from realistic messages", () => {
    expect(redactBody("Hi, I'm jane.doe+shop@gmail.com, call me on +44 7700 900123 or (212) 555-0199.")).toBe(
      `Hi, I'm ${REDACTED.email}, call me on ${REDACTED.phone} or ${REDACTED.phone}.`,
    );
    expect(redactBody("My card is 4111 1111 1111 1111, exp 12/27")).toBe(`My card is ${REDACTED.card}, exp 12/27`);
    expect(redactBody("card 4111-1111-1111-1111 please")).toBe(`card ${REDACTED.card} please`);
  });

  it("keeps order numbers, dates, amounts and non-Luhn digit runs", () => {
    const text = "Order #552199 of 2025-03-02 for $129.99, tracking 1Z999AA10123456784, ref 1234567890123";
    expect(redactBody(text)).toBe(text);
    expect(redactBody("Refund in 5-10 working days, order O-552.")).toBe("Refund in 5-10 working days, order O-552.");
    expect(redactBody("Your frames are 52-18-140, the 49-20-145 fit runs smaller.")).toBe(
      "Your frames are 52-18-140, the 49-20-145 fit runs smaller.",
    );
    expect(redactBody("call 020 7946 0958 or 555-010-9999")).toBe(`call ${REDACTED.phone} or ${REDACTED.phone}`);
  });
});

describe.each(TEST_BACKENDS)("stored bodies on %s", (backend) => {
  const msg = (brand: string) => ({
    id: `m-${brand}`,
    type: "message.customer",
    brand,
    ticketId: "T1",
    at: "2025-03-03T10:00:00Z",
    actor: { type: "customer", id: "c" },
    data: { body: "reach me at kim@example.com" },
  });

  it("are redacted by default and kept only where the brand opts in", async () => {
    const file = parsePolicyFile({ brands: { keeper: { privacy: { keepOriginalBodies: true } } } });
    if (!file.ok) throw new Error("bad policy");
    const api = await createTestApi(backend, { policies: loadPolicySet(file.file) });
    try {
      await api.call("POST", "/v1/events", { body: { events: [msg("acme"), msg("keeper")] } });
      const rows = await api.services.db.db.selectFrom("events").select(["brand", "data"]).orderBy("brand").execute();
      expect(rows.map((r) => JSON.parse(r.data).body)).toEqual([
        `reach me at ${REDACTED.email}`,
        "reach me at kim@example.com",
      ]);
    } finally {
      await api.close();
    }
  });
});
