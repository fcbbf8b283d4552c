import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES, EventInput, parseEvent, parseInstant } from "../src/index.ts";

describe("parseInstant", () => {
  it("normalises any offset to UTC with milliseconds", () => {
    expect(parseInstant("2026-03-02T09:15:00Z")).toBe("2026-03-02T09:15:00.000Z");
    expect(parseInstant("2026-03-02T10:15:00+01:00")).toBe("2026-03-02T09:15:00.000Z");
    expect(parseInstant("2026-03-01T23:15:00.5-10:00")).toBe("2026-03-02T09:15:00.500Z");
  });

  it("refuses impossible calendar dates and missing offsets", () => {
    for (const bad of [
      "2025-02-30T00:00:00Z",
      "2025-02-29T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-03-02T24:01:00Z",
      "2026-03-02T09:15:00",
      "later",
      "2026-03-02",
    ])
      expect(parseInstant(bad), bad).toBeNull();
    expect(parseInstant("2024-02-29T00:00:00Z")).toBe("2024-02-29T00:00:00.000Z");
  });

  it("round-trips every instant written with any whole-minute offset", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1971-01-01"), max: new Date("9000-01-01"), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (d, offMin) => {
          const ms = Math.floor(d.getTime() / 1000) * 1000;
          const local = new Date(ms + offMin * 60_000).toISOString().slice(0, 19);
          const sign = offMin < 0 ? "-" : "+";
          const abs = Math.abs(offMin);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(parseInstant(text)).toBe(new Date(ms).toISOString());
        },
      ),
    );
  });
});

const base = { id: "e1", brand: "acme", at: "2026-03-02T09:15:00Z" };

describe("EventInput", () => {
  it("accepts every documented event type with its data", () => {
    const ok = [
      {
        ...base,
        type: "ticket.created",
        ticketId: "T",
        data: { channel: "chat", category: "shipping", priority: "high" },
      },
      { ...base, type: "message.customer", ticketId: "T" },
      { ...base, type: "message.agent", ticketId: "T", actor: { type: "bot" }, data: { body: "hi", automated: true } },
      { ...base, type: "note.internal", ticketId: "T", actor: { type: "agent", id: "a" } },
      { ...base, type: "ticket.assigned", ticketId: "T", data: { agentId: "a" } },
      { ...base, type: "ticket.status", ticketId: "T", data: { status: "on_hold" } },
      { ...base, type: "feedback.submitted", ticketId: "T", data: { rating: 5, comment: "great" } },
      { ...base, type: "order.placed", orderId: "O" },
      { ...base, type: "order.shipped", orderId: "O", data: { carrier: "DHL" } },
      { ...base, type: "order.delivered", orderId: "O" },
      { ...base, type: "return.requested", orderId: "O", data: { reason: "defect" } },
      { ...base, type: "return.received", orderId: "O", data: { passedInspection: true } },
      { ...base, type: "refund.issued", orderId: "O", data: { amount: 19.9, currency: "USD" } },
    ];
    for (const e of ok) expect(EventInput.safeParse(e).success, e.type).toBe(true);
  });

  it("names the path of every problem", () => {
    const r = EventInput.safeParse({ ...base, type: "feedback.submitted", data: { rating: 0 } });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["ticketId", "data.rating"]));
  });

  it("requires an agent id for a human agent message and refuses customer actors there", () => {
    expect(
      EventInput.safeParse({ ...base, type: "message.agent", ticketId: "T", actor: { type: "agent" } }).error?.issues[0]
        ?.path,
    ).toEqual(["actor", "id"]);
    expect(
      EventInput.safeParse({ ...base, type: "message.agent", ticketId: "T", actor: { type: "customer", id: "c" } })
        .success,
    ).toBe(false);
  });

  it("refuses NUL characters, lone surrogates and bad brand ids", () => {
    expect(
      EventInput.safeParse({ ...base, type: "message.customer", ticketId: "T", data: { body: "a\u0000b" } }).success,
    ).toBe(false);
    expect(
      EventInput.safeParse({ ...base, type: "message.customer", ticketId: "T", data: { body: "a\ud800b" } }).success,
    ).toBe(false);
    expect(EventInput.safeParse({ ...base, type: "message.customer", ticketId: "T\u0001" }).success).toBe(false);
    expect(EventInput.safeParse({ ...base, brand: "Acme Inc", type: "message.customer", ticketId: "T" }).success).toBe(
      false,
    );
    expect(
      EventInput.safeParse({ ...base, type: "message.customer", ticketId: "T", data: { body: "emoji 😀 ok" } }).success,
    ).toBe(true);
  });

  it("keeps unknown data keys and defaults the actor", () => {
    const r = EventInput.parse({ ...base, type: "message.customer", ticketId: "T", data: { body: "x", locale: "fr" } });
    expect(r.data).toEqual({ body: "x", locale: "fr" });
    expect(r.actor).toEqual({ type: "customer" });
    expect(r.at).toBe("2026-03-02T09:15:00.000Z");
  });
});

describe("parseEvent", () => {
  const lines = (value: unknown): string[] => {
    const r = parseEvent(value);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("lists the type's rules beside the envelope's problems, so one answer names every bad field", () => {
    // EventInput alone stops at the envelope (id, at) and says nothing of orderId or data.
    expect(lines({ type: "refund.issued", brand: "b", data: { amount: "3" } })).toEqual([
      "id: is required",
      "at: is required",
      "orderId: is required for refund.issued",
      "data.amount: must be a number, not text",
      "data.currency: is required",
    ]);
    expect(lines({ id: "e1", type: "message.agent", brand: "b", at: "soon", ticketId: "T1" })).toEqual([
      "at: must be an RFC 3339 timestamp with an offset, e.g. 2026-03-02T09:15:00Z",
      "actor: is required for message.agent",
    ]);
  });

  it("agrees with EventInput on every input: the same verdict, the same event, EventInput's issues first, no field twice", () => {
    const text = fc.constantFrom("e1", "T1", "O1", "jewelry", "", "2026-03-02T09:15:00Z", "later");
    const event = fc.record(
      {
        id: fc.oneof(text, fc.integer()),
        type: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.constant("ticket.exploded")),
        brand: text,
        ticketId: fc.oneof(text, fc.integer()),
        orderId: text,
        at: fc.constantFrom("2026-03-02T09:15:00Z", "later"),
        actor: fc.oneof(
          fc.record({ type: fc.constantFrom("customer", "agent", "bot", "robot") }, { requiredKeys: ["type"] }),
          fc.record({ type: fc.constant("agent"), id: fc.constant("ag-1") }),
        ),
        data: fc.oneof(
          fc.constant({}),
          fc.record({ channel: fc.constantFrom("email", "fax"), category: fc.constantFrom("order", "nope") }),
          fc.record({
            amount: fc.oneof(fc.integer({ min: 0 }), fc.constant("3")),
            currency: fc.constantFrom("USD", "usd"),
          }),
          fc.record({ status: fc.constantFrom("open", "done") }),
          fc.record({ rating: fc.integer({ min: 0, max: 6 }) }),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(event, fc.anything()), (value) => {
        const a = EventInput.safeParse(value);
        const b = parseEvent(value);
        expect(b.success).toBe(a.success);
        if (a.success) expect(b.data).toEqual(a.data);
        else {
          expect(b.error?.issues.slice(0, a.error.issues.length)).toEqual(a.error.issues);
          const fields = (b.error?.issues ?? []).map((i) => i.path.join("."));
          expect(new Set(fields).size).toBe(fields.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
