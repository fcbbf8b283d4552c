import { describe, expect, it } from "vitest";
import { BUILTIN_POLICIES } from "../src/builtins.ts";
import { createCalendar } from "../src/calendar.ts";
import { clockState, orderClocks, ticketClocks } from "../src/clocks.ts";
import type { BrandPolicy } from "../src/types.ts";
import { agentReply, created, refundIssued, returnReceived } from "./helpers/events.ts";
import { testPolicy, weekdays } from "./helpers/policies.ts";

describe("acceptance: first response over a weekend (America/New_York, Mon–Fri 09:00–17:00)", () => {
  const store = testPolicy({ timezone: "America/New_York", workingHours: weekdays(["09:00", "17:00"]) });
  const cal = createCalendar(store);

  it("created Friday 16:00, answered Monday 10:00: 66h calendar, 2h business, breached against 24h/48h", () => {
    // 2026-03-13 is a Friday (EDT, no DST change over that weekend).
    const createdAt = "2026-03-13T16:00:00-04:00";
    const answeredAt = "2026-03-16T10:00:00-04:00";
    const [fr] = ticketClocks([created(createdAt), agentReply(answeredAt)], store, cal);
    expect(fr?.clock).toBe("first_response");
    if (!fr) return;
    expect(clockState(fr, "2026-03-20T00:00:00Z", cal)).toEqual({
      status: "breached",
      atRisk: false,
      elapsedSeconds: 66 * 3600,
      elapsedWorkingDays: null,
    });
    expect(cal.businessSeconds(fr.startedAt, fr.stoppedAt ?? "")).toBe(2 * 3600);
  });

  it("the same weekend across the spring DST change is an hour shorter on the wall clock", () => {
    const [fr] = ticketClocks(
      [created("2026-03-06T16:00:00-05:00"), agentReply("2026-03-09T10:00:00-04:00")],
      store,
      cal,
    );
    if (!fr) throw new Error("no clock");
    expect(clockState(fr, "2026-03-20T00:00:00Z", cal).elapsedSeconds).toBe(65 * 3600);
    expect(cal.businessSeconds(fr.startedAt, fr.stoppedAt ?? "")).toBe(2 * 3600);
  });
});

describe("acceptance: refund after inspection, with a holiday in between (5/10 working days)", () => {
  // Built-in jewelry store (refund 5-10 days), plus a holiday on Wednesday 2026-03-04.
  const jewelry = BUILTIN_POLICIES["jewelry"];
  if (!jewelry) throw new Error("no jewelry built-in");
  const store: BrandPolicy = { ...jewelry, holidays: ["2026-03-04"] };
  const cal = createCalendar(store);
  // Inspection passed Monday 2026-03-02. Working days after it: Tue 3 (1), [Wed 4 holiday],
  // Thu 5 (2), Fri 6 (3), Mon 9 (4), Tue 10 (5), Wed 11 (6), Thu 12 (7), Fri 13 (8), Mon 16 (9),
  // Tue 17 (10), Wed 18 (11).
  const refundOn = (at: string) => {
    const [refund] = orderClocks([returnReceived("2026-03-02T11:00:00Z", true), refundIssued(at)], store, cal);
    if (!refund) throw new Error("no refund clock");
    return clockState(refund, "2026-04-30T00:00:00Z", cal);
  };

  it("issued 10 working days after inspection is late", () => {
    expect(refundOn("2026-03-17T16:00:00Z")).toEqual({
      status: "late",
      atRisk: false,
      elapsedSeconds: null,
      elapsedWorkingDays: 10,
    });
  });

  it("issued 11 working days after inspection is breached", () => {
    expect(refundOn("2026-03-18T09:00:00Z")).toMatchObject({ status: "breached", elapsedWorkingDays: 11 });
  });

  it("issued 5 working days after is met, 6 is late", () => {
    expect(refundOn("2026-03-10T23:00:00Z")).toMatchObject({ status: "met", elapsedWorkingDays: 5 });
    expect(refundOn("2026-03-11T00:00:00Z")).toMatchObject({ status: "late", elapsedWorkingDays: 6 });
  });
});
