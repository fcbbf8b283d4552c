import { TEST_BACKENDS } from "@caliper/db/testing";
import { loadPolicySet, parsePolicyFile } from "@caliper/policy";
import { describe, expect, it } from "vitest";
import { saveFingerprints, syncPolicies } from "../../src/policy-sync.ts";
import { createTestApi, type TestApi } from "../support.ts";

/** One ticket of `brand`, created at 02:00 UTC on 3 March (still 2 March in New York). */
const postTicket = (api: TestApi, brand: string) =>
  api.call("POST", "/v1/events", {
    body: {
      id: "e1",
      type: "ticket.created",
      brand,
      ticketId: "T1",
      at: "2025-03-03T02:00:00Z",
      actor: { type: "customer" },
      data: { channel: "email", category: "order" },
    },
  });

describe.each(TEST_BACKENDS)("policy changes between starts on %s", (backend) => {
  it("rebuild the projections of brands whose policy changed, and only theirs", async () => {
    const api = await createTestApi(backend);
    try {
      for (const brand of ["shop", "other"]) await postTicket(api, brand);
      expect(await syncPolicies(api.services)).toEqual({ changed: [], rebuilt: false });
      const day = async (brand = "shop") =>
        (
          await api.services.db.db
            .selectFrom("tickets")
            .select("created_day")
            .where("brand", "=", brand)
            .executeTakeFirstOrThrow()
        ).created_day;
      const otherRows = async () =>
        await api.services.db.db.selectFrom("tickets").selectAll().where("brand", "=", "other").execute();
      const other = await otherRows();
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
      expect(await otherRows()).toEqual(other);
      expect(logged[0]).toEqual({
        msg: "brand policies changed: rebuilding their projections from the event log",
        fields: { brands: ["shop"] },
      });
      // The server rebuilds before it listens: its log says how far the rebuild is (shop's one ticket).
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

  it("record only the rebuilt brands' policies after a rebuild of some brands", async () => {
    const api = await createTestApi(backend);
    try {
      for (const brand of ["shop", "other"]) await postTicket(api, brand);
      expect(await syncPolicies(api.services)).toEqual({ changed: [], rebuilt: false });
      // Both brands' policies change; `caliper rebuild --brand shop` applies shop's alone.
      const file = parsePolicyFile({
        brands: { shop: { timezone: "America/New_York" }, other: { timezone: "Asia/Tokyo" } },
      });
      if (!file.ok) throw new Error("bad policy file");
      const policies = loadPolicySet(file.file);
      const next = { ...api.services, policies, projection: { backend, policies } };
      await saveFingerprints(next, ["shop"]);
      // The next start still sees other's change (recording every brand would have hidden it).
      process.env.CALIPER_AUTO_REBUILD = "0";
      try {
        expect(await syncPolicies({ ...next, logger: { ...next.logger, warn: () => {} } })).toEqual({
          changed: ["other"],
          rebuilt: false,
        });
      } finally {
        delete process.env.CALIPER_AUTO_REBUILD;
      }
    } finally {
      await api.close();
    }
  });

  it("rebuild a brand first seen while the server ran once the policies name it, and no other", async () => {
    const api = await createTestApi(backend);
    const post = (brand: string) => postTicket(api, brand);
    try {
      await post("shop");
      expect(await syncPolicies(api.services)).toEqual({ changed: [], rebuilt: false });
      // While the server runs, two stores send their first events: one the policies do not name
      // (projected with the default policy), and a built-in one.
      await post("newshop");
      await post("jewelry");
      // Next start, same policies: nothing to redo.
      expect(await syncPolicies(api.services)).toEqual({ changed: [], rebuilt: false });
      // Then another store first seen, and a start where the policy file names it.
      await post("later");
      const file = parsePolicyFile({ brands: { later: { timezone: "America/New_York" } } });
      if (!file.ok) throw new Error("bad policy file");
      const policies = loadPolicySet(file.file);
      const next = { ...api.services, policies, projection: { backend, policies } };
      expect(await syncPolicies(next)).toEqual({ changed: ["later"], rebuilt: true });
      const day = await api.services.db.db
        .selectFrom("tickets")
        .select("created_day")
        .where("brand", "=", "later")
        .executeTakeFirstOrThrow();
      expect(day.created_day).toBe("2025-03-02");
      expect(await syncPolicies(next)).toEqual({ changed: [], rebuilt: false });
    } finally {
      await api.close();
    }
  });
});
