import { describe, expect, it } from "vitest";
import { readNdjson } from "../../src/import/ndjson.ts";
import { chunksOf, collect, splitBytes } from "./helpers.ts";

const created = {
  id: "e1",
  type: "ticket.created",
  brand: "jewelry",
  ticketId: "T-1",
  at: "2026-03-02T10:15:00+01:00",
  data: { channel: "contact_form", category: "order" },
};
const reply = {
  id: "e2",
  type: "message.agent",
  brand: "jewelry",
  ticketId: "T-1",
  at: "2026-03-02T09:30:00Z",
  actor: { type: "agent", id: "jewelry/uma" },
  data: { body: "Hi! Your order ships within 1-3 working days — ça va 😀" },
};

describe("readNdjson", () => {
  it("yields validated, normalised events with their line numbers, skipping blank lines", async () => {
    const text = `${JSON.stringify(created)}\r\n\n   \n${JSON.stringify(reply)}\n`;
    const items = await collect(readNdjson(chunksOf([text])));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      line: 1,
      event: { id: "e1", at: "2026-03-02T09:15:00.000Z", actor: { type: "customer" } },
    });
    expect(items[1]).toMatchObject({ line: 4, event: { id: "e2", data: { body: reply.data.body } } });
  });

  it("reports invalid JSON and invalid events with line numbers and dotted paths, and goes on", async () => {
    const badRating = {
      id: "e3",
      type: "feedback.submitted",
      brand: "jewelry",
      ticketId: "T-1",
      at: "2026-03-02T09:30:00Z",
      data: { rating: 7 },
    };
    const noTicket = { ...reply, id: "e4", ticketId: undefined, actor: { type: "agent" } };
    const lines = [
      JSON.stringify(created),
      "{not json",
      JSON.stringify(badRating),
      "42",
      JSON.stringify(noTicket),
      JSON.stringify(reply),
    ];
    const items = await collect(readNdjson(chunksOf([lines.join("\n")])));
    expect(items.map((i) => ("event" in i ? `${i.line}:ok` : `${i.line}:error`))).toEqual([
      "1:ok",
      "2:error",
      "3:error",
      "4:error",
      "5:error",
      "6:ok",
    ]);
    const [, json, rating, scalar, missing] = items;
    expect(json).toMatchObject({ error: { message: expect.stringMatching(/^invalid JSON/) } });
    expect(rating).toMatchObject({ error: { message: "invalid event", issues: [{ path: "data.rating" }] } });
    expect(scalar).toMatchObject({ error: { message: "invalid event", issues: [{ path: "" }] } });
    const paths = "error" in missing! ? (missing.error.issues ?? []).map((i) => i.path).sort() : [];
    expect(paths).toEqual(["actor.id", "ticketId"]);
  });

  it("handles events split across arbitrary byte chunks", async () => {
    const text = `${JSON.stringify(created)}\n${JSON.stringify(reply)}`;
    const bytes = Buffer.byteLength(text);
    for (let cut = 1; cut < bytes; cut += 7) {
      const items = await collect(readNdjson(chunksOf(splitBytes(text, [cut, cut + 3]))));
      expect(items.map((i) => ("event" in i ? i.event.id : "error"))).toEqual(["e1", "e2"]);
    }
  });

  it("reports a line that is too long instead of buffering it", async () => {
    const huge = JSON.stringify({ ...reply, data: { body: "x".repeat(5000) } });
    const items = await collect(
      readNdjson(chunksOf([`${huge}\n${JSON.stringify(created)}\n`]), { maxLineLength: 1000 }),
    );
    expect(items[0]).toEqual({ line: 1, error: { message: "line is longer than 1000 characters" } });
    expect(items[1]).toMatchObject({ line: 2, event: { id: "e1" } });
  });
});
