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
      const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
      const record = (msg: string, fields?: Record<string, unknown>) => {
        logged.push(fields ? { msg, fields } : { msg });
      };
      const logger = { debug: record, info: record, warn: record, error: record };
      const next = { ...api.services, policies, projection: { backend, policies }, logger };
      expect(await syncPolicies(next)).toEqual({ changed: ["shop"], rebuilt: true });
      expect(await day()).toBe("2025-03-02");
      // The server rebuilds before it listens: its log says how far the rebuild is.
      expect(logged.filter((l) => l.msg === "rebuilding projections").map((l) => l.fields)).toEqual([
        { phase: "tickets", done: 0, total: 1, percent: 0 },
        { phase: "tickets", done: 1, total: 1, percent: 100 },
        { phase: "orders", done: 0, total: 0, percent: 100 },
      ]);
      expect(await syncPolicies(next)).toEqual({ changed: [], rebuilt: false });
    } finally {
      await api.close();
    }
  });
});
