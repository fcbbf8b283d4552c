import { runSql } from "@caliper/db";
import { TEST_BACKENDS } from "@caliper/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { opsMetrics } from "../../src/ops/metrics.ts";
import { createTestApi, type TestApi } from "../support.ts";

/** Write transactions that ended with `outcome` so far in this API's services. */
async function commits(api: TestApi, outcome: "committed" | "failed" = "committed"): Promise<number> {
  const h = await opsMetrics(api.services).ingestTransaction.get();
  return h.values.find((v) => v.metricName?.endsWith("_count") && v.labels.outcome === outcome)?.value ?? 0;
}

/** Runs one statement of raw SQL on the test database. */
const execute = (api: TestApi, text: string) => runSql(api.db.cdb.db, api.db.cdb.backend, text, []);

const event = (id: string, ticketId: string, type = "ticket.created", data: object = {}) => ({
  id,
  type,
  brand: "eyewear",
  ticketId,
  at: "2026-03-02T10:00:00Z",
  actor: { type: "customer", id: "c1" },
  data: type === "ticket.created" ? { channel: "email", category: "order", ...data } : data,
});

describe.each(TEST_BACKENDS)("concurrent requests to POST /v1/events on %s (group commit)", (backend) => {
  let api: TestApi;
  afterEach(async () => {
    await api.close();
  });

  it("answers each request as if it had been written alone, and stores every event once", async () => {
    api = await createTestApi(backend);
    // 40 concurrent requests: singles, small batches, and events sent by two requests.
    const bodies = Array.from({ length: 40 }, (_, i) =>
      i % 5 === 0 ? { events: [event(`e${i}`, `T${i}`), event(`shared${i % 3}`, "TS")] } : event(`e${i}`, `T${i}`),
    );
    const before = await commits(api);
    const answers = await Promise.all(bodies.map((body) => api.call("POST", "/v1/events", { body })));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
    // Requests that waited went together: fewer transactions than requests.
    expect((await commits(api)) - before).toBeLessThan(bodies.length / 2);
    const total = answers.reduce((n, a) => n + a.json.accepted, 0);
    const dups = answers.reduce((n, a) => n + a.json.duplicates, 0);
    // 40 distinct e* events and 3 distinct shared events, the other 5 shared sends are duplicates.
    expect(total).toBe(43);
    expect(dups).toBe(5);
    for (const [i, a] of answers.entries()) expect(a.json.accepted + a.json.duplicates).toBe(i % 5 === 0 ? 2 : 1);
    const n = await api.db.cdb.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(43);
    // Every ticket got its projection.
    const tickets = await api.db.cdb.db.selectFrom("tickets").select("ticket_id").execute();
    expect(tickets.length).toBe(41);
    // A repeat of everything stores nothing.
    const again = await Promise.all(bodies.map((body) => api.call("POST", "/v1/events", { body })));
    expect(again.reduce((s, a) => s + a.json.accepted, 0)).toBe(0);
  });

  it("a request whose write fails, among concurrent good ones, fails alone", async () => {
    api = await createTestApi(backend);
    // A valid event the database refuses to store: its request passes validation and fails in
    // the write transaction it shares with the requests that came with it.
    if (backend === "sqlite")
      await execute(
        api,
        "create trigger poison before insert on events when new.id = 'poison' begin select raise(abort, 'poisoned event'); end",
      );
    else {
      await execute(
        api,
        "create function poison() returns trigger language plpgsql as $$ begin if new.id = 'poison' then raise exception 'poisoned event'; end if; return new; end $$",
      );
      await execute(api, "create trigger poison before insert on events for each row execute function poison()");
    }
    const good = Array.from({ length: 10 }, (_, i) => event(`g${i}`, `G${i}`));
    const bad = { events: [event("b1", "B1"), event("poison", "B2")] };
    const before = await commits(api, "failed");
    const answers = await Promise.all(
      [...good.slice(0, 5), bad, ...good.slice(5)].map((body) => api.call("POST", "/v1/events", { body })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 500, 200, 200, 200, 200, 200]);
    // The group's transaction failed, then the bad request alone: the others were written again without it.
    expect((await commits(api, "failed")) - before).toBe(2);
    const ids = (await api.db.cdb.db.selectFrom("events").select("id").execute()).map((r) => r.id).sort();
    expect(ids).toEqual(good.map((g) => g.id).sort());
    const tickets = (await api.db.cdb.db.selectFrom("tickets").select("ticket_id").execute()).map((r) => r.ticket_id);
    expect(tickets.sort()).toEqual(good.map((g) => g.ticketId).sort());
  });
});
