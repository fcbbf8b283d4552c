import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readZendeskFile, type ZendeskFileRow } from "../../src/connectors/zendesk/index.ts";
import { byteChunks, collect, fixtureText } from "./fixtures.ts";

const page = fixtureText("zendesk/ticket-events.page.jsonc");
const items = fixtureText("zendesk/ticket-events.items.ndjson");
const pages = fixtureText("zendesk/ticket-events.pages.ndjson");
const ratings = fixtureText("zendesk/satisfaction-ratings.page.jsonc");

const read = (text: string, kind: "ticket-events" | "satisfaction" = "ticket-events") =>
  collect(readZendeskFile(Readable.from([text]), kind));
const itemsOf = (rows: ZendeskFileRow[]) => rows.map((r) => ("item" in r ? r.item : r));
const ids = (rows: ZendeskFileRow[]) => rows.map((r) => ("item" in r ? (r.item as { id: number }).id : r.error));

describe("readZendeskFile", () => {
  it("reads a pretty-printed page file", async () => {
    const rows = await read(page);
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.every((r) => "item" in r && r.line === 1)).toBe(true);
    expect(ids(rows)[1]).toBe(926256957613);
  });

  it("reads one item per line (NDJSON), with each item's line", async () => {
    const rows = await read(items);
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("reads several pages concatenated as NDJSON lines", async () => {
    const rows = await read(pages);
    expect(rows.map((r) => r.line)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });

  it("yields the same items in every layout, and an array of items too", async () => {
    const expected = itemsOf(await read(page));
    expect(itemsOf(await read(items))).toEqual(expected);
    expect(itemsOf(await read(pages))).toEqual(expected);
    expect(itemsOf(await read(JSON.stringify(expected, null, 2)))).toEqual(expected);
    expect(itemsOf(await read(`${page}\n${page}`))).toEqual([...expected, ...expected]);
  });

  it("does not depend on how the bytes are chunked (multi-byte characters included)", async () => {
    const expected = itemsOf(await read(page));
    expect(page).toContain("Léa Moreau");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(page, items, pages),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
        async (text, sizes) => {
          const rows = await collect(readZendeskFile(byteChunks(text, sizes), "ticket-events"));
          expect(itemsOf(rows)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reads satisfaction rating pages, and a byte-order mark is fine", async () => {
    const rows = await read(`\uFEFF${ratings}`, "satisfaction");
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => "item" in r)).toBe(true);
  });

  it("reports a bad NDJSON line by index and line, and goes on", async () => {
    const lines = items.trimEnd().split("\n");
    lines.splice(2, 0, '{"id": 1, "ticket_id": 35436, "timestamp": 17', "not json at all", "[1, 2]");
    const rows = await read(lines.join("\n"));
    expect(rows).toHaveLength(9 + 4);
    expect(rows[2]).toMatchObject({
      index: 2,
      line: 3,
      // The row carries its line; the reason does not repeat it ("line 3: line 3: ..." in the import's report).
      error: expect.stringMatching(/^not JSON \(the line ends/),
    });
    expect(rows[3]).toMatchObject({ index: 3, line: 4, error: expect.stringContaining("not JSON") });
    expect(rows[4]).toMatchObject({ index: 4, line: 5, error: expect.stringContaining("not a JSON object") });
    expect(rows[5]).toMatchObject({ index: 5, line: 5, error: expect.stringContaining("not a JSON object") });
    expect(rows[6]).toMatchObject({ index: 6, line: 6, item: expect.anything() });
    expect(rows.filter((r) => "item" in r)).toHaveLength(9);
  });

  it("reports invalid JSON inside a pretty-printed document and a truncated file", async () => {
    const broken = await read(page.replace('"ticket_id": 35437', '"ticket_id": 35437,,'));
    expect(broken).toEqual([{ index: 0, line: 1, error: expect.stringContaining("invalid JSON") }]);
    const truncated = await read(page.slice(0, page.length / 2));
    expect(truncated).toEqual([
      { index: 0, line: 1, error: expect.stringContaining("unexpected end of file inside a JSON value") },
    ]);
  });

  it("points a satisfaction page read as ticket events to the right format", async () => {
    const rows = await read(ratings, "ticket-events");
    expect(rows).toEqual([{ index: 0, line: 1, error: expect.stringContaining("--format zendesk-satisfaction") }]);
    const wrongType = await read('{"ticket_events": {"id": 1}}');
    expect(wrongType[0]).toMatchObject({ error: expect.stringContaining("not an array") });
  });

  it("reads an empty file as nothing", async () => {
    expect(await read("")).toEqual([]);
    expect(await read("\n\n  \n")).toEqual([]);
  });
});
