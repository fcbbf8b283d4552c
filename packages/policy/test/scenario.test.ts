import { describe, expect, it } from "vitest";
import { createCalendar } from "../src/calendar.ts";
import type { ClockInstance } from "../src/clock-types.ts";
import { clockState, orderClocks, ticketClocks } from "../src/clocks.ts";
import type { ClockName } from "../src/types.ts";
import { agentReply, created, customerMessage, internalNote, orderPlaced, orderShipped } from "./helpers/events.ts";
import { clockPolicy, testPolicy, weekdays, withClocks } from "./helpers/policies.ts";

/**
 * A store in New York, open Mon–Fri 09:00–17:00, closed on Memorial Day (Monday 2026-05-25).
 * A ticket and an order arrive on the Friday before the long weekend.
 * First response is measured in business hours (4h/8h); next response in calendar hours.
 */
const store = withClocks(
  testPolicy({
    timezone: "America/New_York",
    workingHours: weekdays(["09:00", "17:00"]),
    holidays: ["2026-05-25"],
  }),
  { first_response: clockPolicy("4h", "8h", "business") },
);
const cal = createCalendar(store);

const events = [
  created("2026-05-22T15:00:00-04:00", { ticketId: "T-9" }),
  agentReply("2026-05-22T15:00:05-04:00", { ticketId: "T-9", actor: { type: "bot", id: "auto" } }),
  internalNote("2026-05-22T16:30:00-04:00", { ticketId: "T-9" }),
  agentReply("2026-05-26T10:30:00-04:00", { ticketId: "T-9" }),
  customerMessage("2026-05-26T11:00:00-04:00", { ticketId: "T-9" }),
  agentReply("2026-05-28T09:00:00-04:00", { ticketId: "T-9" }),
  orderPlaced("2026-05-22T14:00:00-04:00", { orderId: "O-9" }),
  orderShipped("2026-05-27T16:00:00-04:00", { orderId: "O-9" }),
];
const instances = [...ticketClocks(events, store, cal), ...orderClocks(events, store, cal)];
const clock = (name: ClockName): ClockInstance => {
  const found = instances.find((i) => i.clock === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

describe("scenario: a long weekend (Memorial Day)", () => {
  it("first response: only Friday 15–17 and Tuesday 09–10:30 count", () => {
    const fr = clock("first_response");
    // 4h target: Fri 2h + Tue 09:00–11:00; 8h limit: Fri 2h + Tue 09:00–15:00 (EDT = UTC-4).
    expect(fr).toMatchObject({
      ticketId: "T-9",
      measure: "business",
      startedAt: "2026-05-22T19:00:00.000Z",
      stoppedAt: "2026-05-26T14:30:00.000Z",
      targetDeadline: "2026-05-26T15:00:00.000Z",
      limitDeadline: "2026-05-26T19:00:00.000Z",
    });
    expect(clockState(fr, "2026-05-30T00:00:00Z", cal)).toMatchObject({ status: "met", elapsedSeconds: 3.5 * 3600 });
  });

  it("first response over the weekend as the dashboard would see it", () => {
    const fr = clock("first_response");
    expect(clockState(fr, "2026-05-23T16:00:00Z", cal)).toMatchObject({ status: "running", elapsedSeconds: 2 * 3600 });
    expect(clockState(fr, "2026-05-25T20:00:00Z", cal)).toMatchObject({ status: "running", elapsedSeconds: 2 * 3600 });
    expect(clockState(fr, "2026-05-26T14:00:00Z", cal)).toMatchObject({
      status: "running",
      atRisk: false,
      elapsedSeconds: 3 * 3600,
    });
  });

  it("next response: a day and 22 hours on the wall clock is late against 24h/48h", () => {
    const [nr, ...rest] = instances.filter((i) => i.clock === "next_response");
    expect(rest).toEqual([]);
    if (!nr) throw new Error("no next_response");
    expect(nr).toMatchObject({ seq: 0, startedAt: "2026-05-26T15:00:00.000Z", stoppedAt: "2026-05-28T13:00:00.000Z" });
    expect(clockState(nr, "2026-05-30T00:00:00Z", cal)).toMatchObject({ status: "late", elapsedSeconds: 46 * 3600 });
  });

  it("dispatch: placed Friday, working days resume Tuesday; shipped Wednesday is 2 working days, late", () => {
    const d = clock("dispatch");
    // Working days after Fri 22: Tue 26 (1), Wed 27 (2), Thu 28 (3), Fri 29 (4).
    expect(d.targetDeadline).toBe("2026-05-27T03:59:59.999Z");
    expect(d.limitDeadline).toBe("2026-05-29T03:59:59.999Z");
    expect(clockState(d, "2026-05-25T23:00:00-04:00", cal)).toMatchObject({
      status: "running",
      atRisk: false,
      elapsedWorkingDays: 0,
    });
    expect(clockState(d, "2026-05-26T23:00:00-04:00", cal)).toMatchObject({ status: "running", elapsedWorkingDays: 1 });
    expect(clockState(d, "2026-05-27T00:00:00-04:00", cal)).toMatchObject({
      status: "running",
      atRisk: true,
      elapsedWorkingDays: 2,
    });
    expect(clockState(d, "2026-06-01T00:00:00Z", cal)).toMatchObject({ status: "late", elapsedWorkingDays: 2 });
  });

  it("delivery starts at shipping and is still running", () => {
    const delivery = clock("delivery");
    expect(delivery).toMatchObject({ startedAt: "2026-05-27T20:00:00.000Z", stoppedAt: null });
    expect(clockState(delivery, "2026-06-01T00:00:00Z", cal)).toMatchObject({
      status: "running",
      atRisk: false,
      elapsedWorkingDays: 2,
    });
  });
});
