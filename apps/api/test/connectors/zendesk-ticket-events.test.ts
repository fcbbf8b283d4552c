import { Readable } from "node:stream";
import { type CaliperEvent, compareEvents, EventInput, isHumanReply } from "@caliper/domain";
import { describe, expect, it } from "vitest";
import {
  mapZendeskFile,
  mapZendeskTicketEvent,
  readZendeskFile,
  type ZendeskTicketState,
} from "../../src/connectors/zendesk/index.ts";
import { collect, fixtureText } from "./fixtures.ts";

const brand = "eyewear";
const T = 1772528400; // 2026-03-03T09:00:00Z, the fixture's ticket 35436 creation
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

async function fixtureItems(): Promise<Record<string, unknown>[]> {
  const rows = await collect(
    readZendeskFile(Readable.from([fixtureText("zendesk/ticket-events.page.jsonc")]), "ticket-events"),
  );
  return rows.map((r) => ("item" in r ? (r.item as Record<string, unknown>) : {}));
}

async function importFixture(name = "zendesk/ticket-events.page.jsonc") {
  const rows = await collect(mapZendeskFile(Readable.from([fixtureText(name)]), "ticket-events", { brand }));
  const events = rows.flatMap((r) => ("events" in r ? r.events : []));
  const warnings = rows.flatMap((r) => ("warnings" in r ? r.warnings : []));
  const errors = rows.flatMap((r) => ("error" in r ? [r.error] : []));
  return { rows, events, warnings, errors };
}

const ofTicket = (events: CaliperEvent[], ticketId: string) =>
  events.filter((e) => e.ticketId === ticketId).sort(compareEvents);

describe("mapZendeskTicketEvent on an export file", () => {
  it("maps a ticket's Create event to ticket.created and the requester's first comment", async () => {
    const { events } = await importFixture();
    const [created, first, ...rest] = ofTicket(events, "35436");
    // Same instant: ticket.created replays first (its id is a prefix of its children's).
    expect(created).toEqual({
      id: "zd-926256957613",
      type: "ticket.created",
      brand,
      ticketId: "35436",
      at: iso(T),
      actor: { type: "customer", id: "zd-20978392" },
      data: {
        channel: "contact_form",
        category: "shipping",
        priority: "normal",
        subject: "Order O-552 never arrived",
        customerId: "zd-20978392",
      },
    });
    expect(first).toEqual({
      id: "zd-926256957613-926256957633",
      type: "message.customer",
      brand,
      ticketId: "35436",
      at: iso(T),
      actor: { type: "customer", id: "zd-20978392" },
      data: { body: "My order O-552 was due last week and tracking hasn't moved since Monday." },
    });
    // status "new" on creation is the ticket being open: no status event; the Notification is not mapped.
    expect(rest.map((e) => e.type)).not.toContain("ticket.created");
  });

  it("follows the ticket through assignment, note, reply, reopen, solve and close", async () => {
    const { events } = await importFixture();
    const timeline = ofTicket(events, "35436").map((e) => [
      e.id.replace(/^zd-\d+-/, ""),
      e.type,
      e.at,
      e.actor,
      e.type === "ticket.status" ? e.data.status : e.type === "ticket.assigned" ? e.data.agentId : undefined,
    ]);
    const agent = { type: "agent", id: "zd-235324" };
    const customer = { type: "customer", id: "zd-20978392" };
    expect(timeline).toEqual([
      ["zd-926256957613", "ticket.created", iso(T), customer, undefined],
      ["926256957633", "message.customer", iso(T), customer, undefined],
      ["926256958421", "note.internal", iso(T + 1200), agent, undefined],
      ["926256958441", "ticket.assigned", iso(T + 1200), agent, "zd-235324"],
      ["926256958621", "message.agent", iso(T + 1800), agent, undefined],
      ["926256958641", "ticket.status", iso(T + 1800), agent, "pending"],
      ["926256959021", "message.customer", iso(T + 7200), customer, undefined],
      ["926256959041", "ticket.status", iso(T + 7200), customer, "open"],
      ["926256959221", "message.agent", iso(T + 9000), agent, undefined],
      ["926256959241", "ticket.status", iso(T + 9000), agent, "solved"],
      ["926256999021", "ticket.status", iso(T + 9000 + 4 * 86400), { type: "system" }, "closed"],
    ]);
    const ticket = ofTicket(events, "35436");
    expect(ticket.find(isHumanReply)?.at).toBe(iso(T + 1800));
    expect(ticket.filter((e) => e.type === "message.agent").every((e) => isHumanReply(e))).toBe(true);
  });

  it("takes the requester from the first comment when the Create event has no requester_id", async () => {
    const { events } = await importFixture();
    const ticket = ofTicket(events, "35437");
    expect(ticket.find((e) => e.type === "ticket.created")).toMatchObject({
      actor: { type: "customer", id: "zd-51000111" },
      data: {
        channel: "email",
        category: "return_refund",
        subject: "Return: frames too wide",
        customerId: "zd-51000111",
      },
    });
    expect(ticket.find((e) => e.type === "ticket.created")?.data).not.toHaveProperty("priority");
    expect(ticket.map((e) => e.type)).toEqual([
      "ticket.created",
      "message.customer",
      "note.internal",
      "ticket.assigned",
      "ticket.status",
    ]);
    expect(ticket.at(-1)).toMatchObject({ data: { status: "on_hold" }, actor: { type: "agent", id: "zd-235777" } });
  });

  it("skips, with a warning, comments of a ticket whose Create event is not in the file", async () => {
    const { rows, events, errors } = await importFixture();
    expect(errors).toEqual([]);
    expect(ofTicket(events, "35430")).toEqual([]);
    expect(rows[0]).toMatchObject({
      index: 0,
      events: [],
      warnings: [expect.stringContaining("the requester of ticket 35430 is unknown")],
    });
  });

  it("maps the same items to the same events in every file layout, and every event is valid", async () => {
    const page = (await importFixture()).events;
    expect((await importFixture("zendesk/ticket-events.items.ndjson")).events).toEqual(page);
    expect((await importFixture("zendesk/ticket-events.pages.ndjson")).events).toEqual(page);
    expect(new Set(page.map((e) => e.id)).size).toBe(page.length);
    for (const e of page) expect(EventInput.parse(e)).toEqual(e);
  });

  it("needs the per-file ticket memory for comments made after the Create event", async () => {
    const items = await fixtureItems();
    const reply = items.find((i) => i["id"] === 926256958601);
    expect(mapZendeskTicketEvent(reply, { brand })).toMatchObject({
      events: [{ type: "ticket.status" }],
      warnings: [expect.stringContaining("requester of ticket 35436 is unknown")],
    });
    const tickets = new Map<string, ZendeskTicketState>();
    mapZendeskTicketEvent(items[1], { brand, tickets });
    expect(tickets.get("35436")).toEqual({ requesterId: "20978392" });
    const mapped = mapZendeskTicketEvent(reply, { brand, tickets });
    expect(mapped).toMatchObject({ events: [{ type: "message.agent" }, { type: "ticket.status" }], warnings: [] });
    // Deterministic: mapping again gives the same events.
    expect(mapZendeskTicketEvent(reply, { brand, tickets })).toEqual(mapped);
  });
});

describe("mapZendeskTicketEvent on single items", () => {
  const tickets = () => new Map<string, ZendeskTicketState>([["900", { requesterId: "11" }]]);
  const update = (children: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
    id: 5001,
    ticket_id: 900,
    timestamp: T,
    updater_id: 22,
    via: "Web form",
    event_type: "Audit",
    child_events: children,
    ...extra,
  });
  const comment = (extra: Record<string, unknown>) => ({
    id: 5002,
    type: "Comment",
    event_type: "Comment",
    author_id: 22,
    body: "Hello",
    public: true,
    via: { channel: "web", source: { from: {}, to: {}, rel: null } },
    ...extra,
  });
  const events = (item: unknown) => {
    const r = mapZendeskTicketEvent(item, { brand, tickets: tickets() });
    if ("error" in r) throw new Error(r.error);
    return r.events;
  };

  it("maps every Zendesk status", () => {
    const cases = [
      ["new", "pending", "open"],
      ["open", "pending", "open"],
      ["pending", "open", "pending"],
      ["hold", "open", "on_hold"],
      ["solved", "open", "solved"],
      ["closed", "solved", "closed"],
    ] as const;
    for (const [status, previous, caliper] of cases) {
      const [e] = events(update([{ id: 1, status, previous_value: previous, event_type: "Change" }]));
      expect(e).toMatchObject({ id: "zd-5001-1", type: "ticket.status", data: { status: caliper } });
    }
    expect(events(update([{ id: 1, status: "open", previous_value: "new", event_type: "Change" }]))).toEqual([]);
  });

  it("warns about a status without a Caliper equivalent", () => {
    const r = mapZendeskTicketEvent(
      update([{ id: 1, status: "deleted", previous_value: "open", event_type: "Change" }]),
      {
        brand,
      },
    );
    expect(r).toEqual({ events: [], warnings: [expect.stringContaining('"deleted"')] });
  });

  it("maps a public comment by Zendesk or through a trigger as an automated reply", () => {
    const [system] = events(update([comment({ author_id: -1 })], { updater_id: -1, via: "Rule" }));
    expect(system).toMatchObject({ type: "message.agent", actor: { type: "system" }, data: { automated: true } });
    const [rule] = events(update([comment({ via: { channel: "rule", source: { rel: "trigger" } } })]));
    expect(rule).toMatchObject({ actor: { type: "system", id: "zd-22" }, data: { automated: true } });
    expect(isHumanReply(rule as CaliperEvent)).toBe(false);
  });

  it("maps private comments to internal notes and the requester's comments to customer messages", () => {
    expect(events(update([comment({ public: false })]))[0]).toMatchObject({
      type: "note.internal",
      actor: { type: "agent", id: "zd-22" },
    });
    expect(events(update([comment({ author_id: 11 })]))[0]).toMatchObject({
      type: "message.customer",
      actor: { type: "customer", id: "zd-11" },
    });
  });

  it("follows a requester change", () => {
    const item = update([
      { id: 1, requester_id: 33, previous_value: 11, event_type: "Change" },
      comment({ id: 2, author_id: 33 }),
    ]);
    expect(events(item).map((e) => e.type)).toEqual(["message.customer"]);
  });

  it("ignores an unassignment and warns when comment text was not exported", () => {
    expect(events(update([{ id: 1, assignee_id: null, previous_value: 22, event_type: "Change" }]))).toEqual([]);
    const noSideload = mapZendeskTicketEvent(
      update([
        {
          id: 1,
          via: "Web form",
          comment_present: true,
          comment_public: true,
          event_type: "Change",
          status: "open",
          previous_value: "new",
        },
      ]),
      { brand, tickets: tickets() },
    );
    expect(noSideload).toEqual({ events: [], warnings: [expect.stringContaining("include=comment_events")] });
  });

  it("channel: via names and via objects, and the default for unknown ones", () => {
    const created = (via: unknown, defaultChannel?: "phone") => {
      const r = mapZendeskTicketEvent(
        {
          id: 7,
          ticket_id: 901,
          timestamp: T,
          updater_id: 11,
          via,
          child_events: [{ id: 8, status: "new", event_type: "Create" }],
        },
        { brand, ...(defaultChannel ? { defaultChannel } : {}) },
      );
      if ("error" in r) throw new Error(r.error);
      return r.events[0]?.data;
    };
    expect(created("Mail")).toMatchObject({ channel: "email" });
    expect(created("Web service")).toMatchObject({ channel: "contact_form" });
    expect(created("Chat")).toMatchObject({ channel: "chat" });
    expect(created("Voice")).toMatchObject({ channel: "phone" });
    expect(created("Twitter")).toMatchObject({ channel: "social" });
    expect(created({ channel: "native_messaging" })).toMatchObject({ channel: "chat" });
    expect(created("Smoke signal")).toMatchObject({ channel: "contact_form" });
    expect(created("Smoke signal", "phone")).toMatchObject({ channel: "phone" });
  });

  it("uses tagCategories before tags that are category names", () => {
    const item = {
      id: 7,
      ticket_id: 901,
      timestamp: T,
      updater_id: 11,
      via: "Web form",
      child_events: [{ id: 8, tags: ["vip", "shipping"], event_type: "Create" }],
    };
    const category = (tagCategories?: Record<string, "complaint">) => {
      const r = mapZendeskTicketEvent(item, { brand, ...(tagCategories ? { tagCategories } : {}) });
      return "events" in r ? r.events[0]?.data : r;
    };
    expect(category()).toMatchObject({ category: "shipping" });
    expect(category({ vip: "complaint" })).toMatchObject({ category: "complaint" });
  });

  it("reports unreadable items", () => {
    for (const bad of [null, "x", [], {}, { id: 1 }, { id: 1, ticket_id: 2, timestamp: "soon" }]) {
      expect(mapZendeskTicketEvent(bad, { brand })).toMatchObject({ error: expect.any(String) });
    }
    expect(mapZendeskTicketEvent(update([comment({})]), { brand: "Bad Brand", tickets: tickets() })).toMatchObject({
      error: expect.stringContaining("brand"),
    });
  });
});
