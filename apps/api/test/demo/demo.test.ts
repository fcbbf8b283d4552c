import { type CaliperEvent, EventInput } from "@caliper/domain";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_DEFAULTS,
  DEMO_STORES,
  type DemoOptions,
  type DemoStats,
  demoAgents,
  demoOptions,
  demoPeak,
  emptyDemoStats,
  generateDemo,
} from "../../src/demo/index.ts";

const END = "2025-12-31T00:00:00Z";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const all = (o: DemoOptions, stats?: DemoStats): CaliperEvent[][] => [...generateDemo(o, stats)];

/** Human agent messages that break a message rule, recognised by the demo's rule-breaking phrases. */
const RULE_BREAK =
  /within 48 hours|your refund tomorrow|30 business days|arrive in 2 days|delivery by tomorrow|within 3 days|90 days to send|30 days only|pay for return shipping yourself|prepaid return label so the return shipping|customs duties are your responsibility|import fee to pay|\$7\.95|email (me|us)|WhatsApp|call our desk|DM on Instagram|€|GBP|nothing we can do|not our problem|read the policy|Whatever,|card number|password/;

const isWeekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());
const inWorkingHours = (ms: number) => {
  const d = new Date(ms);
  return !isWeekend(ms) && d.getUTCHours() >= 9 && d.getUTCHours() < 18;
};
const workingDaysBetween = (a: number, b: number) => {
  let n = 0;
  for (let d = Math.floor(a / DAY) * DAY + DAY; d <= Math.floor(b / DAY) * DAY; d += DAY) if (!isWeekend(d)) n++;
  return n;
};

describe("generateDemo: reproducibility and validity", () => {
  const options: DemoOptions = { tickets: 400, days: 30, seed: 7, end: END };

  it("gives identical events (and batches) for the same options", () => {
    const a = all(options);
    const b = all({ ...options });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("gives different events for a different seed, and different ids for different options", () => {
    const a = all(options).flat();
    const b = all({ ...options, seed: 8 }).flat();
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    const idsA = new Set(a.map((e) => e.id));
    expect(b.filter((e) => idsA.has(e.id))).toEqual([]);
    const c = all({ ...options, tickets: 401 }).flat();
    expect(c.filter((e) => idsA.has(e.id))).toEqual([]);
  });

  it("streams no tickets for tickets: 0 and rejects bad options", () => {
    expect(all({ ...options, tickets: 0 })).toEqual([]);
    expect(() => all({ ...options, tickets: -1 })).toThrow(RangeError);
    expect(() => all({ ...options, tickets: 1.5 })).toThrow(RangeError);
    expect(() => all({ ...options, days: 0 })).toThrow(RangeError);
    expect(() => all({ ...options, end: "yesterday" })).toThrow(RangeError);
  });

  it("has CLI defaults", () => {
    expect(DEMO_DEFAULTS).toEqual({ tickets: 3000, days: 90, seed: 1 });
    const o = demoOptions({ seed: 3 });
    expect(o).toMatchObject({ tickets: 3000, days: 90, seed: 3 });
    expect(Date.parse(o.end)).toBeGreaterThan(Date.parse("2025-01-01T00:00:00Z"));
  });

  it("exposes 4-6 agents per store with brand-scoped ids", () => {
    const agents = demoAgents();
    const brands = ["eyewear", "marketplace", "global-goods", "clean-beauty", "jewelry"];
    expect([...new Set(agents.map((a) => a.brand))].sort()).toEqual([...brands].sort());
    for (const b of brands) {
      const mine = agents.filter((a) => a.brand === b);
      expect(mine.length).toBeGreaterThanOrEqual(4);
      expect(mine.length).toBeLessThanOrEqual(6);
      for (const a of mine) expect(a.agentId).toMatch(new RegExp(`^${b}/[a-z]+$`));
    }
    expect(agents.find((a) => a.agentId === "eyewear/ana")).toMatchObject({ name: "Ana" });
  });

  it("uses Black Friday week as the peak when in range, else a sale week", () => {
    expect(demoPeak({ tickets: 1, days: 90, seed: 1, end: END })).toEqual({
      from: "2025-11-27",
      to: "2025-12-02",
      label: "Black Friday 2025",
    });
    expect(demoPeak({ tickets: 1, days: 90, seed: 1, end: "2026-06-30T00:00:00Z" })?.label).toBe("Spring sale");
    expect(demoPeak({ tickets: 1, days: 7, seed: 1, end: "2026-06-30T00:00:00Z" })).toBeNull();
  });

  it("generates 10,000 tickets quickly, streaming batches of at most 1000 events", () => {
    const stats = emptyDemoStats();
    let batches = 0;
    for (const batch of generateDemo({ tickets: 10_000, days: 120, seed: 99, end: END }, stats)) {
      expect(batch.length).toBeLessThanOrEqual(1000);
      batches++;
    }
    expect(stats.tickets).toBe(10_000);
    expect(stats.byType["ticket.created"]).toBe(10_000);
    expect(stats.events).toBeGreaterThan(70_000);
    expect(batches).toBeGreaterThanOrEqual(stats.events / 1000);
  });
});

describe("generateDemo: a 3000-ticket, 90-day history", () => {
  const options: DemoOptions = { tickets: 3000, days: 90, seed: 1, end: END };
  const end = Date.parse(END);
  const start = end - 90 * DAY;
  let batches: CaliperEvent[][];
  let events: CaliperEvent[];
  let stats: DemoStats;
  const tickets = new Map<string, CaliperEvent[]>();
  const orders = new Map<string, CaliperEvent[]>();

  beforeAll(() => {
    stats = emptyDemoStats();
    batches = all(options, stats);
    events = batches.flat();
    for (const e of events) {
      const [map, key] =
        e.ticketId !== undefined ? [tickets, `${e.brand}:${e.ticketId}`] : [orders, `${e.brand}:${e.orderId}`];
      const list = map.get(key) ?? [];
      list.push(e);
      map.set(key, list);
    }
  });

  const created = () =>
    events.filter((e): e is Extract<CaliperEvent, { type: "ticket.created" }> => e.type === "ticket.created");
  const humanReplies = () => events.filter((e) => e.type === "message.agent" && e.actor.type === "agent");

  it("emits only valid, normalised events in batches of at most 1000 whole tickets", () => {
    for (const e of events) expect(EventInput.parse(e)).toEqual(e);
    for (const b of batches) expect(b.length).toBeLessThanOrEqual(1000);
    expect(stats.events).toBe(events.length);
    expect(created()).toHaveLength(3000);
    const keys = events.map((e) => `${e.brand}:${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    // A ticket's events all sit in one batch.
    const batchOf = new Map<string, number>();
    batches.forEach((b, i) => {
      for (const e of b) {
        const key = e.ticketId ?? e.orderId ?? "";
        if (e.ticketId !== undefined) {
          expect(batchOf.get(key) ?? i).toBe(i);
          batchOf.set(key, i);
        }
      }
    });
  });

  it("keeps every event inside the history and every ticket's events after its creation", () => {
    for (const e of events) expect(Date.parse(e.at)).toBeLessThan(end);
    for (const e of created()) expect(Date.parse(e.at)).toBeGreaterThanOrEqual(start);
    for (const evs of tickets.values()) {
      const first = evs[0];
      expect(first?.type).toBe("ticket.created");
      for (const e of evs) expect(e.at >= (first?.at ?? "")).toBe(true);
    }
    // Tickets come in creation-time order.
    const times = created().map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it("has all five stores with plausible category and channel mixes", () => {
    const byBrand = new Map<string, Map<string, number>>();
    const channels = new Map<string, number>();
    for (const e of created()) {
      const m = byBrand.get(e.brand) ?? new Map<string, number>();
      m.set(e.data.category, (m.get(e.data.category) ?? 0) + 1);
      byBrand.set(e.brand, m);
      channels.set(e.data.channel, (channels.get(e.data.channel) ?? 0) + 1);
    }
    expect([...byBrand.keys()].sort()).toEqual(["clean-beauty", "eyewear", "global-goods", "jewelry", "marketplace"]);
    const top = (b: string) => [...(byBrand.get(b) ?? new Map<string, number>())].sort((x, y) => y[1] - x[1])[0]?.[0];
    expect(top("eyewear")).toBe("pre_sales");
    expect(top("clean-beauty")).toBe("pre_sales");
    expect(top("global-goods")).toBe("shipping");
    expect(["order", "shipping"]).toContain(top("marketplace"));
    expect((channels.get("contact_form") ?? 0) / 3000).toBeGreaterThan(0.6);
    expect(channels.get("email")).toBeGreaterThan(100);
    expect(channels.get("chat")).toBeGreaterThan(50);
  });

  it("talks about each store's typical topics and quotes the real policy numbers", () => {
    const text = (brand: string) =>
      events
        .filter((e) => e.brand === brand && (e.type === "message.customer" || e.type === "message.agent"))
        .map((e) => (e.data as { body?: string }).body ?? "")
        .join("\n");
    expect(text("eyewear")).toMatch(/prescription/);
    expect(text("eyewear")).toMatch(/try-on/);
    expect(text("clean-beauty")).toMatch(/ingredient/);
    expect(text("clean-beauty")).toMatch(/skin/);
    expect(text("jewelry")).toMatch(/ring siz|between a 6 and a 7/);
    expect(text("jewelry")).toMatch(/nickel-free|sterling silver/);
    expect(text("global-goods")).toMatch(/customs/);
    expect(text("global-goods")).toMatch(/duties/);
    expect(text("marketplace")).toMatch(/seller/);
    const compliant = humanReplies()
      .map((e) => (e.data as { body?: string }).body ?? "")
      .filter((b) => !RULE_BREAK.test(b));
    expect(compliant.some((b) => b.includes("within 60 days of delivery"))).toBe(true);
    expect(compliant.some((b) => b.includes("within 5-10 working days"))).toBe(true);
    expect(compliant.some((b) => b.includes("1-3 working days"))).toBe(true);
  });

  it("has fewer tickets at weekends and at night, and a busier peak week", () => {
    const times = created().map((e) => Date.parse(e.at));
    const weekend = times.filter(isWeekend).length / times.length;
    expect(weekend).toBeLessThan(0.22); // 2/7 = 0.286 if uniform
    const night = times.filter((t) => new Date(t).getUTCHours() < 6).length / times.length;
    expect(night).toBeLessThan(0.08); // 0.25 if uniform
    const peakFrom = Date.parse("2025-11-27T00:00:00Z");
    const peakTo = peakFrom + 6 * DAY;
    const inPeak = times.filter((t) => t >= peakFrom && t < peakTo).length / 6;
    const outside = times.filter((t) => t < peakFrom || t >= peakTo).length / 84;
    expect(inPeak).toBeGreaterThan(1.5 * outside);
  });

  it("replies mostly in working hours, so first responses to weekend tickets wait and some breach", () => {
    const replies = humanReplies().map((e) => Date.parse(e.at));
    expect(replies.filter(inWorkingHours).length / replies.length).toBeGreaterThan(0.9);
    expect(replies.some((t) => !inWorkingHours(t))).toBe(true);
    const frt: { created: number; hours: number }[] = [];
    for (const evs of tickets.values()) {
      const c = Date.parse(evs[0]?.at ?? "");
      const first = evs.find((e) => e.type === "message.agent" && e.actor.type === "agent");
      if (first) frt.push({ created: c, hours: (Date.parse(first.at) - c) / HOUR });
    }
    const breached = frt.filter((f) => f.hours > 48).length / frt.length;
    expect(breached).toBeGreaterThan(0.03);
    expect(breached).toBeLessThan(0.25);
    const fridayEvening = frt.filter(
      (f) => new Date(f.created).getUTCDay() === 5 && new Date(f.created).getUTCHours() >= 19,
    );
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    expect(median(fridayEvening.map((f) => f.hours))).toBeGreaterThan(48);
    expect(median(frt.map((f) => f.hours))).toBeLessThan(24);
  });

  it("has bot acknowledgements (actor bot, automated) from the four stores with an auto-responder", () => {
    const bots = events.filter((e) => e.type === "message.agent" && e.actor.type === "bot");
    expect(bots.length).toBeGreaterThan(1000);
    for (const b of bots) expect(b.data).toMatchObject({ automated: true });
    const botBrands = new Set(bots.map((b) => b.brand));
    expect(botBrands.has("jewelry")).toBe(false);
    expect(botBrands.size).toBe(4);
  });

  it("breaks message rules in about 3-5% of human agent messages", () => {
    const replies = humanReplies();
    expect(stats.agentMessages).toBe(replies.length);
    const breaks = Object.values(stats.ruleBreaks).reduce((a, b) => a + (b ?? 0), 0);
    const share = breaks / replies.length;
    expect(share).toBeGreaterThan(0.025);
    expect(share).toBeLessThan(0.055);
    const detected = replies.filter((e) => RULE_BREAK.test((e.data as { body?: string }).body ?? ""));
    expect(detected.length).toBe(breaks);
    expect(Object.keys(stats.ruleBreaks).length).toBeGreaterThanOrEqual(7);
    // The habitual offenders of the store profiles break rules far more often than the others.
    const rate = (agentId: string) => {
      const mine = replies.filter((e) => e.actor.id === agentId);
      return mine.filter((e) => RULE_BREAK.test((e.data as { body?: string }).body ?? "")).length / mine.length;
    };
    const profiles = DEMO_STORES.flatMap((s) => s.agents);
    for (const a of profiles.filter((p) => p.breakRate >= 0.08)) expect(rate(a.id), a.id).toBeGreaterThan(0.03);
    for (const a of profiles.filter((p) => p.breakRate < 0.01)) expect(rate(a.id), a.id).toBeLessThan(0.02);
  });

  it("has notes, assignments, follow-ups, reopens (~5%) and ratings (~30% of solved) that follow speed", () => {
    expect(stats.byType["note.internal"]).toBeGreaterThan(300);
    expect(stats.byType["ticket.assigned"]).toBeGreaterThanOrEqual(2900);
    let solved = 0;
    let reopened = 0;
    let rated = 0;
    let followUps = 0;
    const fast: number[] = [];
    const slow: number[] = [];
    for (const evs of tickets.values()) {
      const statuses = evs.flatMap((e) => (e.type === "ticket.status" ? [e.data.status] : []));
      if (statuses.at(-1) === "solved") solved++;
      if (statuses.some((s, i) => s === "open" && statuses.slice(0, i).includes("solved"))) reopened++;
      const firstReply = evs.findIndex((e) => e.type === "message.agent" && e.actor.type === "agent");
      if (firstReply >= 0 && evs.slice(firstReply).some((e) => e.type === "message.customer")) followUps++;
      const fb = evs.find((e) => e.type === "feedback.submitted");
      if (fb?.type === "feedback.submitted") {
        rated++;
        const hours = (Date.parse(evs[firstReply]?.at ?? "") - Date.parse(evs[0]?.at ?? "")) / HOUR;
        if (hours < 4) fast.push(fb.data.rating);
        if (hours > 48) slow.push(fb.data.rating);
      }
    }
    expect(solved / 3000).toBeGreaterThan(0.8);
    expect(reopened / solved).toBeGreaterThan(0.025);
    expect(reopened / solved).toBeLessThan(0.09);
    expect(rated / solved).toBeGreaterThan(0.24);
    expect(rated / solved).toBeLessThan(0.36);
    expect(followUps / 3000).toBeGreaterThan(0.25);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(fast)).toBeGreaterThan(mean(slow) + 0.7);
  });

  it("has orders for ~60% of order/shipping/return tickets, with late dispatches and refunds in USD", () => {
    const orderTickets = created().filter((e) => ["order", "shipping", "return_refund"].includes(e.data.category));
    const withOrder = orderTickets.filter((e) => e.data.orderId !== undefined).length / orderTickets.length;
    expect(withOrder).toBeGreaterThan(0.5);
    expect(withOrder).toBeLessThan(0.7);
    let lateDispatch = 0;
    let lateRefund = 0;
    const reasons = new Set<string>();
    for (const evs of orders.values()) {
      const at = (t: string) => {
        const e = evs.find((x) => x.type === t);
        return e === undefined ? undefined : Date.parse(e.at);
      };
      const placed = at("order.placed");
      const shipped = at("order.shipped");
      const received = at("return.received");
      const refunded = at("refund.issued");
      if (placed !== undefined && shipped !== undefined && workingDaysBetween(placed, shipped) > 3) lateDispatch++;
      if (received !== undefined && refunded !== undefined && workingDaysBetween(received, refunded) > 10) lateRefund++;
      for (const e of evs) {
        if (e.type === "return.requested") reasons.add(e.data.reason);
        if (e.type === "refund.issued") expect(e.data.currency).toBe("USD");
        if (e.type === "order.placed" || e.type === "order.shipped") expect(e.orderId).toBeDefined();
      }
    }
    expect(lateDispatch).toBeGreaterThan(10);
    expect(lateRefund).toBeGreaterThan(3);
    expect(reasons).toContain("defect");
    expect(reasons).toContain("changed_mind");
    expect(stats.byType["refund.issued"]).toBeGreaterThan(100);
  });

  it("only uses the demo agents as human actors", () => {
    const ids = new Set(demoAgents().map((a) => a.agentId));
    for (const e of events) {
      if (e.actor.type === "agent") expect(ids.has(e.actor.id ?? "")).toBe(true);
      if (e.type === "ticket.assigned") expect(ids.has(e.data.agentId)).toBe(true);
    }
  });
});
