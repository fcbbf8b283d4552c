import { TEST_BACKENDS } from "@caliper/db/testing";
import { EVENT_TYPES, type EventType, LIMITS } from "@caliper/domain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFuzzWorld,
  type FuzzOutcome,
  type FuzzWorld,
  fuzzParams,
  HOSTILE_STRINGS,
  hostileString,
  jsonText,
  mutate,
  mutation,
  nested,
  nestedText,
  send,
  storedRows,
} from "./harness.ts";

/**
 * POST /v1/events: valid events of every type, mutated (wrong types, missing and extra fields,
 * unknown types, impossible dates, hostile ids and data), alone, in batches, as NDJSON. A
 * refused request stores nothing; an accepted one stores what it reports.
 */

const DATA: Record<EventType, fc.Arbitrary<Record<string, unknown>>> = {
  "ticket.created": fc.record(
    {
      channel: fc.constantFrom("contact_form", "email", "chat", "phone", "social"),
      category: fc.constantFrom("pre_sales", "order", "payment", "shipping", "return_refund", "other"),
      priority: fc.constantFrom("low", "normal", "high", "urgent"),
      subject: fc.string({ maxLength: 40 }),
      customerId: fc.constantFrom("c1", "c2"),
    },
    { requiredKeys: ["channel", "category"] },
  ),
  "message.customer": fc.record({ body: fc.string({ maxLength: 80 }) }, { requiredKeys: [] }),
  "message.agent": fc.record({ body: fc.string({ maxLength: 80 }), automated: fc.boolean() }, { requiredKeys: [] }),
  "note.internal": fc.record({ body: fc.string({ maxLength: 80 }) }, { requiredKeys: [] }),
  "ticket.assigned": fc.record({ agentId: fc.constantFrom("ag-1", "ag-2") }),
  "ticket.status": fc.record({ status: fc.constantFrom("open", "pending", "on_hold", "solved", "closed") }),
  "feedback.submitted": fc.record(
    { rating: fc.integer({ min: 1, max: 5 }), comment: fc.string({ maxLength: 40 }) },
    { requiredKeys: ["rating"] },
  ),
  "order.placed": fc.constant({}),
  "order.shipped": fc.record({ carrier: fc.constantFrom("ups", "dhl") }, { requiredKeys: [] }),
  "order.delivered": fc.constant({}),
  "return.requested": fc.record({
    reason: fc.constantFrom("defect", "wrong_item", "damaged", "changed_mind", "size", "other"),
  }),
  "return.received": fc.record({ passedInspection: fc.boolean() }),
  "refund.issued": fc.record({ amount: fc.double({ min: 0, max: 1e6, noNaN: true }), currency: fc.constant("EUR") }),
};

let counter = 0;
/** A valid event of any type, with a fresh id (so an accepted one is stored, not a duplicate). */
const validEvent = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.constantFrom(...EVENT_TYPES).chain((type) =>
    fc
      .record({
        data: DATA[type],
        minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
        ticket: fc.constantFrom("T1", "T2", "T3"),
        offset: fc.constantFrom("Z", "+02:00", "-05:30"),
      })
      .map(({ data, minute, ticket, offset }) => {
        const at = new Date(Date.parse("2025-03-01T00:00:00Z") + minute * 60_000).toISOString().replace("Z", "");
        const order = type.startsWith("order.") || type.startsWith("return.") || type.startsWith("refund.");
        return {
          id: `fz-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
          type,
          brand: "acme",
          ...(order ? { orderId: "O1" } : { ticketId: ticket }),
          at: `${at}${offset}`,
          actor:
            type === "message.agent"
              ? { type: "agent", id: "ag-1" }
              : type === "message.customer"
                ? { type: "customer", id: "c1" }
                : { type: "system" },
          data,
        };
      }),
  );

/** Targeted damage to an event (besides the generic mutations). */
const DAMAGE_LIST: Array<[string, (e: Record<string, unknown>) => Record<string, unknown>]> = [
  ["unknown type", (e) => ({ ...e, type: "ticket.exploded" })],
  ["type case", (e) => ({ ...e, type: String(e.type).toUpperCase() })],
  ["Feb 30", (e) => ({ ...e, at: "2025-02-30T10:00:00Z" })],
  ["24:61", (e) => ({ ...e, at: "2025-03-01T24:61:00Z" })],
  ["year 0", (e) => ({ ...e, at: "0000-01-01T00:00:00Z" })],
  ["no offset", (e) => ({ ...e, at: "2025-03-01T10:00:00" })],
  ["epoch number", (e) => ({ ...e, at: 1740823200000 })],
  ["bad offset", (e) => ({ ...e, at: "2025-03-01T10:00:00+24:00" })],
  ["NUL id", (e) => ({ ...e, id: "a\u0000b" })],
  ["lone surrogate id", (e) => ({ ...e, id: "a\ud800b" })],
  ["SQL id", (e) => ({ ...e, id: "'; DROP TABLE events; --" })],
  ["traversal ticket", (e) => ({ ...e, ticketId: "../../etc/passwd", orderId: "%2e%2e%2f" })],
  ["NUL ticket", (e) => ({ ...e, ticketId: "T\u0000", orderId: "O\u0000" })],
  ["SQL brand", (e) => ({ ...e, brand: "acme' OR 1=1 --" })],
  ["NUL in data", (e) => ({ ...e, data: { ...(e.data as object), extra: "\u0000", "\u0000": 1 } })],
  ["lone surrogate in data", (e) => ({ ...e, data: { ...(e.data as object), extra: "\udc00", body: "x\ud800" } })],
  ["deep data", (e) => ({ ...e, data: { ...(e.data as object), deep: nested("[", 100_000) } })],
  ["deep data (objects)", (e) => ({ ...e, data: { ...(e.data as object), deep: nested("{", 10_000) } })],
  ["deep actor", (e) => ({ ...e, actor: nested("{", 50_000) })],
  ["huge body", (e) => ({ ...e, data: { ...(e.data as object), body: "x".repeat(LIMITS.body + 1) } })],
  ["huge extra data", (e) => ({ ...e, data: { ...(e.data as object), blob: "x".repeat(1_000_000) } })],
  ["data is an array", (e) => ({ ...e, data: [1, 2] })],
  ["data is a string", (e) => ({ ...e, data: "x" })],
  ["prototype keys", (e) => JSON.parse(`{"__proto__":{"admin":true},${JSON.stringify(e).slice(1)}`)],
];
const DAMAGE = new Map(DAMAGE_LIST);
const damage = (what: string, e: Record<string, unknown>) =>
  (DAMAGE.get(what) as (e: Record<string, unknown>) => Record<string, unknown>)(e);
const DAMAGE_NAMES = DAMAGE_LIST.map(([w]) => w);

describe.each(TEST_BACKENDS)("event fuzzing on %s", (backend) => {
  let world: FuzzWorld;
  beforeAll(async () => {
    world = await createFuzzWorld(backend);
  });
  afterAll(async () => {
    await world.close();
  });

  /** Posts events and checks that what was stored matches the answer. */
  const postEvents = async (body: string, contentType = "application/json", n?: number): Promise<FuzzOutcome> => {
    const before = await storedRows(world);
    const out = await send(world, { route: "POST /v1/events", method: "POST", url: "/v1/events", body, contentType });
    expect(out).not.toBeNull();
    const o = out as FuzzOutcome;
    if (o.status === 200) {
      expect(Object.keys(o.json).sort()).toEqual(["accepted", "duplicates"]);
      if (n !== undefined) expect(o.json.accepted + o.json.duplicates).toBe(n);
      expect((await storedRows(world)).events - before.events).toBe(o.json.accepted);
    }
    return o;
  };

  it("accepts valid events of every type, alone, batched and as NDJSON", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(validEvent(), { minLength: 1, maxLength: 5 }), async (events) => {
        const single = await postEvents(JSON.stringify(events[0]), "application/json", 1);
        expect(single.status, single.text).toBe(200);
        const batch = await postEvents(JSON.stringify({ events }), "application/json", events.length);
        expect(batch.status, batch.text).toBe(200);
        const ndjson = await postEvents(events.map((e) => JSON.stringify(e)).join("\n"), "application/x-ndjson");
        expect(ndjson.status, ndjson.text).toBe(200);
      }),
      fuzzParams(15),
    );
  });

  it("answers mutated events (wrong types, missing and extra fields) without a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(validEvent(), fc.array(mutation(), { minLength: 1, maxLength: 4 }), async (event, ms) => {
        await postEvents(jsonText(mutate(event, ms)));
      }),
      fuzzParams(120),
    );
  });

  it("refuses targeted damage to an event: unknown types, impossible dates, hostile ids and data", async () => {
    await fc.assert(
      fc.asyncProperty(validEvent(), fc.constantFrom(...DAMAGE_NAMES), async (event, what) => {
        await postEvents(jsonText(damage(what, event)));
      }),
      fuzzParams(
        60,
        DAMAGE_NAMES.map((what) => [fc.sample(validEvent(), 1)[0] as Record<string, unknown>, what]),
      ),
    );
  });

  it("refuses a whole batch, storing nothing, when one event is bad; lists it by index", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validEvent(), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom(...DAMAGE_NAMES.filter((w) => !/deep|huge|prototype/.test(w))),
        fc.constantFrom("batch", "ndjson"),
        async (events, at, what, kind) => {
          const i = at % events.length;
          const bad = events.map((e, j) => (j === i ? damage(what, e) : e));
          const body = kind === "batch" ? jsonText({ events: bad }) : bad.map((e) => jsonText(e)).join("\n");
          const out = await postEvents(body, kind === "batch" ? "application/json" : "application/x-ndjson");
          if (out.status === 400 && out.json.error.code === "validation_failed")
            expect(
              out.json.error.issues.every(
                (p: { path: string }) => p.path === `events.${i}` || p.path.startsWith(`events.${i}.`),
              ),
              `${what}: ${out.text.slice(0, 300)}`,
            ).toBe(true);
        },
      ),
      fuzzParams(40),
    );
  });

  it("refuses 1001 events (a batch, a bare array, NDJSON) with 413 and takes 1000", async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `many-${n}-${i}`,
        type: "message.customer",
        brand: "acme",
        ticketId: "T9",
        at: "2025-03-02T10:00:00Z",
        data: { body: `m${i}` },
      }));
    for (const body of [JSON.stringify({ events: many(1001) }), JSON.stringify(many(1001))]) {
      const out = await postEvents(body);
      expect(out.status).toBe(413);
    }
    const nd = await postEvents(
      many(1001)
        .map((e) => JSON.stringify(e))
        .join("\n"),
      "application/x-ndjson",
    );
    expect(nd.status).toBe(413);
    const ok = await postEvents(JSON.stringify({ events: many(1000) }), "application/json", 1000);
    expect(ok.status).toBe(200);
  });

  it("refuses hostile envelopes", async () => {
    const bodies = [
      '{"events":null}',
      '{"events":{}}',
      '{"events":"x"}',
      '{"events":[]}',
      "[]",
      "[[]]",
      '{"events":[null,1,"x",[]]}',
      `{"events":${nestedText("[", 100_000)}}`,
      nestedText("[", 100_000),
      `{"events":[${Array.from({ length: 2000 }, () => "1").join(",")}]}`,
      "\n\n\n",
      "{}\n{}\n{",
      ...HOSTILE_STRINGS.map((s) => JSON.stringify(s)),
    ];
    for (const body of bodies)
      for (const type of ["application/json", "application/x-ndjson", "text/plain"]) await postEvents(body, type);
  });

  it("answers random NDJSON lines", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            validEvent().map((e) => JSON.stringify(e)),
            hostileString(),
            fc.jsonValue().map(jsonText),
          ),
          {
            maxLength: 10,
          },
        ),
        fc.constantFrom("\n", "\r\n", "\r", "\u2028"),
        async (lines, sep) => {
          await postEvents(lines.join(sep), "application/x-ndjson");
        },
      ),
      fuzzParams(40),
    );
  });
});
