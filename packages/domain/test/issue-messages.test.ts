import { describe, expect, it } from "vitest";
import { EventInput } from "../src/index.ts";

const base = { id: "e1", brand: "jewelry", at: "2026-03-02T09:15:00Z" };

/** The messages of a failed parse, as "path: message". */
const issues = (value: unknown): string[] => {
  const r = EventInput.safeParse(value);
  expect(r.success).toBe(false);
  return r.error ? r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) : [];
};

describe("validation messages", () => {
  it("says a missing field is required, naming the choices of an enum", () => {
    expect(issues({ type: "ticket.created", ticketId: "T1" })).toEqual([
      "id: is required",
      "brand: is required",
      "at: is required",
    ]);
    expect(issues({ ...base, type: "ticket.status", ticketId: "T1", data: {} })).toEqual([
      "data.status: is required: one of open, pending, on_hold, solved, closed",
    ]);
    expect(issues({ ...base, type: "refund.issued", orderId: "O1", data: { amount: 5 } })).toEqual([
      "data.currency: is required",
    ]);
  });

  it("says what a field must be and what it got, in plain words", () => {
    expect(
      issues({
        ...base,
        type: "ticket.created",
        ticketId: "T1",
        data: { channel: "fax", category: "order", subject: 5 },
      }),
    ).toEqual([
      "data.channel: must be one of: contact_form, email, chat, phone, social",
      "data.subject: must be text, not a number",
    ]);
    expect(issues({ ...base, type: "refund.issued", orderId: "O1", data: { amount: "3", currency: "USD" } })).toEqual([
      "data.amount: must be a number, not text",
    ]);
    expect(issues({ ...base, type: "return.received", orderId: "O1", data: { passedInspection: "yes" } })).toEqual([
      "data.passedInspection: must be true or false, not text",
    ]);
    expect(issues("hello")).toEqual([": must be an object, not text"]);
    expect(issues([base])).toEqual([": must be an object, not a list"]);
  });

  it("states limits with their unit", () => {
    expect(issues({ ...base, type: "feedback.submitted", ticketId: "T1", data: { rating: 9 } })).toEqual([
      "data.rating: must be at most 5",
    ]);
    expect(issues({ ...base, type: "feedback.submitted", ticketId: "T1", data: { rating: 0 } })).toEqual([
      "data.rating: must be at least 1",
    ]);
    expect(
      issues({
        ...base,
        type: "ticket.created",
        ticketId: "T1",
        data: { channel: "email", category: "order", subject: "x".repeat(501) },
      }),
    ).toEqual(["data.subject: must be at most 500 characters"]);
  });

  it("keeps a schema's own message", () => {
    expect(issues({ ...base, type: "refund.issued", orderId: "O1", data: { amount: 3, currency: "usd" } })).toEqual([
      "data.currency: must be an ISO 4217 code such as USD",
    ]);
    expect(issues({ ...base, at: "yesterday", type: "ticket.created", ticketId: "T1", data: {} })[0]).toMatch(
      /^at: must be an RFC 3339 timestamp/,
    );
  });
});
