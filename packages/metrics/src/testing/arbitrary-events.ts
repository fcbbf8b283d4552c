import type { CaliperEvent, Category, Channel, TicketStatus } from "@caliper/domain";
import fc from "fast-check";

/** Options for generated histories. */
export interface HistoryOptions {
  brands?: readonly string[];
  minTickets?: number;
  maxTickets?: number;
  minOrders?: number;
  maxOrders?: number;
  /** First possible creation instant (ms since epoch). */
  startMs?: number;
  /** Span of creation instants (ms). */
  spanMs?: number;
}

/** Agent replies: mostly compliant, some breaking a message rule of the default policy. */
const AGENT_BODIES = [
  "Thanks, looking into it.",
  "Your refund will be processed within 5-10 working days after inspection.",
  "Good news, your refund will be back on your card within 48 hours!",
  "Please email us at help@example.com with your order number.",
  "There is nothing we can do about that.",
  "Orders ship within 1-3 working days.",
];

const CHANNELS: Channel[] = ["contact_form", "email", "chat", "phone", "social"];
const CATS: Category[] = ["order", "shipping", "return_refund", "product_quality", "pre_sales", "complaint"];
const AGENTS = ["ag-1", "ag-2", "ag-3"];

type Step =
  | { kind: "customer"; gapMin: number }
  | { kind: "agent"; gapMin: number; agent: number; bot: boolean; automated: boolean }
  | { kind: "note"; gapMin: number; agent: number }
  | { kind: "assign"; gapMin: number; agent: number }
  | { kind: "status"; gapMin: number; status: TicketStatus }
  | { kind: "rating"; gapMin: number; rating: number };

/** true with probability n/(n+1). */
const likely = (n: number) => fc.nat(n).map((x) => x !== 0);

const gap = fc.integer({ min: 0, max: 3 * 24 * 60 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("customer" as const), gapMin: gap }),
  fc.record({
    kind: fc.constant("agent" as const),
    gapMin: gap,
    agent: fc.nat(AGENTS.length - 1),
    bot: likely(5).map((x) => !x),
    automated: likely(6).map((x) => !x),
  }),
  fc.record({ kind: fc.constant("note" as const), gapMin: gap, agent: fc.nat(AGENTS.length - 1) }),
  fc.record({ kind: fc.constant("assign" as const), gapMin: gap, agent: fc.nat(AGENTS.length - 1) }),
  fc.record({
    kind: fc.constant("status" as const),
    gapMin: gap,
    status: fc.constantFrom<TicketStatus>("solved", "solved", "open", "pending", "closed", "on_hold"),
  }),
  fc.record({ kind: fc.constant("rating" as const), gapMin: gap, rating: fc.integer({ min: 1, max: 5 }) }),
);

const ticketSpec = fc.record({
  brand: fc.nat(10),
  createdMs: fc.nat(),
  byCustomer: likely(8),
  channel: fc.constantFrom(...CHANNELS),
  category: fc.constantFrom(...CATS),
  withCreated: likely(12),
  steps: fc.array(step, { maxLength: 8 }),
});

const orderSpec = fc.record({
  brand: fc.nat(10),
  placedMs: fc.nat(),
  shipAfterH: fc.option(fc.integer({ min: 1, max: 24 * 8 }), { freq: 4 }),
  deliverAfterH: fc.option(fc.integer({ min: 1, max: 24 * 20 }), { freq: 4 }),
  returned: fc.option(
    fc.record({
      afterH: fc.integer({ min: 1, max: 24 * 30 }),
      passed: likely(5),
      refundAfterH: fc.option(fc.integer({ min: 1, max: 24 * 20 }), { freq: 3 }),
    }),
    { freq: 3 },
  ),
});

/**
 * Random but plausible histories: tickets with customer and agent messages (some automated),
 * notes, assignments, status changes including reopens, ratings; orders with shipping, returns
 * and refunds. Event ids are unique; `at` values are whole seconds in UTC.
 */
export function arbitraryHistory(options: HistoryOptions = {}): fc.Arbitrary<CaliperEvent[]> {
  const brands = options.brands ?? ["acme"];
  const start = options.startMs ?? Date.UTC(2025, 2, 1);
  const span = options.spanMs ?? 28 * 24 * 3600_000;
  return fc
    .record({
      tickets: fc.array(ticketSpec, { minLength: options.minTickets ?? 0, maxLength: options.maxTickets ?? 12 }),
      orders: fc.array(orderSpec, { minLength: options.minOrders ?? 0, maxLength: options.maxOrders ?? 4 }),
    })
    .map(({ tickets, orders }) => {
      const out: CaliperEvent[] = [];
      const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
      let n = 0;
      let replies = 0;
      tickets.forEach((t, ti) => {
        const brand = brands[t.brand % brands.length] as string;
        const ticketId = `T${ti}`;
        let at = start + (t.createdMs % span);
        const base = { brand, ticketId };
        if (t.withCreated)
          out.push({
            ...base,
            id: `e${n++}`,
            type: "ticket.created",
            at: iso(at),
            actor: t.byCustomer ? { type: "customer", id: `c${ti}` } : { type: "agent", id: AGENTS[0] as string },
            data: { channel: t.channel, category: t.category },
          });
        for (const s of t.steps) {
          at += s.gapMin * 60_000;
          const id = `e${n++}`;
          switch (s.kind) {
            case "customer":
              out.push({
                ...base,
                id,
                type: "message.customer",
                at: iso(at),
                actor: { type: "customer", id: `c${ti}` },
                data: { body: "Where is my order?" },
              });
              break;
            case "agent":
              out.push({
                ...base,
                id,
                type: "message.agent",
                at: iso(at),
                actor: s.bot ? { type: "bot", id: "bot" } : { type: "agent", id: AGENTS[s.agent] as string },
                data: s.automated
                  ? { body: "We got your message.", automated: true }
                  : // Spread bodies deterministically: fast-check's bias would pick the first every time.
                    { body: AGENT_BODIES[replies++ % AGENT_BODIES.length] as string },
              });
              break;
            case "note":
              out.push({
                ...base,
                id,
                type: "note.internal",
                at: iso(at),
                actor: { type: "agent", id: AGENTS[s.agent] as string },
                data: { body: "checked" },
              });
              break;
            case "assign":
              out.push({
                ...base,
                id,
                type: "ticket.assigned",
                at: iso(at),
                actor: { type: "system" },
                data: { agentId: AGENTS[s.agent] as string },
              });
              break;
            case "status":
              out.push({
                ...base,
                id,
                type: "ticket.status",
                at: iso(at),
                actor: { type: "agent", id: AGENTS[0] as string },
                data: { status: s.status },
              });
              break;
            case "rating":
              out.push({
                ...base,
                id,
                type: "feedback.submitted",
                at: iso(at),
                actor: { type: "customer", id: `c${ti}` },
                data: { rating: s.rating },
              });
              break;
          }
        }
      });
      orders.forEach((o, oi) => {
        const brand = brands[o.brand % brands.length] as string;
        const base = { brand, orderId: `O${oi}`, actor: { type: "system" as const } };
        let at = start + (o.placedMs % span);
        out.push({ ...base, id: `e${n++}`, type: "order.placed", at: iso(at), data: {} });
        if (o.shipAfterH === null) return;
        at += o.shipAfterH * 3600_000;
        out.push({ ...base, id: `e${n++}`, type: "order.shipped", at: iso(at), data: { carrier: "UPS" } });
        if (o.deliverAfterH === null) return;
        at += o.deliverAfterH * 3600_000;
        out.push({ ...base, id: `e${n++}`, type: "order.delivered", at: iso(at), data: {} });
        if (o.returned === null) return;
        at += o.returned.afterH * 3600_000;
        out.push({ ...base, id: `e${n++}`, type: "return.requested", at: iso(at), data: { reason: "size" } });
        at += 48 * 3600_000;
        out.push({
          ...base,
          id: `e${n++}`,
          type: "return.received",
          at: iso(at),
          data: { passedInspection: o.returned.passed },
        });
        if (o.returned.refundAfterH === null) return;
        at += o.returned.refundAfterH * 3600_000;
        out.push({
          ...base,
          id: `e${n++}`,
          type: "refund.issued",
          at: iso(at),
          data: { amount: 42.5, currency: "USD" },
        });
      });
      return out;
    });
}

/** One history of `arbitraryHistory(options)`, the same for the same seed: a fixed store for tests. */
export function sampleHistory(options: HistoryOptions, seed: number): CaliperEvent[] {
  const [events] = fc.sample(arbitraryHistory(options), { numRuns: 1, seed });
  if (!events) throw new Error("arbitraryHistory gave no sample");
  return events;
}

/** A deterministic permutation (for shuffled-arrival tests). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const a = items.slice();
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}
