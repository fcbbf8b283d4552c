import {
  type Actor,
  type CaliperEvent,
  type Category,
  type Channel,
  type EventData,
  type EventType,
  FAULT_REASONS,
  LIMITS,
  type Priority,
  parseInstant,
  type ReturnReason,
  type TicketStatus,
} from "@caliper/domain";
import { arrivalTimes, type Peak, peakOf } from "./arrivals.ts";
import {
  addWorkingDays,
  addWorkingMinutes,
  atWorkingHour,
  DAY,
  HOUR,
  isWorkingDay,
  MINUTE,
  startOfDay,
} from "./calendar.ts";
import { hash32, Rng } from "./random.ts";
import { DEMO_STORES, type DemoAgentProfile, type DemoStore, type RuleId } from "./stores.ts";
import {
  AGENT_CLOSINGS,
  AGENT_GREETINGS,
  BOT_ACKS,
  BOT_CHAT,
  CHASERS,
  DEFAULT_ORDER_MODE,
  FEEDBACK_COMMENTS,
  FIRST_NAMES,
  FOLLOW_UPS,
  fill,
  GENERIC,
  NOTES,
  type OrderMode,
  REOPENS,
  STORE_SCENARIOS,
  type Scenario,
  VIOLATIONS,
  type Violation,
} from "./templates.ts";

export interface DemoOptions {
  /** Tickets created in the history (exactly this many). */
  tickets: number;
  /** Length of the history in days, ending at `end`. */
  days: number;
  seed: number;
  /** The instant the history ends at (RFC 3339); nothing happens at or after it. */
  end: string;
}

export const DEMO_DEFAULTS = { tickets: 3000, days: 90, seed: 1 } as const;

/** Fills in defaults; `end` defaults to the current time (so only an explicit `end` is reproducible). */
export const demoOptions = (partial: Partial<DemoOptions> = {}): DemoOptions => ({
  tickets: partial.tickets ?? DEMO_DEFAULTS.tickets,
  days: partial.days ?? DEMO_DEFAULTS.days,
  seed: partial.seed ?? DEMO_DEFAULTS.seed,
  end: partial.end ?? new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
});

/** Counters a caller may pass to generateDemo to learn what was generated. */
export interface DemoStats {
  tickets: number;
  events: number;
  byType: Partial<Record<EventType, number>>;
  /** message.agent events by human agents. */
  agentMessages: number;
  /** Human agent messages that break a message rule, by rule. */
  ruleBreaks: Partial<Record<RuleId, number>>;
  /** Events per brand. */
  byBrand: Record<string, number>;
}

export const emptyDemoStats = (): DemoStats => ({
  tickets: 0,
  events: 0,
  byType: {},
  agentMessages: 0,
  ruleBreaks: {},
  byBrand: {},
});

/** The most events in one yielded batch (the API's batch limit). */
export const DEMO_BATCH = 1000;

function checkOptions(o: DemoOptions): { end: number; start: number } {
  if (!Number.isSafeInteger(o.tickets) || o.tickets < 0) throw new RangeError("tickets must be a whole number >= 0");
  if (!Number.isFinite(o.days) || o.days <= 0 || o.days > 3660) throw new RangeError("days must be in (0, 3660]");
  if (!Number.isSafeInteger(o.seed)) throw new RangeError("seed must be a whole number");
  const iso = parseInstant(o.end);
  if (iso === null) throw new RangeError("end must be an RFC 3339 instant, e.g. 2026-03-02T00:00:00Z");
  const end = Date.parse(iso);
  return { end, start: end - Math.round(o.days * DAY) };
}

/** A short tag derived from the options, so histories from different options never share ids. */
const runTag = (o: DemoOptions, end: number): string =>
  hash32(o.seed, o.tickets, Math.round(o.days * 1000), end)
    .toString(36)
    .toUpperCase()
    .padStart(7, "0")
    .slice(0, 4);

const STORE_WEIGHTS = DEMO_STORES.map((s) => [s, s.weight] as const);

/**
 * Generates a reproducible demo history for the five built-in stores: `tickets` tickets
 * created in the `days` before `end`, in creation-time order, with their conversations,
 * orders, returns, refunds and ratings. Yields batches of at most 1000 events; a ticket's
 * events (and its order's) are always in the same batch. Events are in their normalised
 * EventInput form. Memory stays constant: tickets are generated one at a time, each from its
 * own PRNG stream, so the same options always give the same events. Pass `stats` to count
 * what was generated.
 */
export function* generateDemo(options: DemoOptions, stats?: DemoStats): Generator<CaliperEvent[]> {
  const { start, end } = checkOptions(options);
  const peak = peakOf(start, end);
  const tag = runTag(options, end);
  const arrivals = new Rng(options.seed, 0);
  const routing = new Rng(options.seed, 1);
  const sequence = new Map<string, number>();
  let batch: CaliperEvent[] = [];
  let index = 0;
  for (const created of arrivalTimes(arrivals, options.tickets, start, end, peak)) {
    const store = routing.weighted(STORE_WEIGHTS);
    const seq = (sequence.get(store.brand) ?? 1000) + 1;
    sequence.set(store.brand, seq);
    const ticket = new TicketBuilder({
      rng: new Rng(options.seed, index + 2),
      store,
      created,
      end,
      peak,
      ticketId: `${store.prefix}-${tag}-${seq}`,
      orderId: `${store.prefix}-${tag}-O${seq}`,
      poolSize: Math.max(50, Math.round(options.tickets * store.weight * 0.8)),
      stats,
    });
    const events = ticket.build();
    index++;
    if (batch.length + events.length > DEMO_BATCH) {
      yield batch;
      batch = [];
    }
    for (const e of events) batch.push(e);
    if (stats) {
      stats.tickets++;
      stats.events += events.length;
      for (const e of events) {
        stats.byType[e.type] = (stats.byType[e.type] ?? 0) + 1;
        stats.byBrand[e.brand] = (stats.byBrand[e.brand] ?? 0) + 1;
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/** The demo agents, for printing an agent key for one of them. */
export const demoAgents = (): { brand: string; agentId: string; name: string; trait: string }[] =>
  DEMO_STORES.flatMap((s) => s.agents.map((a) => ({ brand: s.brand, agentId: a.id, name: a.name, trait: a.trait })));

/** The peak period the demo uses for a history, as local dates (inclusive), or null. */
export function demoPeak(options: DemoOptions): { from: string; to: string; label: string } | null {
  const { start, end } = checkOptions(options);
  const p = peakOf(start, end);
  return p === null
    ? null
    : {
        from: new Date(p.from).toISOString().slice(0, 10),
        to: new Date(p.to - DAY).toISOString().slice(0, 10),
        label: p.label,
      };
}

interface TicketContext {
  rng: Rng;
  store: DemoStore;
  created: number;
  end: number;
  peak: Peak | null;
  ticketId: string;
  orderId: string;
  poolSize: number;
  stats: DemoStats | undefined;
}

interface Pending {
  at: number;
  /** Generation order: ties in time keep it. */
  n: number;
  event: CaliperEvent;
  /** The message rule a human agent message breaks, if any. */
  rule?: RuleId;
}

const DISPATCH_DAYS = [
  [0, 0.12],
  [1, 0.5],
  [2, 0.2],
  [3, 0.1],
  [4, 0.04],
  [5, 0.025],
  [6, 0.015],
] as const;
const DELIVERY_DAYS = [
  [3, 0.05],
  [4, 0.08],
  [5, 0.12],
  [6, 0.15],
  [7, 0.15],
  [8, 0.13],
  [9, 0.1],
  [10, 0.08],
  [11, 0.05],
  [12, 0.03],
  [13, 0.025],
  [14, 0.015],
  [16, 0.01],
  [18, 0.01],
] as const;
const REFUND_DAYS = [
  [1, 0.06],
  [2, 0.12],
  [3, 0.16],
  [4, 0.14],
  [5, 0.12],
  [6, 0.1],
  [7, 0.08],
  [8, 0.06],
  [9, 0.04],
  [10, 0.04],
  [12, 0.03],
  [14, 0.03],
  [17, 0.02],
] as const;
const PRIORITIES: readonly (readonly [Priority, number])[] = [
  ["normal", 0.8],
  ["high", 0.12],
  ["low", 0.06],
  ["urgent", 0.02],
];

const money = (x: number): string => x.toFixed(2);

const dayPrefixes = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
/** new Date(ms).toISOString() truncated to whole seconds, with the date part cached. */
function isoSeconds(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size > 10_000) dayPrefixes.clear();
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const sec = Math.floor((ms - day * DAY) / 1000);
  return `${prefix}${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}.000Z`;
}

/** A shuffled copy (Fisher–Yates). */
function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

class TicketBuilder {
  private readonly rng: Rng;
  private readonly store: DemoStore;
  private readonly out: Pending[] = [];
  private n = 0;
  private readonly vars: Record<string, string>;
  private readonly customer: Actor;
  private readonly slow: number;
  private dismissive = false;

  constructor(private readonly c: TicketContext) {
    this.rng = c.rng;
    this.store = c.store;
    const customerNo = this.rng.int(1, c.poolSize);
    const name =
      FIRST_NAMES[
        hash32(customerNo, this.store.prefix.charCodeAt(0), this.store.prefix.charCodeAt(1)) % FIRST_NAMES.length
      ] ?? "there";
    this.customer = { type: "customer", id: `${this.store.prefix.toLowerCase()}-cust-${customerNo}` };
    this.slow = c.peak && c.created >= c.peak.from && c.created < c.peak.to ? c.peak.slowdown : 1;
    const product = this.rng.pick(this.store.products);
    const amount = Math.round(this.rng.range(product.price[0], product.price[1])) - 0.01;
    this.vars = {
      name,
      store: this.store.name,
      order: c.orderId,
      ticket: c.ticketId,
      product: product.name,
      carrier: this.rng.pick(this.store.carriers),
      amount: `$${money(amount)} USD`,
      amountValue: money(amount),
      eur: money(amount * 0.92),
      gbp: money(amount * 0.79),
      days: String(this.rng.int(5, 14)),
      domain: this.store.domain,
      dispatchPolicy: "Orders leave our warehouse within 1-3 working days.",
      deliveryPolicy: "Delivery usually takes 6-12 working days after dispatch.",
      shippingPolicy:
        "Shipping is free: orders leave our warehouse within 1-3 working days and usually arrive within 6-12 working days.",
      refundPolicy:
        "Once your return arrives and passes inspection, we'll process your refund within 5-10 working days, in USD to your original payment method.",
      dutiesPolicy: this.store.dutiesPaid
        ? "All customs duties, tariffs and import fees are covered by us, so there is nothing extra to pay on delivery."
        : "",
    };
  }

  private isoAt(ms: number): string {
    return isoSeconds(ms);
  }

  private add<T extends EventType>(
    type: T,
    at: number,
    actor: Actor,
    data: EventData<T>,
    subject: { ticketId: string } | { orderId: string },
    id: string,
  ): Pending {
    const event = { id, type, brand: this.store.brand, ...subject, at: this.isoAt(at), actor, data } as CaliperEvent;
    const p: Pending = { at: seconds(at), n: this.n++, event };
    this.out.push(p);
    return p;
  }

  private ticketEvent<T extends EventType>(type: T, at: number, actor: Actor, data: EventData<T>): Pending {
    return this.add(type, at, actor, data, { ticketId: this.c.ticketId }, `${this.c.ticketId}.${this.n}`);
  }

  private orderEvent<T extends EventType>(
    type: T,
    suffix: string,
    at: number,
    data: EventData<T>,
    actor?: Actor,
  ): void {
    this.add(type, at, actor ?? { type: "system" }, data, { orderId: this.c.orderId }, `${this.c.orderId}.${suffix}`);
  }

  private text(template: string, extra: Record<string, string> = {}): string {
    let t = fill(template, this.vars, extra).trim();
    // Empty placeholders (a policy sentence a store does not have) leave double spaces.
    if (t.includes("  ")) t = t.replace(/ {2,}/g, " ");
    return t.length > LIMITS.body ? t.slice(0, LIMITS.body) : t;
  }

  /** When an agent answers something that arrived at `from`. */
  private replyAt(from: number, agent: DemoAgentProfile): number {
    if (this.rng.chance(agent.afterHours))
      return from + Math.max(3, this.rng.lognormal(agent.speed * 0.7, 0.8)) * MINUTE;
    return addWorkingMinutes(from, Math.max(2, this.rng.lognormal(agent.speed * this.slow, 0.9)));
  }

  /** A customer's reply some time after `from` (customers write at any hour). */
  private customerAt(from: number, median = 180): number {
    return from + Math.max(3, this.rng.lognormal(median, 1.2)) * MINUTE;
  }

  private violation(agent: DemoAgentProfile, category: Category, reason: ReturnReason | null): Violation | null {
    const fits = (v: Violation): boolean => {
      if (v.categories !== "all" && !v.categories.includes(category)) return false;
      if (v.when === "freeReturns") return this.store.freeReturns;
      if (v.when === "customerPaysReturns")
        return !this.store.freeReturns && reason !== null && !FAULT_REASONS.includes(reason);
      if (v.when === "dutiesPaid") return this.store.dutiesPaid;
      return true;
    };
    for (const rule of agent.habits) {
      const options = VIOLATIONS.filter((v) => v.rule === rule && fits(v));
      if (options.length > 0) return this.rng.pick(options);
    }
    return null;
  }

  /** A human agent message: greeting, core, closing, sometimes a sign-off; sometimes breaking a rule. */
  private agentMessage(
    at: number,
    agent: DemoAgentProfile,
    core: string,
    category: Category,
    reason: ReturnReason | null,
  ): void {
    const extra = { agent: agent.name, agentLower: agent.name.toLowerCase() };
    const greeting = this.rng.pick(AGENT_GREETINGS);
    const closing = this.rng.pick(AGENT_CLOSINGS);
    const signOff = this.rng.chance(0.5) ? `— ${agent.name}` : "";
    const compose = (main: string): string => [greeting, main, signOff].filter((x) => x !== "").join("\n\n");
    let body = compose(closing === "" ? core : `${core} ${closing}`);
    let rule: RuleId | undefined;
    if (this.rng.chance(agent.breakRate)) {
      const v = this.violation(agent, category, reason);
      if (v !== null) {
        const sentence = this.rng.pick(v.texts);
        body = compose(v.mode === "replace" ? sentence : `${core} ${sentence}`);
        if (v.rule === "tone.dismissive") this.dismissive = true;
        rule = v.rule;
      }
    }
    const p = this.ticketEvent("message.agent", at, { type: "agent", id: agent.id }, { body: this.text(body, extra) });
    if (rule !== undefined) p.rule = rule;
  }

  private status(at: number, status: TicketStatus, actor: Actor): void {
    this.ticketEvent("ticket.status", at, actor, { status });
  }

  private scenario(category: Category): Scenario {
    const own = STORE_SCENARIOS[this.store.brand]?.[category] ?? [];
    if (own.length > 0 && this.rng.chance(0.7)) return this.rng.pick(own);
    return this.rng.pick(GENERIC[category]);
  }

  /** Dispatch, delivery and return dates of this ticket's order, emitted as order events. */
  private order(mode: OrderMode, created: number, firstReply: number, peak: boolean): void {
    const rng = this.rng;
    const dispatchDays = (): number => rng.weighted(DISPATCH_DAYS) + (peak && rng.chance(0.4) ? 1 : 0);
    const dispatch = (placed: number): number => {
      let wd = dispatchDays();
      const sameDayCutoff = startOfDay(placed) + 14 * HOUR;
      if (wd === 0 && !(isWorkingDay(placed) && placed < sameDayCutoff)) wd = 1;
      const day = addWorkingDays(placed, wd);
      return Math.max(placed + HOUR, atWorkingHour(day, rng.next()));
    };
    const deliver = (shipped: number): number =>
      atWorkingHour(addWorkingDays(shipped, rng.weighted(DELIVERY_DAYS)), rng.next());
    let placed: number;
    let shipped: number | null = null;
    let delivered: number | null = null;
    if (mode === "recent" || mode === "cancelled") {
      placed = created - rng.range(0.05, 2) * DAY;
      if (mode === "recent") {
        // The customer asked before dispatch; it leaves after the agent has answered.
        shipped = dispatch(placed);
        if (shipped < firstReply + HOUR) shipped = addWorkingMinutes(firstReply + HOUR, rng.int(0, 240));
        delivered = deliver(shipped);
      }
    } else if (mode === "shipped") {
      placed = created - rng.range(3, 10) * DAY;
      shipped = dispatch(placed);
      if (shipped > created - HOUR) shipped = created - rng.range(1, 5) * HOUR;
      delivered = deliver(shipped);
      if (delivered < created + 2 * HOUR) delivered = atWorkingHour(addWorkingDays(created, rng.int(1, 4)), rng.next());
    } else {
      delivered = atWorkingHour(addWorkingDays(created, -rng.int(1, 15)), rng.next());
      if (delivered > created - HOUR) delivered = created - rng.range(2, 20) * HOUR;
      const sentDay = addWorkingDays(delivered, -rng.weighted(DELIVERY_DAYS));
      shipped = atWorkingHour(sentDay, rng.next());
      const placedDay = addWorkingDays(shipped, -Math.max(1, dispatchDays()));
      placed = startOfDay(placedDay) + rng.range(7, 23) * HOUR;
    }
    this.orderEvent("order.placed", "placed", placed, {}, this.customer);
    if (shipped !== null) this.orderEvent("order.shipped", "shipped", shipped, { carrier: this.vars.carrier ?? "UPS" });
    if (delivered !== null) this.orderEvent("order.delivered", "delivered", delivered, {});
  }

  /** A return after `requested`: received, inspected, refunded (sometimes late). Returns the refund time. */
  private returnFlow(requested: number, reason: ReturnReason): { refundAt: number | null; late: boolean } {
    const rng = this.rng;
    this.orderEvent("return.requested", "return", requested, { reason }, this.customer);
    const received = atWorkingHour(addWorkingDays(requested, rng.int(3, 8)), rng.next());
    const passed = rng.chance(reason === "changed_mind" || reason === "size" ? 0.88 : 0.97);
    this.orderEvent("return.received", "received", received, { passedInspection: passed });
    if (!passed) return { refundAt: null, late: false };
    const wd = rng.weighted(REFUND_DAYS) + (this.slow > 1 && rng.chance(0.4) ? 2 : 0);
    const refundAt = atWorkingHour(addWorkingDays(received, wd), rng.next());
    this.orderEvent("refund.issued", "refund", refundAt, {
      amount: Number(this.vars.amountValue),
      currency: "USD",
    });
    return { refundAt, late: wd > 10 };
  }

  build(): CaliperEvent[] {
    const rng = this.rng;
    const store = this.store;
    const created = this.c.created;
    const category = rng.weighted(store.categories);
    const channel: Channel = rng.weighted(store.channels);
    const scenario = this.scenario(category);
    const agents = store.agents.map((a) => [a, a.load] as const);
    let agent = rng.weighted(agents);
    const peak = this.slow > 1;

    // Order and return facts.
    const mode = scenario.order ?? DEFAULT_ORDER_MODE[category];
    const orderShare = category === "product_quality" ? 0.5 : 0.6;
    const hasOrder = mode !== "none" && rng.chance(orderShare);
    const reason: ReturnReason | null =
      mode === "return" || scenario.reason !== undefined
        ? (scenario.reason ?? rng.weighted(store.returnReasons))
        : null;
    const returnShipping =
      store.freeReturns || (reason !== null && FAULT_REASONS.includes(reason))
        ? "Return shipping is free — we'll send you a prepaid label."
        : "As this isn't a fault with the item, return postage is covered by you.";
    this.vars.returnShipping = returnShipping;
    this.vars.returnPolicy = `You can return it within 60 days of delivery. ${returnShipping}`;

    // Creation and the customer's first message.
    const priority =
      category === "complaint"
        ? rng.weighted([
            ["high", 0.5],
            ["normal", 0.45],
            ["urgent", 0.05],
          ] as const)
        : rng.weighted(PRIORITIES);
    const subject = this.text(scenario.subject).slice(0, 120);
    this.ticketEvent("ticket.created", created, this.customer, {
      channel,
      category,
      priority,
      subject,
      customerId: this.customer.id as string,
      ...(hasOrder ? { orderId: this.c.orderId } : {}),
    });
    this.ticketEvent("message.customer", created, this.customer, { body: this.text(scenario.body) });

    // Automatic acknowledgement (never a reply).
    if (store.bot > 0) {
      if (channel !== "chat" && rng.chance(store.bot))
        this.ticketEvent(
          "message.agent",
          created + rng.int(15, 120) * 1000,
          { type: "bot", id: `${store.brand}/autoresponder` },
          { body: this.text(rng.pick(BOT_ACKS)), automated: true },
        );
      else if (channel === "chat" && rng.chance(0.6))
        this.ticketEvent(
          "message.agent",
          created + rng.int(2, 10) * 1000,
          { type: "bot", id: `${store.brand}/assistant` },
          { body: this.text(rng.pick(BOT_CHAT)), automated: true },
        );
    }

    // Routing and the first reply.
    const routed = addWorkingMinutes(created, rng.int(1, 40));
    let firstReply = this.replyAt(created, agent);
    if (channel === "chat" && rng.chance(0.7))
      firstReply = Math.min(firstReply, addWorkingMinutes(created, rng.int(1, 12)));
    const assigned = Math.min(routed, firstReply - MINUTE);
    this.ticketEvent("ticket.assigned", assigned, { type: "system" }, { agentId: agent.id });
    if (firstReply - created > 26 * HOUR && rng.chance(0.4)) {
      const chase = created + rng.range(20, 26) * HOUR;
      this.ticketEvent("message.customer", chase, this.customer, { body: this.text(rng.pick(CHASERS)) });
    }
    if (rng.chance(agent.notes)) {
      const note = scenario.note ?? rng.pick(NOTES.general);
      const at = Math.max(assigned + MINUTE, firstReply - rng.int(2, 25) * MINUTE);
      this.ticketEvent("note.internal", at, { type: "agent", id: agent.id }, { body: this.text(note) });
    }
    this.agentMessage(firstReply, agent, scenario.reply, category, reason);
    if (hasOrder) this.order(mode, created, firstReply, peak);
    let last = firstReply;

    let refund: { refundAt: number | null; late: boolean } = { refundAt: null, late: false };
    if (hasOrder && mode === "return" && reason !== null)
      refund = this.returnFlow(firstReply + rng.int(10, 240) * MINUTE, reason);
    if (hasOrder && rng.chance(0.04)) this.status(firstReply + 1000, "on_hold", { type: "agent", id: agent.id });

    // Follow-up rounds: each customer message after a reply starts a next_response clock.
    const rounds = rng.repeats(0.38, 3);
    const own =
      scenario.followUp !== undefined && scenario.reply2 !== undefined
        ? [[scenario.followUp, scenario.reply2] as const]
        : [];
    const byOrder = !hasOrder
      ? []
      : mode === "return"
        ? FOLLOW_UPS.return
        : mode === "recent"
          ? FOLLOW_UPS.recent
          : mode === "shipped"
            ? FOLLOW_UPS.shipped
            : [];
    const followUps = [
      ...own,
      ...[...byOrder, ...shuffled(rng, FOLLOW_UPS.general)].filter(([q]) => !own.some(([mine]) => mine.includes(q))),
    ];
    for (let r = 0; r < rounds; r++) {
      const pending = rng.chance(0.6);
      if (pending) this.status(last + 2000, "pending", { type: "agent", id: agent.id });
      const pair = followUps[r] ?? rng.pick(FOLLOW_UPS.general);
      const asked = this.customerAt(last);
      this.ticketEvent("message.customer", asked, this.customer, { body: this.text(pair[0]) });
      if (pending) this.status(asked + 1000, "open", { type: "system" });
      if (r === 0 && rng.chance(0.07)) {
        const others = store.agents.filter((a) => a.id !== agent.id);
        const next = rng.pick(others);
        const handover = asked + rng.int(5, 90) * MINUTE;
        this.ticketEvent(
          "note.internal",
          handover,
          { type: "agent", id: agent.id },
          {
            body: this.text(rng.pick(NOTES.handover), { agent2: next.name }),
          },
        );
        this.ticketEvent("ticket.assigned", handover + 1000, { type: "system" }, { agentId: next.id });
        agent = next;
      }
      last = this.replyAt(asked, agent);
      this.agentMessage(last, agent, pair[1], category, reason);
    }

    // Resolution, reopen, rating.
    const frtHours = (firstReply - created) / HOUR;
    let solvedAt: number | null = null;
    let reopened = false;
    if (rng.chance(agent.closes)) {
      solvedAt = last + rng.int(1, 15) * MINUTE;
      this.status(solvedAt, "solved", { type: "agent", id: agent.id });
      const reopenChance = 0.045 + (refund.late ? 0.5 : 0) + (mode === "shipped" && hasOrder ? 0.03 : 0);
      if (rng.chance(reopenChance)) {
        reopened = true;
        const kind = refund.late
          ? "refund"
          : mode === "shipped"
            ? "shipping"
            : mode === "return"
              ? "quality"
              : "general";
        const [ask, answer] = rng.pick(REOPENS[kind]);
        const back =
          refund.late && refund.refundAt !== null
            ? Math.max(solvedAt + DAY, refund.refundAt - rng.range(1, 3) * DAY)
            : solvedAt + rng.range(1, 6) * DAY;
        this.ticketEvent("message.customer", back, this.customer, { body: this.text(ask) });
        this.status(back + 1000, "open", { type: "system" });
        last = this.replyAt(back, agent);
        this.agentMessage(last, agent, answer, category, reason);
        solvedAt = last + rng.int(1, 15) * MINUTE;
        this.status(solvedAt, "solved", { type: "agent", id: agent.id });
      }
    }
    if (solvedAt !== null && rng.chance(0.3)) {
      let score = 4.1 + agent.warmth;
      score += frtHours < 2 ? 0.4 : frtHours < 8 ? 0.2 : frtHours > 48 ? -1.2 : frtHours > 24 ? -0.6 : 0;
      if (reopened) score -= 0.9;
      if (this.dismissive) score -= 1.6;
      if (refund.late) score -= 0.7;
      score -= 0.15 * rounds;
      score += 0.8 * rng.normal();
      const rating = Math.min(5, Math.max(1, Math.round(score))) as 1 | 2 | 3 | 4 | 5;
      const data: EventData<"feedback.submitted"> = { rating };
      if (rng.chance(0.4)) data.comment = this.text(rng.pick(FEEDBACK_COMMENTS[rating]), { agent: agent.name });
      this.ticketEvent("feedback.submitted", solvedAt + rng.lognormal(6 * 60, 1) * MINUTE, this.customer, data);
    }

    // The history ends at `end`: drop what has not happened yet; time order within the ticket.
    const kept = this.out.filter((p) => p.at < this.c.end).sort((a, b) => a.at - b.at || a.n - b.n);
    const stats = this.c.stats;
    if (stats)
      for (const p of kept) {
        if (p.event.type === "message.agent" && p.event.actor.type === "agent") stats.agentMessages++;
        if (p.rule !== undefined) stats.ruleBreaks[p.rule] = (stats.ruleBreaks[p.rule] ?? 0) + 1;
      }
    return kept.map((p) => p.event);
  }
}
