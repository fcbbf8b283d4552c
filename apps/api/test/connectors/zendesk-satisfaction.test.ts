import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { mapZendeskFile, mapZendeskSatisfaction, readZendeskFile } from "../../src/connectors/zendesk/index.ts";
import { collect, fixtureText } from "./fixtures.ts";

const brand = "eyewear";
const text = fixtureText("zendesk/satisfaction-ratings.page.jsonc");

async function ratings(): Promise<Record<string, unknown>[]> {
  const rows = await collect(readZendeskFile(Readable.from([text]), "satisfaction"));
  return rows.map((r) => ("item" in r ? (r.item as Record<string, unknown>) : {}));
}
const byScore = async (score: string) => (await ratings()).find((r) => r["score"] === score);

describe("mapZendeskSatisfaction", () => {
  it("maps good to rating 5 on the ticket, with the comment and the binary scale", async () => {
    expect(mapZendeskSatisfaction(await byScore("good"), { brand })).toEqual({
      scale: "binary",
      events: [
        {
          id: "zd-sat-360011112201-1772542800",
          type: "feedback.submitted",
          brand,
          ticketId: "35436",
          at: "2026-03-03T13:00:00.000Z",
          actor: { type: "customer", id: "zd-20978392" },
          data: { rating: 5, comment: "Fast and friendly, thanks!", scale: "binary" },
        },
      ],
    });
  });

  it("maps bad to rating 1", async () => {
    expect(mapZendeskSatisfaction(await byScore("bad"), { brand })).toMatchObject({
      scale: "binary",
      events: [
        { ticketId: "35437", data: { rating: 1, comment: "Took days to get a return label.", scale: "binary" } },
      ],
    });
  });

  it("ignores offered and unoffered ratings (no answer)", async () => {
    expect(mapZendeskSatisfaction(await byScore("offered"), { brand })).toEqual({
      ignored: expect.stringContaining('"offered"'),
    });
    expect(mapZendeskSatisfaction(await byScore("unoffered"), { brand })).toEqual({
      ignored: expect.stringContaining('"unoffered"'),
    });
  });

  it("accepts the _with_comment scores and omits an empty comment", async () => {
    const good = { ...(await byScore("good")), score: "good_with_comment", comment: "" };
    expect(mapZendeskSatisfaction(good, { brand })).toMatchObject({
      events: [{ data: { rating: 5, scale: "binary" } }],
    });
    const r = mapZendeskSatisfaction(good, { brand });
    expect("events" in r && r.events[0]?.data).not.toHaveProperty("comment");
    const bad = { ...(await byScore("bad")), score: "bad_with_comment" };
    expect(mapZendeskSatisfaction(bad, { brand })).toMatchObject({ events: [{ data: { rating: 1 } }] });
  });

  it("gives a changed rating a new, later event and the same rating the same id", async () => {
    const good = (await byScore("good")) as Record<string, unknown>;
    const first = mapZendeskSatisfaction(good, { brand });
    expect(mapZendeskSatisfaction(structuredClone(good), { brand })).toEqual(first);
    const changed = mapZendeskSatisfaction({ ...good, score: "bad", updated_at: "2026-03-04T08:00:00Z" }, { brand });
    expect(changed).toMatchObject({ events: [{ id: "zd-sat-360011112201-1772611200", data: { rating: 1 } }] });
  });

  it("reports unknown scores and ratings without a ticket", async () => {
    const good = (await byScore("good")) as Record<string, unknown>;
    expect(mapZendeskSatisfaction({ ...good, score: "meh" }, { brand })).toEqual({
      error: expect.stringContaining("meh"),
    });
    expect(mapZendeskSatisfaction({ ...good, ticket_id: null }, { brand })).toEqual({
      error: expect.stringContaining("ticket_id"),
    });
    expect(mapZendeskSatisfaction({ score: "good" }, { brand })).toMatchObject({ error: expect.any(String) });
    expect(mapZendeskSatisfaction(null, { brand })).toMatchObject({ error: expect.any(String) });
  });

  it("imports a ratings file: two events, two ignored", async () => {
    const rows = await collect(mapZendeskFile(Readable.from([text]), "satisfaction", { brand }));
    expect(
      rows.map((r) => ("events" in r ? r.events.map((e) => e.data) : "ignored" in r ? "ignored" : r.error)),
    ).toEqual([
      [{ rating: 5, comment: "Fast and friendly, thanks!", scale: "binary" }],
      [{ rating: 1, comment: "Took days to get a return label.", scale: "binary" }],
      "ignored",
      "ignored",
    ]);
    const ndjson = (await ratings()).map((r) => JSON.stringify(r)).join("\n");
    const again = await collect(mapZendeskFile(Readable.from([ndjson]), "satisfaction", { brand }));
    expect(again.map(({ line: _line, ...rest }) => rest)).toEqual(rows.map(({ line: _line, ...rest }) => rest));
  });
});
