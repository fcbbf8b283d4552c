import { Readable } from "node:stream";
import { EventInput } from "@caliper/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  mapZendeskSatisfaction,
  mapZendeskTicketEvent,
  readZendeskFile,
  type ZendeskTicketState,
} from "../../src/connectors/zendesk/index.ts";
import { collect, fixtureText } from "./fixtures.ts";

const brand = "eyewear";
const anyValue = fc.oneof(fc.jsonValue(), fc.double(), fc.integer({ min: -1e16, max: 1e16 }), fc.string());

/** A JSON object with one key replaced by an arbitrary value, or removed. */
const mutated = (base: Record<string, unknown>) =>
  fc.tuple(fc.nat(), fc.option(anyValue, { nil: undefined })).map(([n, value]) => {
    const copy = structuredClone(base);
    const keys = Object.keys(copy);
    const key = keys[n % keys.length] as string;
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });

async function items(path: string, kind: "ticket-events" | "satisfaction") {
  const rows = await collect(readZendeskFile(Readable.from([fixtureText(path)]), kind));
  return rows.map((r) => ("item" in r ? (r.item as Record<string, unknown>) : {}));
}

describe("Zendesk connector on arbitrary input", () => {
  it("never throws on ticket events, and what it produces is valid", async () => {
    const fixture = await items("zendesk/ticket-events.page.jsonc", "ticket-events");
    const child = fc.constantFrom(...fixture.flatMap((i) => i["child_events"] as Record<string, unknown>[]));
    const item = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(...fixture).chain(mutated),
      // A real item whose children are real children with a key mutated.
      fc
        .tuple(fc.constantFrom(...fixture), fc.array(child.chain(mutated), { maxLength: 4 }))
        .map(([i, children]) => ({ ...i, child_events: children })),
    );
    const tickets = new Map<string, ZendeskTicketState>();
    fc.assert(
      fc.property(item, (i) => {
        const r = mapZendeskTicketEvent(i, { brand, tickets });
        if ("events" in r) for (const e of r.events) expect(EventInput.safeParse(e).success).toBe(true);
        else expect(typeof r.error).toBe("string");
      }),
      { numRuns: 1500 },
    );
  });

  it("never throws on satisfaction ratings", async () => {
    const fixture = await items("zendesk/satisfaction-ratings.page.jsonc", "satisfaction");
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.constantFrom(...fixture).chain(mutated)), (i) => {
        const r = mapZendeskSatisfaction(i, { brand });
        if ("events" in r) for (const e of r.events) expect(EventInput.safeParse(e).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads any text without throwing, numbering every row", async () => {
    const text = fc.oneof(
      fc.string(),
      fc.array(fc.oneof(fc.json(), fc.string()), { maxLength: 6 }).map((lines) => lines.join("\n")),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const rows = await collect(readZendeskFile(Readable.from([t]), "ticket-events"));
        expect(rows.map((r) => r.index)).toEqual(rows.map((_, i) => i));
      }),
      { numRuns: 500 },
    );
  });
});
