import { type CaliperEvent, EventInput } from "@caliper/domain";
import { loadPolicySet, parsePolicyFile } from "@caliper/policy";
import { describe, expect, it } from "vitest";
import { referenceOverview } from "../src/reference.ts";

/**
 * The reference overview (docs/metrics.md, DESIGN.md §5) on a week small enough to compute by
 * hand. Every stored read is tested against the reference (packages/db's metrics differential),
 * and the two share the ticket projection, the ticket facts and the accumulator: a wrong
 * definition there passes the differential on both sides. Here each figure is the one worked
 * out in the comments, from the definitions, not from the code.
 *
 * acme: UTC, Mon–Fri 09:00–17:00; first_response target 1h, limit 2h, calendar time.
 * The period is Mon 3 – Mon 10 March 2025 (2025-03-03 is a Monday), read as of 20 March.
 *
 *  T1  Mon 10:00 customer. Assigned ag-1 10:05. ag-1 replies 11:00. Solved 12:00. Rated 5.
 *  T2  Mon 16:00 customer. Bot acknowledgement 16:01 (automated). ag-2 replies Tue 10:00.
 *      Solved Tue 11:00, reopened Wed 09:00, ag-2 replies Wed 10:00, solved Wed 12:00.
 *      Rated 3 on Wed, then 4 on Thu (the latest counts).
 *  T3  Tue 09:00 customer. Internal note 09:10. ag-1 replies 09:30, promising a refund within
 *      48 hours (the policy's refunds take 5–10 working days: one flag). Solved 10:00. Rated 3.
 *  T4  Wed 10:00 customer. Pending 10:05. ag-1 replies on 21 March, after asOf: still awaiting.
 *  T5  Thu 10:00 opened by ag-1 (outbound: no first response), who writes at once. Open.
 *  T6  Thu 12:00 customer. Assigned ag-1. ag-2 replies 13:30. Solved 14:00, reopened Fri 09:00.
 *  T7  Fri 10:00 customer. ag-2 replies 10:30 and again 11:00. Solved 12:00.
 *  T0  Sun 2 March 23:00: created before the period. Another brand's ticket in the period.
 */

const file = parsePolicyFile({
  brands: {
    acme: {
      timezone: "UTC",
      workingHours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "17:00"]]])),
      clocks: { first_response: { target: "1h", limit: "2h", calendar: "calendar" } },
    },
  },
});
if (!file.ok) throw new Error(file.problems.join("\n"));
const policies = loadPolicySet(file.file);

let n = 0;
const at = (day: number, time: string) => `2025-03-${String(day).padStart(2, "0")}T${time}:00Z`;
const customer = (ticket: string) => ({ type: "customer", id: `c-${ticket}` });
const agent = (id: string) => ({ type: "agent", id });
function ev(ticketId: string, type: string, when: string, actor: object, data: object = {}, brand = "acme") {
  return EventInput.parse({ id: `e${++n}`, type, brand, ticketId, at: when, actor, data });
}
const created = (t: string, when: string, actor: object = customer(t), brand = "acme") =>
  ev(t, "ticket.created", when, actor, { channel: "email", category: "order" }, brand);
const reply = (t: string, when: string, by: string, body = "We are looking into it.") =>
  ev(t, "message.agent", when, agent(by), { body });
const status = (t: string, when: string, s: string, actor: object = agent("ag-1")) =>
  ev(t, "ticket.status", when, actor, { status: s });
const rating = (t: string, when: string, r: number) => ev(t, "feedback.submitted", when, customer(t), { rating: r });
const assigned = (t: string, when: string, to: string) =>
  ev(t, "ticket.assigned", when, { type: "system" }, { agentId: to });

const EVENTS: CaliperEvent[] = [
  created("T1", at(3, "10:00")),
  assigned("T1", at(3, "10:05"), "ag-1"),
  reply("T1", at(3, "11:00"), "ag-1"),
  status("T1", at(3, "12:00"), "solved"),
  rating("T1", at(3, "13:00"), 5),

  created("T2", at(3, "16:00")),
  ev("T2", "message.agent", at(3, "16:01"), { type: "bot" }, { body: "We got your message.", automated: true }),
  reply("T2", at(4, "10:00"), "ag-2"),
  status("T2", at(4, "11:00"), "solved", agent("ag-2")),
  status("T2", at(5, "09:00"), "open", customer("T2")),
  reply("T2", at(5, "10:00"), "ag-2"),
  status("T2", at(5, "12:00"), "solved", agent("ag-2")),
  rating("T2", at(5, "13:00"), 3),
  rating("T2", at(6, "09:00"), 4),

  created("T3", at(4, "09:00")),
  ev("T3", "note.internal", at(4, "09:10"), agent("ag-1"), { body: "Checking the warehouse." }),
  reply("T3", at(4, "09:30"), "ag-1", "Good news, your refund will be back on your card within 48 hours!"),
  status("T3", at(4, "10:00"), "solved"),
  rating("T3", at(4, "11:00"), 3),

  created("T4", at(5, "10:00")),
  status("T4", at(5, "10:05"), "pending"),
  reply("T4", at(21, "10:00"), "ag-1"),

  created("T5", at(6, "10:00"), agent("ag-1")),
  reply("T5", at(6, "10:00"), "ag-1", "Your order is ready for pick-up."),

  created("T6", at(6, "12:00")),
  assigned("T6", at(6, "12:10"), "ag-1"),
  reply("T6", at(6, "13:30"), "ag-2"),
  status("T6", at(6, "14:00"), "solved", agent("ag-2")),
  status("T6", at(7, "09:00"), "open", customer("T6")),

  created("T7", at(7, "10:00")),
  reply("T7", at(7, "10:30"), "ag-2"),
  reply("T7", at(7, "11:00"), "ag-2", "Here is the tracking link."),
  status("T7", at(7, "12:00"), "solved", agent("ag-2")),

  created("T0", at(2, "23:00")),
  reply("T0", at(3, "09:00"), "ag-1"),
  created("B1", at(4, "10:00"), customer("B1"), "beta"),
];

const WEEK = { brand: "acme", from: at(3, "00:00"), to: at(10, "00:00"), asOf: at(20, "00:00") };

describe("the reference overview on a week worked out by hand", () => {
  const o = referenceOverview(EVENTS, policies, WEEK);

  it("counts the period's tickets: created, solved (latest status solved or closed), open", () => {
    // T1–T7 (not T0, created before; not beta's). Solved now: T1, T2, T3, T7 (T6 was reopened).
    expect(o.tickets).toEqual({ created: 7, solved: 4, open: 3 });
  });

  it("measures first responses to human replies only, without outbound tickets, as of asOf", () => {
    // T1 1h, T2 18h (the bot's acknowledgement does not count), T3 30 min (the note does not
    // count), T6 1h30, T7 30 min; T4 is awaiting (its reply comes after asOf); T5 is outbound:
    // neither. Sorted 1800, 1800, 3600, 5400, 64800 s: median 3600; p90 at rank 3.6, 5400 + 0.6 ×
    // 59400; mean 77400 / 5. In working hours T2 is Mon 16–17 and Tue 9–10, 7200 s: sorted 1800,
    // 1800, 3600, 5400, 7200, median 3600, p90 5400 + 0.6 × 1800, mean 19800 / 5.
    const { p90Seconds, businessP90Seconds, ...rest } = o.firstResponse;
    expect(rest).toEqual({
      count: 5,
      awaiting: 1,
      medianSeconds: 3600,
      meanSeconds: 15480,
      businessMedianSeconds: 3600,
      businessMeanSeconds: 3960,
    });
    expect(p90Seconds).toBeCloseTo(41040, 6);
    expect(businessP90Seconds).toBeCloseTo(6480, 6);
  });

  it("gives resolution over solved tickets: latest solve, FCR, reopens", () => {
    // Rate 4 / 7. T1 2h, T2 to its latest solve 44h (158400 s), T3 1h, T7 2h: median 7200, p90
    // at rank 2.7, 7200 + 0.7 × 151200. FCR: T1 and T3 (one human reply, never reopened), not T2
    // (reopened) nor T7 (two replies): 2 / 4. Reopened and solved: T2 alone (T6 was reopened but
    // is not solved): 1 / 4.
    expect(o.resolution).toMatchObject({ solved: 4, medianSeconds: 7200, fcrRate: 0.5, reopenRate: 0.25 });
    expect(o.resolution.rate).toBeCloseTo(4 / 7, 12);
    expect(o.resolution.p90Seconds).toBeCloseTo(113040, 6);
  });

  it("takes each ticket's latest rating; 4 and 5 are satisfied", () => {
    // T1 5, T2 4 (not its earlier 3), T3 3: two of three satisfied, mean 4. Wilson 95% for 2 / 3.
    expect(o.csat).toMatchObject({ responses: 3, satisfied: 2, meanRating: 4 });
    expect(o.csat.score).toBeCloseTo(2 / 3, 12);
    expect(o.csat.ci95?.[0]).toBeCloseTo(0.2077, 4);
    expect(o.csat.ci95?.[1]).toBeCloseTo(0.9385, 4);
  });

  it("tallies the clocks by their status at asOf, and flags on agent messages", () => {
    // First response (1h / 2h): T1 at exactly 1h, T3 and T7 met, T6 late (1h30), T2 (18h) and T4
    // (unanswered at asOf, past 2h) breached; T5 has none. Breach rate 2 / 6. No customer message
    // follows a reply, so no next_response; no orders.
    const { breachRate, ...counts } = o.sla.first_response;
    expect(counts).toEqual({ met: 3, late: 1, breached: 2, running: 0, atRisk: 0 });
    expect(breachRate).toBeCloseTo(1 / 3, 12);
    for (const clock of ["next_response", "dispatch", "delivery", "refund"] as const)
      expect(o.sla[clock]).toEqual({ met: 0, late: 0, breached: 0, running: 0, atRisk: 0, breachRate: null });
    expect(o.qa).toEqual({ reviews: 0, averageScore: null, passRate: null, criticalFails: 0, flags: 1 });
    expect(o.precision).toBe("exact");
  });

  it("gives a ticket to its assignee, else to the agent of its first human reply", () => {
    // ag-1: T1 and T6 (assigned), T3 and T5 (first replier). ag-2: T2 and T7 (first replier; T6,
    // which ag-2 answered, is ag-1's).
    expect(referenceOverview(EVENTS, policies, { ...WEEK, agent: "ag-1" }).tickets.created).toBe(4);
    expect(referenceOverview(EVENTS, policies, { ...WEEK, agent: "ag-2" }).tickets.created).toBe(2);
  });

  it("reads the tickets as they stood at an earlier asOf", () => {
    // Tuesday noon: T1 solved, T2 solved once (one reply, not yet reopened), T3 solved; FCR 3 / 3.
    const tuesday = referenceOverview(EVENTS, policies, { ...WEEK, asOf: at(4, "12:00") });
    expect(tuesday.tickets).toEqual({ created: 3, solved: 3, open: 0 });
    expect(tuesday.resolution).toMatchObject({ fcrRate: 1, reopenRate: 0 });
    expect(tuesday.csat).toMatchObject({ responses: 2, satisfied: 1 });
  });
});
