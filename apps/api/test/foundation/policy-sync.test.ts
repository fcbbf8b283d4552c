import { TEST_BACKENDS } from "@caliper/db/testing";
import { loadPolicySet, parsePolicyFile } from "@caliper/policy";
import { describe, expect, it } from "vitest";
import type { CaliperEvent } from "@caliper/domain";
import { emptyDemoStats } from "../../src/demo/index.ts";
import { importSink } from "../../src/ingest/import-sink.ts";
import { loadDemo } from "../../src/ingest/load-demo.ts";
import { PolicyMismatchError, saveFingerprints, syncPolicies } from "../../src/policy-sync.ts";
import type { Services } from "../../src/services.ts";
import { countEvents, createTestApi, type TestApi } from "../support.ts";

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

  /** `services` with a policy file that puts `brand` in New York (what `caliper serve --policies FILE` runs with). */
  const custom = (services: Services, brand = "shop"): Services => {
    const file = parsePolicyFile({ brands: { [brand]: { timezone: "America/New_York" } } });
    if (!file.ok) throw new Error("bad policy file");
    const policies = loadPolicySet(file.file);
    return { ...services, policies, projection: { backend, policies } };
  };
  const created = (brand: string, id: string): CaliperEvent =>
    ({
      id,
      type: "ticket.created",
      brand,
      ticketId: id,
      at: "2025-03-03T02:00:00Z",
      actor: { type: "customer" },
      data: { channel: "email", category: "order" },
    }) as CaliperEvent;

  it("an import with another policy than the recorded one refuses the brand before storing any of its events", async () => {
    const api = await createTestApi(backend);
    try {
      const served = custom(api.services);
      await postTicket(api, "shop");
      await syncPolicies(api.services);
      // The server restarted with the policy file: it rebuilt and recorded shop's New York policy.
      expect(await syncPolicies(served)).toEqual({ changed: ["shop"], rebuilt: true });
      const before = await countEvents(api);
      const sink = await importSink(api.services, { bulk: false, batchSize: 2 });
      // Another brand, whose policy is the same under both sets, goes in...
      await sink.add([created("other", "o1")]);
      // ...but shop, under the built-in policy, is refused, and what waited in the batch with it is not stored.
      const err = await sink.add([created("shop", "s2")]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PolicyMismatchError);
      expect((err as PolicyMismatchError).brands).toEqual(["shop"]);
      expect((err as Error).message).toContain("nothing of shop was stored");
      const advice = (err as PolicyMismatchError).problems.join("\n");
      expect(advice).toContain("--policies FILE (or CALIPER_POLICIES)");
      expect(advice).toContain("caliper rebuild --brand shop --policies FILE");
      expect(await countEvents(api)).toBe(before);
      // With the server's policies it goes in, projected as the server projects it.
      const same = await importSink(served, { bulk: false, batchSize: 2 });
      await same.add([created("shop", "s2"), created("other", "o1")]);
      await same.finish();
      expect(await countEvents(api)).toBe(before + 2);
      const days = await api.services.db.db
        .selectFrom("tickets")
        .select("created_day")
        .where("brand", "=", "shop")
        .execute();
      expect(days.map((d) => d.created_day)).toEqual(["2025-03-02", "2025-03-02"]);
      // Nothing mixed, so the next start has nothing to redo.
      expect(await syncPolicies(served)).toEqual({ changed: [], rebuilt: false });
    } finally {
      await api.close();
    }
  });

  it("a bulk import and a demo into a served store are refused the same way", async () => {
    const empty = await createTestApi(backend);
    const demo = await createTestApi(backend);
    try {
      // A server started on the empty store records its policies.
      await syncPolicies(custom(empty.services));
      const bulk = await importSink(empty.services, { bulk: true, batchSize: 5000 });
      await expect(bulk.add([created("shop", "s1")])).rejects.toBeInstanceOf(PolicyMismatchError);
      expect(await countEvents(empty)).toBe(0);
      // caliper demo into a store that holds events (one of the built-in stores' policies changed).
      await postTicket(demo, "eyewear");
      await syncPolicies(demo.services);
      await syncPolicies(custom(demo.services, "eyewear"));
      const options = { tickets: 20, days: 5, seed: 1, end: "2026-06-01T00:00:00.000Z" };
      await expect(loadDemo(demo.services, options, emptyDemoStats(), () => {})).rejects.toMatchObject({
        brands: ["eyewear"],
      });
      expect(await countEvents(demo)).toBe(1);
      // With the server's policies it loads.
      const r = await loadDemo(custom(demo.services, "eyewear"), options, emptyDemoStats(), () => {});
      expect(r.accepted).toBeGreaterThan(0);
    } finally {
      await empty.close();
      await demo.close();
    }
  });

  it("an import into a store nothing was recorded for records its policies, so a server with others rebuilds", async () => {
    const api = await createTestApi(backend);
    try {
      const sink = await importSink(api.services, { bulk: false, batchSize: 100 });
      await sink.add([created("shop", "s1")]);
      await sink.finish();
      expect(await syncPolicies(custom(api.services))).toEqual({ changed: ["shop"], rebuilt: true });
    } finally {
      await api.close();
    }
  });
});
