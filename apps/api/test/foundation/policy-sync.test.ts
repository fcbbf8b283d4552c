import { TEST_BACKENDS } from "@caliper/db/testing";
import { loadPolicySet, parsePolicyFile } from "@caliper/policy";
import { describe, expect, it } from "vitest";
import { syncPolicies } from "../../src/policy-sync.ts";
import { createTestApi } from "../support.ts";

describe.each(TEST_BACKENDS)("policy changes between starts on %s", (backend) => {
  it("rebuild the projections of brands whose policy changed", async () => {
    const api = await createTestApi(backend);
    try {
      await api.call("POST", "/v1/events", {
        body: {
          id: "e1",
          type: "ticket.created",
          brand: "shop",
          ticketId: "T1",
          at: "2025-03-03T02:00:00Z",
          actor: { type: "customer" },
          data: { channel: "email", category: "order" },
        },
      });
      expect(await syncPolicies(api.services)).toEqual({ changed: [], rebuilt: false });
      const day = async () =>
        (await api.services.db.db.selectFrom("tickets").select("created_day").executeTakeFirstOrThrow()).created_day;
      expect(await day()).toBe("2025-03-03");
      // Next start: the policy file puts the shop in New York, where 02:00 UTC is still March 2nd.
      const file = parsePolicyFile({ brands: { shop: { timezone: "America/New_York" } } });
      if (!file.ok) throw new Error("bad policy file");
      const policies = loadPolicySet(file.file);
      const next = { ...api.services, policies, projection: { backend, policies } };
      expect(await syncPolicies(next)).toEqual({ changed: ["shop"], rebuilt: true });
      expect(await day()).toBe("2025-03-02");
      expect(await syncPolicies(next)).toEqual({ changed: [], rebuilt: false });
    } finally {
      await api.close();
    }
  });
});
