import { loadPolicySet } from "@caliper/policy";
import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../src/event-rows.ts";
import { computeSubjects } from "../src/projections/compute-subjects.ts";
import { defaultRebuildWorkers, projectionComputer } from "../src/rebuild-workers.ts";

const ctx = { backend: "sqlite" as const, policies: loadPolicySet() };
const row = (id: string, ticket: string, type: string, data: object, at: string): StoredEvent => ({
  brand: "acme",
  id,
  type,
  ticket_id: ticket,
  order_id: null,
  at,
  actor_type: type === "message.agent" ? "agent" : "customer",
  actor_id: type === "message.agent" ? "a1" : "c1",
  data: JSON.stringify(data),
});
const ticket = (t: string): StoredEvent[] => [
  row(`${t}-1`, t, "ticket.created", { channel: "email", category: "order" }, "2025-03-03T10:00:00.000Z"),
  row(`${t}-2`, t, "message.agent", { body: "Refunds take 2 days, call me on my mobile." }, "2025-03-03T11:00:00.000Z"),
];

describe("projection workers", () => {
  it("compute the same page as the calling thread, in page order", async () => {
    const page = ["T1", "T2", "T3", "T4", "T5"].map(ticket);
    const workers = projectionComputer(ctx, 2);
    try {
      expect(await workers.compute("ticket", page)).toEqual(computeSubjects(ctx, "ticket", page));
    } finally {
      await workers.close();
    }
  });

  it("report a subject that cannot be projected as a failed page, not a hang", async () => {
    const workers = projectionComputer(ctx, 1);
    try {
      const broken = [{ ...row("x", "T9", "ticket.created", {}, "2025-03-03T10:00:00.000Z"), data: "{not json" }];
      await expect(workers.compute("ticket", [broken])).rejects.toThrow(/rebuild worker failed/);
      // The workers stay usable after one failed page.
      expect((await workers.compute("ticket", [ticket("T1")])).results).toHaveLength(1);
    } finally {
      await workers.close();
    }
  });
});

describe("defaultRebuildWorkers", () => {
  it("starts none on one core, two on two or three, else one per core but the calling thread's, at most seven", () => {
    expect([1, 2, 3, 4, 8, 16].map((c) => defaultRebuildWorkers(c))).toEqual([0, 2, 2, 3, 7, 7]);
  });
});
