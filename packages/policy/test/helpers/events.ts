import type { Actor, CaliperEvent } from "@caliper/domain";

/**
 * Builders of normalised events for clock tests. Ids increase with each call ("e0001", …), so
 * events built in order also sort in that order when their instants are equal.
 */
let counter = 0;
const nextId = (): string => `e${String(++counter).padStart(4, "0")}`;
const utc = (at: string): string => new Date(at).toISOString();

const AGENT: Actor = { type: "agent", id: "ag-1" };
const CUSTOMER: Actor = { type: "customer" };
const SYSTEM: Actor = { type: "system" };

interface TicketOpts {
  ticketId?: string;
  brand?: string;
}
interface OrderOpts {
  orderId?: string;
  brand?: string;
}

const ticket = (o: TicketOpts = {}) => ({ id: nextId(), brand: o.brand ?? "acme", ticketId: o.ticketId ?? "T-1" });
const order = (o: OrderOpts = {}) => ({ id: nextId(), brand: o.brand ?? "acme", orderId: o.orderId ?? "O-1" });

export const created = (at: string, o: TicketOpts & { actor?: Actor } = {}): CaliperEvent => ({
  ...ticket(o),
  type: "ticket.created",
  at: utc(at),
  actor: o.actor ?? CUSTOMER,
  data: { channel: "contact_form", category: "order" },
});

export const customerMessage = (at: string, o: TicketOpts = {}): CaliperEvent => ({
  ...ticket(o),
  type: "message.customer",
  at: utc(at),
  actor: CUSTOMER,
  data: { body: "Any news?" },
});

/** A reply by a human agent, or an automated one with `automated: true` or a bot/system actor. */
export const agentReply = (at: string, o: TicketOpts & { actor?: Actor; automated?: boolean } = {}): CaliperEvent => ({
  ...ticket(o),
  type: "message.agent",
  at: utc(at),
  actor: o.actor ?? AGENT,
  data: o.automated === undefined ? { body: "Hello" } : { body: "Hello", automated: o.automated },
});

export const internalNote = (at: string, o: TicketOpts = {}): CaliperEvent => ({
  ...ticket(o),
  type: "note.internal",
  at: utc(at),
  actor: AGENT,
  data: { body: "checking with the warehouse" },
});

export const orderPlaced = (at: string, o: OrderOpts = {}): CaliperEvent => ({
  ...order(o),
  type: "order.placed",
  at: utc(at),
  actor: SYSTEM,
  data: {},
});

export const orderShipped = (at: string, o: OrderOpts = {}): CaliperEvent => ({
  ...order(o),
  type: "order.shipped",
  at: utc(at),
  actor: SYSTEM,
  data: { carrier: "UPS" },
});

export const orderDelivered = (at: string, o: OrderOpts = {}): CaliperEvent => ({
  ...order(o),
  type: "order.delivered",
  at: utc(at),
  actor: SYSTEM,
  data: {},
});

export const returnReceived = (at: string, passedInspection: boolean, o: OrderOpts = {}): CaliperEvent => ({
  ...order(o),
  type: "return.received",
  at: utc(at),
  actor: SYSTEM,
  data: { passedInspection },
});

export const refundIssued = (at: string, o: OrderOpts = {}): CaliperEvent => ({
  ...order(o),
  type: "refund.issued",
  at: utc(at),
  actor: SYSTEM,
  data: { amount: 49.5, currency: "USD" },
});
