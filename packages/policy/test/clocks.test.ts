import type { CaliperEvent } from "@caliper/domain";
import { describe, expect, it } from "vitest";
import { createCalendar } from "../src/calendar.ts";
import { createClockInstance } from "../src/clock-instance.ts";
import type { ClockInstance } from "../src/clock-types.ts";
import { clockState, orderClocks, ticketClocks } from "../src/clocks.ts";
import type { BrandPolicy, ClockName } from "../src/types.ts";
import {
  agentReply,
  created,
  customerMessage,
  internalNote,
  orderDelivered,
  orderPlaced,
  orderShipped,
  refundIssued,
  returnReceived,
} from "./helpers/events.ts";
import { clockPolicy, testPolicy, withClocks } from "./helpers/policies.ts";

// The default test policy: UTC, Mon–Fri 09:00–18:00, response 24h/48h calendar, dispatch
// 1/3wd, delivery 6/12wd, refund 5/10wd. 2026-03-02 is a Monday.
const policy = testPolicy();
const cal = createCalendar(policy);

const only = (instances: ClockInstance[], clock: ClockName): ClockInstance[] =>
  instances.filter((i) => i.clock === clock);
const first = (instances: ClockInstance[], clock: ClockName): ClockInstance => {
  const found = only(instances, clock)[0];
  if (!found) throw new Error(`no ${clock} clock`);
  return found;
};
const ticket = (events: CaliperEvent[], p: BrandPolicy = policy) => ticketClocks(events, p, createCalendar(p));
const order = (events: CaliperEvent[], p: BrandPolicy = policy) => orderClocks(events, p, createCalendar(p));

describe("first_response", () => {
  const start = "2026-03-02T10:00:00.000Z";
  const frWithReplyAt = (at: string) => first(ticket([created(start), agentReply(at)]), "first_response");

  it("starts at ticket.created and stops at the first human reply", () => {
    const fr = frWithReplyAt("2026-03-02T12:30:00Z");
    expect(fr).toEqual({
      clock: "first_response",
      brand: "acme",
      ticketId: "T-1",
      orderId: null,
      seq: 0,
      startedAt: start,
      stoppedAt: "2026-03-02T12:30:00.000Z",
      measure: "calendar",
      target: "24h",
      limit: "48h",
      targetDeadline: "2026-03-03T10:00:00.000Z",
      limitDeadline: "2026-03-04T10:00:00.000Z",
      factor: 1,
    });
    expect(clockState(fr, "2026-03-10T00:00:00Z", cal)).toEqual({
      status: "met",
      atRisk: false,
      elapsedSeconds: 9000,
      elapsedWorkingDays: null,
    });
  });

  it("status boundaries: exactly at target met, 1 ms over late, exactly at limit late, 1 ms over breached", () => {
    const status = (at: string) => clockState(frWithReplyAt(at), "2026-03-10T00:00:00Z", cal).status;
    expect(status("2026-03-03T10:00:00.000Z")).toBe("met");
    expect(status("2026-03-03T10:00:00.001Z")).toBe("late");
    expect(status("2026-03-04T10:00:00.000Z")).toBe("late");
    expect(status("2026-03-04T10:00:00.001Z")).toBe("breached");
  });

  it("while running: running, at risk past the target, breached past the limit", () => {
    const fr = first(ticket([created(start)]), "first_response");
    expect(fr.stoppedAt).toBeNull();
    expect(clockState(fr, "2026-03-02T12:00:00Z", cal)).toEqual({
      status: "running",
      atRisk: false,
      elapsedSeconds: 7200,
      elapsedWorkingDays: null,
    });
    expect(clockState(fr, "2026-03-03T10:00:00.000Z", cal)).toMatchObject({ status: "running", atRisk: false });
    expect(clockState(fr, "2026-03-03T10:00:00.001Z", cal)).toMatchObject({ status: "running", atRisk: true });
    expect(clockState(fr, "2026-03-04T10:00:00.000Z", cal)).toMatchObject({ status: "running", atRisk: true });
    expect(clockState(fr, "2026-03-04T10:00:00.001Z", cal)).toMatchObject({
      status: "breached",
      atRisk: false,
      elapsedSeconds: 172800.001,
    });
  });

  it("a reply after asOf does not count yet", () => {
    const fr = frWithReplyAt("2026-03-02T15:00:00Z");
    expect(clockState(fr, "2026-03-02T14:00:00Z", cal)).toMatchObject({ status: "running", elapsedSeconds: 4 * 3600 });
    expect(clockState(fr, "2026-03-02T15:00:00Z", cal)).toMatchObject({ status: "met", elapsedSeconds: 5 * 3600 });
  });

  it("automated replies and internal notes never stop it", () => {
    const fr = first(
      ticket([
        created(start),
        agentReply("2026-03-02T10:01:00Z", { actor: { type: "bot", id: "autoresponder" } }),
        agentReply("2026-03-02T10:02:00Z", { actor: { type: "system" } }),
        agentReply("2026-03-02T10:03:00Z", { automated: true }),
        internalNote("2026-03-02T10:04:00Z"),
        agentReply("2026-03-03T11:00:00Z", { automated: false }),
      ]),
      "first_response",
    );
    expect(fr.stoppedAt).toBe("2026-03-03T11:00:00.000Z");
    expect(clockState(fr, "2026-03-10T00:00:00Z", cal).status).toBe("late");
  });

  it("is not started for a ticket an agent created (outbound)", () => {
    const instances = ticket([created(start, { actor: { type: "agent", id: "ag-1" } }), agentReply(start)]);
    expect(only(instances, "first_response")).toEqual([]);
  });

  it("uses the first ticket.created and ignores replies before it", () => {
    const fr = first(
      ticket([
        agentReply("2026-03-02T09:00:00Z"),
        created(start),
        created("2026-03-02T11:00:00Z"),
        agentReply("2026-03-02T12:00:00Z"),
      ]),
      "first_response",
    );
    expect(fr.startedAt).toBe(start);
    expect(fr.stoppedAt).toBe("2026-03-02T12:00:00.000Z");
  });

  it("does not depend on the order events are given in", () => {
    const events = [
      created(start),
      agentReply("2026-03-02T10:01:00Z", { automated: true }),
      agentReply("2026-03-02T11:00:00Z"),
    ];
    expect(ticket([...events].reverse())).toEqual(ticket(events));
  });

  it("keeps tickets apart", () => {
    const instances = ticket([
      created(start, { ticketId: "A" }),
      created(start, { ticketId: "B" }),
      agentReply("2026-03-02T11:00:00Z", { ticketId: "B" }),
    ]);
    expect(only(instances, "first_response").map((i) => [i.ticketId, i.stoppedAt])).toEqual([
      ["A", null],
      ["B", "2026-03-02T11:00:00.000Z"],
    ]);
  });

  it("business measure counts working hours and its deadline stretches over closed hours", () => {
    const p = withClocks(policy, { first_response: clockPolicy("2h", "4h", "business") });
    // Friday 16:00: the 2h target is used up at Friday 18:00 closing, so the deadline is Monday 09:00.
    const fr = first(
      ticket([created("2026-03-06T16:00:00Z"), agentReply("2026-03-09T09:30:00Z")], p),
      "first_response",
    );
    expect(fr.measure).toBe("business");
    expect(fr.targetDeadline).toBe("2026-03-09T09:00:00.000Z");
    expect(fr.limitDeadline).toBe("2026-03-09T11:00:00.000Z");
    expect(clockState(fr, "2026-03-10T00:00:00Z", cal)).toEqual({
      status: "late",
      atRisk: false,
      elapsedSeconds: 2.5 * 3600,
      elapsedWorkingDays: null,
    });
    const onTime = first(
      ticket([created("2026-03-06T16:00:00Z"), agentReply("2026-03-09T09:00:00Z")], p),
      "first_response",
    );
    expect(clockState(onTime, "2026-03-10T00:00:00Z", cal).status).toBe("met");
  });
});

describe("next_response", () => {
  const events = [
    created("2026-03-02T09:00:00Z"),
    customerMessage("2026-03-02T09:30:00Z"), // before any reply: first_response is still running
    agentReply("2026-03-02T10:00:00Z"),
    customerMessage("2026-03-02T11:00:00Z"), // starts next_response #0
    customerMessage("2026-03-02T11:30:00Z"), // #0 already running
    agentReply("2026-03-02T12:00:00Z", { actor: { type: "bot", id: "bot" } }),
    internalNote("2026-03-02T12:30:00Z"),
    agentReply("2026-03-02T13:00:00Z"), // stops #0
    agentReply("2026-03-02T13:05:00Z"),
    customerMessage("2026-03-03T09:00:00Z"), // starts #1, still running
  ];

  it("starts at a customer message after a human reply and stops at the next human reply; repeats", () => {
    const nr = only(ticket(events), "next_response");
    expect(nr.map((i) => [i.seq, i.startedAt, i.stoppedAt])).toEqual([
      [0, "2026-03-02T11:00:00.000Z", "2026-03-02T13:00:00.000Z"],
      [1, "2026-03-03T09:00:00.000Z", null],
    ]);
    expect(clockState(nr[0] as ClockInstance, "2026-03-03T10:00:00Z", cal)).toMatchObject({
      status: "met",
      elapsedSeconds: 2 * 3600,
    });
    expect(clockState(nr[1] as ClockInstance, "2026-03-04T09:00:00.001Z", cal)).toMatchObject({
      status: "running",
      atRisk: true,
    });
    expect(clockState(nr[1] as ClockInstance, "2026-03-05T09:00:00.001Z", cal)).toMatchObject({ status: "breached" });
  });

  it("the first response is its own clock", () => {
    const fr = first(ticket(events), "first_response");
    expect(fr.stoppedAt).toBe("2026-03-02T10:00:00.000Z");
  });

  it("is not started before a human reply, nor by automated replies", () => {
    const nr = only(
      ticket([
        created("2026-03-02T09:00:00Z"),
        agentReply("2026-03-02T09:01:00Z", { automated: true }),
        customerMessage("2026-03-02T09:30:00Z"),
      ]),
      "next_response",
    );
    expect(nr).toEqual([]);
  });

  it("also runs on outbound tickets once the agent has written", () => {
    const nr = only(
      ticket([
        created("2026-03-02T09:00:00Z", { actor: { type: "agent", id: "ag-1" } }),
        agentReply("2026-03-02T09:00:00Z"),
        customerMessage("2026-03-02T10:00:00Z"),
      ]),
      "next_response",
    );
    expect(nr.map((i) => i.startedAt)).toEqual(["2026-03-02T10:00:00.000Z"]);
  });
});

describe("order clocks (working days)", () => {
  const placed = "2026-03-02T10:00:00Z"; // Monday
  const dispatchShippedAt = (at: string) => first(order([orderPlaced(placed), orderShipped(at)]), "dispatch");

  it("dispatch deadlines are one ms before the (n+1)-th working day after the start date", () => {
    const d = dispatchShippedAt("2026-03-03T23:00:00Z");
    expect(d).toMatchObject({
      clock: "dispatch",
      orderId: "O-1",
      ticketId: null,
      measure: "working_days",
      target: "1wd",
      limit: "3wd",
      targetDeadline: "2026-03-03T23:59:59.999Z",
      limitDeadline: "2026-03-05T23:59:59.999Z",
    });
    expect(clockState(d, "2026-03-10T00:00:00Z", cal)).toEqual({
      status: "met",
      atRisk: false,
      elapsedSeconds: null,
      elapsedWorkingDays: 1,
    });
  });

  it("status follows elapsed working days: 1 met, 2 and 3 late, 4 breached", () => {
    const state = (at: string) => clockState(dispatchShippedAt(at), "2026-03-31T00:00:00Z", cal);
    expect(state("2026-03-02T23:59:59Z")).toMatchObject({ status: "met", elapsedWorkingDays: 0 });
    expect(state("2026-03-03T23:59:59.999Z")).toMatchObject({ status: "met", elapsedWorkingDays: 1 });
    expect(state("2026-03-04T00:00:00Z")).toMatchObject({ status: "late", elapsedWorkingDays: 2 });
    expect(state("2026-03-05T23:59:59.999Z")).toMatchObject({ status: "late", elapsedWorkingDays: 3 });
    expect(state("2026-03-06T00:00:00Z")).toMatchObject({ status: "breached", elapsedWorkingDays: 4 });
  });

  it("only the first order.placed counts", () => {
    const d = first(
      order([orderPlaced(placed), orderPlaced("2026-03-04T10:00:00Z"), orderShipped("2026-03-04T12:00:00Z")]),
      "dispatch",
    );
    expect(d.startedAt).toBe("2026-03-02T10:00:00.000Z");
    expect(only(order([orderPlaced(placed), orderPlaced(placed)]), "dispatch")).toHaveLength(1);
  });

  it("delivery runs from shipped to delivered, running until then", () => {
    const instances = order([orderPlaced(placed), orderShipped("2026-03-03T10:00:00Z")]);
    const delivery = first(instances, "delivery");
    expect(delivery.stoppedAt).toBeNull();
    // 6wd target: working days after Tue 3rd: Wed 4 … Wed 11 is the 6th, Thu 12 the 7th.
    expect(delivery.targetDeadline).toBe("2026-03-11T23:59:59.999Z");
    expect(clockState(delivery, "2026-03-11T20:00:00Z", cal)).toMatchObject({
      status: "running",
      atRisk: false,
      elapsedWorkingDays: 6,
    });
    expect(clockState(delivery, "2026-03-12T08:00:00Z", cal)).toMatchObject({
      status: "running",
      atRisk: true,
      elapsedWorkingDays: 7,
    });
    const done = first(
      order([orderShipped("2026-03-03T10:00:00Z"), orderDelivered("2026-03-09T10:00:00Z")]),
      "delivery",
    );
    expect(clockState(done, "2026-03-31T00:00:00Z", cal)).toMatchObject({ status: "met", elapsedWorkingDays: 4 });
  });

  it("refund starts at a return that passed inspection, not one that failed", () => {
    const failed = order([returnReceived("2026-03-02T10:00:00Z", false), refundIssued("2026-03-03T10:00:00Z")]);
    expect(only(failed, "refund")).toEqual([]);
    const refund = first(
      order([
        returnReceived("2026-03-02T10:00:00Z", false),
        refundIssued("2026-03-02T11:00:00Z"),
        returnReceived("2026-03-04T10:00:00Z", true),
        refundIssued("2026-03-05T10:00:00Z"),
        refundIssued("2026-03-06T10:00:00Z"),
      ]),
      "refund",
    );
    expect([refund.startedAt, refund.stoppedAt]).toEqual(["2026-03-04T10:00:00.000Z", "2026-03-05T10:00:00.000Z"]);
  });

  it("a stop event before the start does not stop the clock", () => {
    const d = first(order([orderShipped("2026-03-01T10:00:00Z"), orderPlaced(placed)]), "dispatch");
    expect(d.stoppedAt).toBeNull();
  });
});

describe("peak periods", () => {
  const peak = testPolicy({ peakPeriods: [{ from: "2026-11-27", to: "2026-12-01", factor: 1.5 }] });

  it("multiply target and limit of clocks that start inside them", () => {
    const fr = first(ticket([created("2026-11-27T10:00:00Z")], peak), "first_response");
    expect(fr).toMatchObject({
      factor: 1.5,
      target: "36h",
      limit: "72h",
      targetDeadline: "2026-11-28T22:00:00.000Z",
      limitDeadline: "2026-11-30T10:00:00.000Z",
    });
    const lastDay = first(ticket([created("2026-12-01T23:59:59Z")], peak), "first_response");
    expect(lastDay.factor).toBe(1.5);
    const after = first(ticket([created("2026-12-02T00:00:00Z")], peak), "first_response");
    expect(after).toMatchObject({ factor: 1, target: "24h", limit: "48h" });
  });

  it("use the start's local date in the brand's zone", () => {
    const ny = { ...peak, timezone: "America/New_York" };
    // 03:00 UTC on the 27th is still the 26th in New York.
    const fr = first(ticket([created("2026-11-27T03:00:00Z")], ny), "first_response");
    expect(fr.factor).toBe(1);
  });

  it("working-day targets become fractional; whole elapsed days are compared with them", () => {
    // Thursday 2026-11-26 is outside the period; Friday the 27th inside: 1.5wd / 4.5wd.
    const instances = order([orderPlaced("2026-11-27T10:00:00Z")], peak);
    const d = first(instances, "dispatch");
    expect([d.target, d.limit]).toEqual(["1.5wd", "4.5wd"]);
    // Working days after Fri 27th: Mon 30 (1), Tue 1 (2), Wed 2 (3), Thu 3 (4), Fri 4 (5).
    expect(d.targetDeadline).toBe("2026-11-30T23:59:59.999Z");
    expect(d.limitDeadline).toBe("2026-12-03T23:59:59.999Z");
    const shipped = (at: string) =>
      clockState(
        first(order([orderPlaced("2026-11-27T10:00:00Z"), orderShipped(at)], peak), "dispatch"),
        "2027-01-01T00:00:00Z",
        cal,
      );
    expect(shipped("2026-11-30T12:00:00Z").status).toBe("met");
    expect(shipped("2026-12-01T12:00:00Z").status).toBe("late");
    expect(shipped("2026-12-03T12:00:00Z").status).toBe("late");
    expect(shipped("2026-12-04T12:00:00Z").status).toBe("breached");
  });

  it("keep policy text tidy for awkward factors", () => {
    const p = testPolicy({ peakPeriods: [{ from: "2026-01-01", to: "2026-12-31", factor: 1.1 }] });
    const fr = createClockInstance(
      "first_response",
      { brand: "acme", ticketId: "T", orderId: null },
      0,
      "2026-03-02T10:00:00Z",
      null,
      p,
      cal,
    );
    expect([fr.target, fr.limit]).toEqual(["26.4h", "52.8h"]);
    expect(fr.targetDeadline).toBe("2026-03-03T12:24:00.000Z");
  });
});
