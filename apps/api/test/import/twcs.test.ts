import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CaliperEvent, EventInput } from "@caliper/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  agentIdOf,
  importTwcs,
  parseTwitterTime,
  signOffOf,
  type TwcsItem,
  type TwcsProgress,
} from "../../src/import/twcs.ts";
import { collect } from "./helpers.ts";

const SAMPLE = fileURLToPath(new URL("../fixtures/twcs/twcs-sample.csv", import.meta.url));
const HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "twcs-test-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const events = (items: TwcsItem[]): CaliperEvent[] => items.flatMap((i) => ("event" in i ? [i.event] : []));
const countTypes = (evs: CaliperEvent[]) =>
  evs.reduce<Record<string, number>>((acc, e) => {
    acc[e.type] = (acc[e.type] ?? 0) + 1;
    return acc;
  }, {});

describe("twcs helpers", () => {
  it("parses Twitter timestamps to UTC", () => {
    expect(new Date(parseTwitterTime("Wed Oct 11 06:55:44 +0000 2017") ?? 0).toISOString()).toBe(
      "2017-10-11T06:55:44.000Z",
    );
    expect(new Date(parseTwitterTime("Wed Oct 11 06:55:44 +0200 2017") ?? 0).toISOString()).toBe(
      "2017-10-11T04:55:44.000Z",
    );
    expect(parseTwitterTime("Wed Feb 30 06:55:44 +0000 2017")).toBeNull();
    // Years as written: 0070 is not 1970 (Date.UTC's reading of years 0-99).
    expect(parseTwitterTime("Mon Jan 01 00:00:00 +0000 0070")).toBeNull();
    expect(parseTwitterTime("Thu Jan 01 00:00:00 +0000 1970")).toBe(0);
    expect(parseTwitterTime("yesterday")).toBeNull();
    expect(parseTwitterTime("2017-10-11T06:55:44Z")).toBe(Date.UTC(2017, 9, 11, 6, 55, 44));
  });

  it("derives agent ids from sign-offs", () => {
    expect(signOffOf("@105836 Have you tried from another device, Miriam ^MM")).toBe("MM");
    expect(signOffOf("Please DM your name ^RR https://t.co/znUu1VJn9r")).toBe("RR");
    expect(signOffOf("just let us know. We'll carry on helping out 🙂 /AY")).toBe("AY");
    expect(signOffOf("for you. -AD")).toBe("AD");
    expect(signOffOf("be ID'd. :-) - Helena")).toBe("Helena");
    expect(signOffOf("we can log this. Thanks - Lee 2/2")).toBe("Lee");
    expect(signOffOf("caused. 2/2 ^JR")).toBe("JR");
    expect(signOffOf("look into this together. https://t.co/GDrqU22YpT")).toBeNull();
    expect(signOffOf("use the app and/or website")).toBeNull();
    expect(agentIdOf("VirginTrains", "Miriam ^MM")).toBe("virgintrains/MM");
    expect(agentIdOf("AppleSupport", "Send us a DM.")).toBe("applesupport");
  });
});

describe("importTwcs on the fixture sample", () => {
  it("imports the expected tickets and messages and skips replies to missing tweets", async () => {
    const items = await collect(importTwcs(SAMPLE, { tmpDir: dir }));
    /*
     * Counted by hand from twcs-sample.csv (93 tweets on 100 lines; three texts span lines):
     * - 27 threads start at a tweet with an empty in_response_to_tweet_id or one that answers
     *   a tweet absent from the file. Two of them answer missing tweets:
     *   119246 answers 119247 (thread 119246, 119242, 119240, 119241, 119243, 119244, 119245:
     *   7 tweets, lines 5-11) and 119332 answers 119334 (119332, 119333, 119335: 3 tweets,
     *   lines 98-100). These 10 tweets are skipped with a reason.
     * - The other 25 threads start with an inbound tweet that answers nothing: 25 tickets.
     *   24 get their brand from the first company reply; 119237 (@AppleSupport, no reply in
     *   the file) gets it from its @mention, since AppleSupport is a company seen elsewhere.
     *   Each root gives a ticket.created and a message.customer.
     * - Customer tweets in tickets: 25 roots + 20 replies = 45 message.customer:
     *   119249; Spotify 119256: 119255, 119258, 119260; BA 119265: 119302; 119270;
     *   Spotify 119283: 119282, 119285, 119287; 119292: 119290, 119291; 119296; 119305;
     *   Tesco 119315: 119309, 119310, 119313; Tesco 119319: 119318, 119321; 119324; 119330.
     * - Company tweets in tickets: 93 - 10 skipped - 45 customer = 38 message.agent.
     */
    expect(items.filter((i) => "error" in i)).toEqual([]);
    const evs = events(items);
    expect(countTypes(evs)).toEqual({ "ticket.created": 25, "message.customer": 45, "message.agent": 38 });
    const skipped = items.filter((i): i is { line: number; skipped: string } => "skipped" in i);
    expect(skipped.map((s) => s.line)).toEqual([5, 6, 7, 8, 9, 10, 11, 98, 99, 100]);
    expect(skipped[6]?.skipped).toBe("replies to tweet 119247, which is not in the file");
    expect(skipped[0]?.skipped).toMatch(/thread starts with tweet 119246, which replies to tweet 119247/);

    // Every event is valid and already in its normalised form.
    for (const e of evs) expect(EventInput.parse(e)).toEqual(e);
    expect(new Set(evs.map((e) => e.id)).size).toBe(evs.length);

    const byId = new Map(evs.map((e) => [e.id, e]));
    expect(byId.get("twcs-119237-created")).toMatchObject({
      brand: "applesupport",
      ticketId: "twcs-119237",
      at: "2017-10-11T06:55:44.000Z",
      actor: { type: "customer", id: "105834" },
      data: { channel: "social", category: "other", customerId: "105834" },
    });
    expect(byId.get("twcs-119243")).toBeUndefined();
    expect(byId.get("twcs-119257")).toMatchObject({
      type: "message.agent",
      brand: "spotifycares",
      ticketId: "twcs-119256",
      actor: { type: "agent", id: "spotifycares/AY" },
    });
    expect(byId.get("twcs-119261")?.actor.id).toBe("spotifycares/CP");
    expect(byId.get("twcs-119303")?.actor.id).toBe("british_airways/Jools");
    expect(byId.get("twcs-119266")?.actor.id).toBe("british_airways/JR");
    expect(byId.get("twcs-119327")?.actor.id).toBe("hpsupport/Rashmi");
    expect(byId.get("twcs-119311")?.actor.id).toBe("tesco"); // signed "Amanda" without a marker
    expect(byId.get("twcs-119248")?.actor.id).toBe("applesupport");
    // A reply by a second customer joins the thread; the brand is the company that replied.
    expect(byId.get("twcs-119330")).toMatchObject({
      type: "message.customer",
      ticketId: "twcs-119331",
      brand: "upshelp",
    });
    // Multi-line text is kept; HTML entities are decoded.
    const bodyOf = (id: string): string | undefined => (byId.get(id)?.data as { body?: string } | undefined)?.body;
    expect(bodyOf("twcs-119294")).toContain("7:20am.\n\n8:03am");
    expect(bodyOf("twcs-119242")).toBeUndefined();
    expect(bodyOf("twcs-119254")).not.toContain("&gt;");
    expect(bodyOf("twcs-119257")).toContain("logging out > restarting");

    const tickets = new Set(evs.map((e) => `${e.brand}:${e.ticketId}`));
    expect(tickets.size).toBe(25);
  });

  it("yields identical events when the same file is imported twice", async () => {
    const first = await collect(importTwcs(SAMPLE, { tmpDir: dir }));
    const second = await collect(importTwcs(SAMPLE, { tmpDir: dir }));
    expect(second).toEqual(first);
  });

  it("reports duplicates past the last indexed row, over more rows than one read of the index", async () => {
    // 6,000 tweets (more than the 5,000 the events pass reads at a time), then each of the first
    // 3 again: the repeats come after every indexed line.
    const file = join(dir, "dups.csv");
    const row = (i: number) => `${i},c${i},True,Mon Oct 02 08:00:00 +0000 2017,@shopco hello ${i},,`;
    const company = "9000000,ShopCo,False,Mon Oct 02 09:00:00 +0000 2017,hi ^JD,,1";
    const rows = [...Array.from({ length: 6000 }, (_, i) => row(i + 1)), company, row(1), row(2), row(3)];
    writeFileSync(file, `${HEADER}${rows.join("\n")}\n`);
    const items = await collect(importTwcs(file, { tmpDir: dir }));
    const tail = items.filter((i) => i.line > 6002);
    expect(tail).toEqual([
      { line: 6003, skipped: "duplicate tweet_id 1 (first seen on line 2)" },
      { line: 6004, skipped: "duplicate tweet_id 2 (first seen on line 3)" },
      { line: 6005, skipped: "duplicate tweet_id 3 (first seen on line 4)" },
    ]);
    expect(events(items).filter((e) => e.type === "ticket.created")).toHaveLength(6000);
  });

  it("reports progress for both phases and removes its temporary database", async () => {
    const progress: TwcsProgress[] = [];
    await collect(importTwcs(SAMPLE, { tmpDir: dir, onProgress: (p) => progress.push(p) }));
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(["index", "events"]);
    const lastOf = (phase: string) => progress.filter((p) => p.phase === phase).at(-1);
    // The sample's 93 rows, without its header.
    expect(lastOf("index")).toEqual({ phase: "index", bytes: 17263, totalBytes: 17263, rows: 93 });
    expect(lastOf("events")).toEqual({ phase: "events", bytes: 17263, totalBytes: 17263, rows: 93 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes the temporary database when the consumer stops early", async () => {
    for await (const item of importTwcs(SAMPLE, { tmpDir: dir })) {
      expect(readdirSync(dir)).toHaveLength(1);
      if ("event" in item) break;
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("importTwcs edge cases", () => {
  const rows = [
    /* 2 */ "1,c1,True,Mon Oct 02 10:00:00 +0000 2017,@ShopCo my order is late,2,",
    /* 3 */ '2,ShopCo,False,Mon Oct 02 10:30:00 +0000 2017,"@c1 Sorry! Checking now ^JD",3,1',
    /* 4 */ "3,c1,True,Mon Oct 02 10:40:00 +0000 2017,@ShopCo thanks,,2",
    /* 5 */ '4,c2,True,Mon Oct 02 11:00:00 +0000 2017,"@someone @SHOPCO hello, anyone?",,',
    /* 6 */ "5,c3,True,Mon Oct 02 11:00:00 +0000 2017,just venting @nobody,,",
    /* 7 */ "6,ShopCo,False,Mon Oct 02 12:00:00 +0000 2017,@c4 proactive message,7,",
    /* 8 */ "7,c4,True,Mon Oct 02 12:05:00 +0000 2017,@ShopCo ok,,6",
    /* 9 */ "8,c5,True,Mon Oct 02 12:00:00 +0000 2017,@ShopCo about my old tweet,,999",
    /* 10 */ "9,c5,True,not a date,@ShopCo hello,,",
    /* 11 */ '10,c6,True,Mon Oct 02 13:00:00 +0000 2017,broken "quote,,',
    /* 12 */ "1,c1,True,Mon Oct 02 10:00:00 +0000 2017,@ShopCo my order is late,2,",
    /* 13 */ "11,c7,True,Mon Oct 02 13:00:00 +0000 2017,loop a,12,12",
    /* 14 */ "12,c8,True,Mon Oct 02 13:01:00 +0000 2017,loop b,11,11",
    /* 15 */ '13,c9,True,Tue Oct 03 09:00:00 +0000 2017,"multi',
    /* 16 */ 'line &amp; ""quoted""",14,',
    /* 17 */ '14,OtherCo,False,Tue Oct 03 09:05:00 +0000 2017,"@c9 hi there -AB",,13.0',
    /* 18 */ "15,c9,True,Tue Oct 03 09:10:00 +0000 2017,one field too many,,14,extra",
  ];

  it("maps threads, reports malformed rows by line and skips what belongs to no ticket", async () => {
    const file = join(dir, "edge.csv");
    writeFileSync(file, HEADER + rows.join("\r\n") + "\r\n");
    const items = await collect(importTwcs(file, { tmpDir: dir }));
    const summary = items.map((i) =>
      "event" in i
        ? `${i.line} ${i.event.type} ${i.event.brand} ${i.event.ticketId} ${i.event.actor.id}`
        : "skipped" in i
          ? `${i.line} skipped: ${i.skipped}`
          : `${i.line} error: ${i.error}`,
    );
    expect(summary).toEqual([
      "2 ticket.created shopco twcs-1 c1",
      "2 message.customer shopco twcs-1 c1",
      "3 message.agent shopco twcs-1 shopco/JD",
      "4 message.customer shopco twcs-1 c1",
      "5 ticket.created shopco twcs-4 c2",
      "5 message.customer shopco twcs-4 c2",
      "6 skipped: no company replied in thread 5 and its first tweet mentions no company handle seen in the file",
      "7 skipped: its thread starts with company tweet 6, not with a customer tweet",
      "8 skipped: its thread starts with company tweet 6, not with a customer tweet",
      "9 skipped: replies to tweet 999, which is not in the file",
      '10 error: invalid created_at "not a date"',
      "11 error: quote inside an unquoted field",
      "12 skipped: duplicate tweet_id 1 (first seen on line 2)",
      "13 skipped: tweet 11 is in a reply cycle and belongs to no thread",
      "14 skipped: tweet 12 is in a reply cycle and belongs to no thread",
      "15 ticket.created otherco twcs-13 c9",
      "15 message.customer otherco twcs-13 c9",
      "17 message.agent otherco twcs-13 otherco/AB",
      "18 error: expected 7 fields, found 8",
    ]);
    const body = events(items).find((e) => e.id === "twcs-13")?.data as { body: string };
    expect(body.body).toBe('multi\nline & "quoted"');
  });

  it("rejects a file that is not twcs, and handles an empty file", async () => {
    const other = join(dir, "other.csv");
    writeFileSync(other, "a,b,c\n1,2,3\n");
    expect(await collect(importTwcs(other, { tmpDir: dir }))).toEqual([
      { line: 1, error: expect.stringMatching(/^not a twcs header: missing column\(s\) tweet_id/) },
    ]);
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    expect(await collect(importTwcs(empty, { tmpDir: dir }))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(["empty.csv", "other.csv"]);
  });

  it("streams a larger generated file with deep threads", async () => {
    // 2,000 conversations of 6 tweets (customer, company, customer, ...) and chains of 200.
    const file = join(dir, "big.csv");
    const lines: string[] = [HEADER.trimEnd()];
    let id = 1_000_000;
    const at = (m: number) => {
      const d = new Date(Date.UTC(2017, 9, 2, 8, 0, 0) + m * 60_000);
      const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${days[d.getUTCDay()]} Oct ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 2017`;
    };
    for (let t = 0; t < 2000; t++) {
      let parent = "";
      const length = t % 100 === 0 ? 200 : 6;
      for (let k = 0; k < length; k++) {
        const inbound = k % 2 === 0;
        const author = inbound ? `u${t}` : `Brand${t % 7}`;
        const text = inbound
          ? `"@Brand${t % 7} question ${k}, with ""quotes""\nand a newline"`
          : `thanks for waiting ^A${k % 3}`;
        lines.push(`${id},${author},${inbound ? "True" : "False"},${at(t + k)},${text},,${parent}`);
        parent = String(id);
        id++;
      }
    }
    writeFileSync(file, `${lines.join("\n")}\n`);
    let tickets = 0;
    let messages = 0;
    let other = 0;
    let maxDepthTicket = 0;
    for await (const item of importTwcs(file, { tmpDir: dir })) {
      if ("event" in item) {
        if (item.event.type === "ticket.created") tickets++;
        else messages++;
        if (item.event.ticketId === "twcs-1000000") maxDepthTicket++;
      } else other++;
    }
    expect({ tickets, messages, other }).toEqual({ tickets: 2000, messages: 20 * 200 + 1980 * 6, other: 0 });
    expect(maxDepthTicket).toBe(201);
    expect(readdirSync(dir)).toEqual(["big.csv"]);
  });
});
