import type { AppendResult } from "@caliper/db";
import type { CaliperEvent } from "@caliper/domain";
import { describe, expect, it } from "vitest";
import { GROUP_MAX_EVENTS, GroupCommit } from "../../src/ingest/group-commit.ts";

const ev = (id: string): CaliperEvent =>
  ({
    id,
    type: "message.customer",
    brand: "eyewear",
    ticketId: "T1",
    at: "2026-03-02T10:00:00.000Z",
    actor: { type: "customer", id: "c1" },
    data: {},
  }) as CaliperEvent;

/** A writer that records each transaction's event ids and fails any that holds "poison". */
function recordingWriter() {
  const calls: string[][] = [];
  const append = async (events: readonly CaliperEvent[]): Promise<AppendResult> => {
    calls.push(events.map((e) => e.id));
    await new Promise((r) => setTimeout(r, 1));
    if (events.some((e) => e.id === "poison")) throw new Error("constraint failed");
    return { accepted: events.length, duplicates: 0, stored: events.map(() => true) };
  };
  return { calls, append };
}

describe("GroupCommit with its writer passed in", () => {
  it("writes concurrent requests in one transaction and answers each with its own slice", async () => {
    const w = recordingWriter();
    const g = new GroupCommit(w.append);
    const answers = await Promise.all([g.submit([ev("a")]), g.submit([ev("b"), ev("c")]), g.submit([ev("d")])]);
    expect(w.calls).toEqual([["a", "b", "c", "d"]]);
    expect(answers.map((a) => a.accepted)).toEqual([1, 2, 1]);
    expect(answers[1]?.stored).toEqual([true, true]);
  });

  it("retries a failed group request by request, so only the failing request fails", async () => {
    const w = recordingWriter();
    const g = new GroupCommit(w.append);
    const settled = await Promise.allSettled([g.submit([ev("a")]), g.submit([ev("poison")]), g.submit([ev("b")])]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(w.calls).toEqual([["a", "poison", "b"], ["a"], ["poison"], ["b"]]);
  });

  it(`never puts more than ${GROUP_MAX_EVENTS} events of several requests in one transaction`, async () => {
    const w = recordingWriter();
    const g = new GroupCommit(w.append);
    const batch = (p: string) => Array.from({ length: 400 }, (_, i) => ev(`${p}${i}`));
    await Promise.all(["x", "y", "z", "w"].map((p) => g.submit(batch(p))));
    expect(w.calls.map((c) => c.length)).toEqual([800, 800]);
    expect(w.calls.flat()).toHaveLength(1600);
  });
});
