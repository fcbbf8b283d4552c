import type { CaliperEvent } from "@caliper/domain";
import { type MetricQuery, type Overview, referenceOverview } from "@caliper/metrics";
import { arbitraryHistory, sampleHistory, shuffled } from "@caliper/metrics/testing";
import { loadPolicySet, parsePolicyFile } from "@caliper/policy";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AgentFigures,
  agentFigures,
  appendEvents,
  type Precision,
  queryAgents,
  queryOverview,
  queryTimeseriesSet,
  type TimeseriesMetric,
} from "../src/index.ts";
import { refreshAllSpans, refreshSpans } from "../src/projections/span-refresh.ts";
import { nextDay } from "../src/spans.ts";
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from "../src/testing.ts";

// A brand in New York with lunch breaks and a holiday, so local days and business time matter.
const file = parsePolicyFile({
  brands: {
    acme: {
      timezone: "America/New_York",
      workingHours: {
        mon: [
          ["09:00", "12:00"],
          ["13:00", "17:00"],
        ],
        tue: [["09:00", "17:00"]],
        wed: [["09:00", "17:00"]],
        thu: [["09:00", "17:00"]],
        fri: [["09:00", "17:00"]],
      },
      holidays: ["2025-03-10"],
      clocks: {
        first_response: { target: "4h", limit: "8h", calendar: "business" },
        next_response: { target: "24h", limit: "48h" },
      },
    },
  },
});
if (!file.ok) throw new Error(file.problems.join("\n"));
const policies = loadPolicySet(file.file);

/** Within the sketch's 1% relative accuracy when sketched, else equal (to rounding). */
function close(a: number | null, b: number | null, sketched: boolean) {
  if (a === null || b === null) return expect(a).toBe(b);
  const tol = sketched ? 0.01 * (1 + 1e-9) : 1e-9;
  expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(1e-6, Math.abs(b) * tol));
}

function expectSameAgent(got: AgentFigures, want: AgentFigures, sketched: boolean) {
  const { frtMedianSeconds, frtBusinessMedianSeconds, ...rest } = got;
  const { frtMedianSeconds: wantFrt, frtBusinessMedianSeconds: wantBusiness, ...wantRest } = want;
  expect(rest).toEqual(wantRest);
  close(frtMedianSeconds, wantFrt, sketched);
  close(frtBusinessMedianSeconds, wantBusiness, sketched);
}

/** Percentiles may differ by the sketch's 1% relative accuracy; everything else must be equal. */
function expectSame(got: Overview, want: Overview, sketched: boolean) {
  const rel = (a: number | null, b: number | null, tol: number) => {
    if (a === null || b === null) return expect(a).toBe(b);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(1e-6, Math.abs(b) * tol));
  };
  const pct = sketched ? 0.01 * (1 + 1e-9) : 1e-9;
  expect(got.tickets).toEqual(want.tickets);
  expect(got.firstResponse.count).toBe(want.firstResponse.count);
  expect(got.firstResponse.awaiting).toBe(want.firstResponse.awaiting);
  rel(got.firstResponse.meanSeconds, want.firstResponse.meanSeconds, 1e-6);
  rel(got.firstResponse.businessMeanSeconds, want.firstResponse.businessMeanSeconds, 1e-6);
  for (const k of ["medianSeconds", "p90Seconds", "businessMedianSeconds", "businessP90Seconds"] as const)
    rel(got.firstResponse[k], want.firstResponse[k], pct);
  expect({ ...got.resolution, medianSeconds: 0, p90Seconds: 0 }).toEqual({
    ...want.resolution,
    medianSeconds: 0,
    p90Seconds: 0,
  });
  rel(got.resolution.medianSeconds, want.resolution.medianSeconds, pct);
  rel(got.resolution.p90Seconds, want.resolution.p90Seconds, pct);
  expect(got.csat).toEqual(want.csat);
  expect(got.sla).toEqual(want.sla);
  expect(got.qa.flags).toBe(want.qa.flags);
}

/**
 * True when a ticket of the brand created in the period has events after asOf: a read from
 * rollups must replace its current state with its state at asOf.
 */
function changedAfterAsOf(events: readonly CaliperEvent[], q: MetricQuery): boolean {
  const created = new Map<string, string>();
  for (const e of events)
    if (e.type === "ticket.created" && e.brand === q.brand && e.ticketId) created.set(e.ticketId, e.at);
  return events.some((e) => {
    const at = e.ticketId ? created.get(e.ticketId) : undefined;
    return at !== undefined && at >= q.from && at < q.to && e.at > q.asOf;
  });
}

/** A filter value one time in `n`, else no filter. */
const sometimes = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const query = fc.record({
  fromDay: fc.integer({ min: -2, max: 20 }),
  fromHour: fc.integer({ min: 0, max: 23 }),
  spanHours: fc.integer({ min: 1, max: 40 * 24 }),
  // asOf inside the history (figures as they stood then) or after all of it (the usual read).
  asOfHours: fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: -5 * 24, max: 60 * 24 }) },
    { weight: 2, arbitrary: fc.constant(120 * 24) },
  ),
  agent: sometimes(fc.constantFrom("ag-1", "ag-2", "ag-3"), 3),
  category: sometimes(fc.constantFrom("order", "shipping", "complaint"), 4),
  channel: sometimes(fc.constantFrom("email", "chat"), 5),
});

const toQuery = (r: typeof query extends fc.Arbitrary<infer T> ? T : never): MetricQuery => {
  const base = Date.UTC(2025, 2, 1);
  const from = base + r.fromDay * 86_400_000 + r.fromHour * 3_600_000;
  return {
    brand: "acme",
    from: new Date(from).toISOString(),
    to: new Date(from + r.spanHours * 3_600_000).toISOString(),
    asOf: new Date(base + r.asOfHours * 3_600_000).toISOString(),
    ...(r.agent !== null ? { agent: r.agent } : {}),
    ...(r.category !== null ? { category: r.category } : {}),
    ...(r.channel !== null ? { channel: r.channel } : {}),
  };
};

/**
 * Wide periods always checked besides the random ones, so that every run exercises periods
 * with real volume (the random ones alone sometimes draw too few busy periods).
 */
const BUSY_EXAMPLES: Array<[Parameters<typeof toQuery>[0]]> = [0, 3, 6, 9, 12, 15].map((fromDay, i) => [
  {
    fromDay,
    fromHour: (i * 5) % 24,
    spanHours: 40 * 24,
    asOfHours: i % 2 === 0 ? 120 * 24 : 50 * 24,
    agent: null,
    category: i === 4 ? "order" : null,
    channel: i === 5 ? "email" : null,
  },
]);
// As of a moment inside the period, and just after it: some tickets and orders changed after asOf, most did not.
for (const r of [
  { fromDay: 0, fromHour: 3, spanHours: 30 * 24, asOfHours: 20 * 24 },
  { fromDay: 2, fromHour: 0, spanHours: 12 * 24, asOfHours: 14 * 24 + 6 },
  // Two more, so that the examples alone give the four such reads the sketch test requires (40
  // random queries on PostgreSQL sometimes drew only one more).
  { fromDay: 5, fromHour: 12, spanHours: 20 * 24, asOfHours: 18 * 24 },
  { fromDay: 1, fromHour: 6, spanHours: 25 * 24, asOfHours: 26 * 24 + 12 },
])
  BUSY_EXAMPLES.push([{ ...r, agent: null, category: null, channel: null }]);

describe.each(TEST_BACKENDS)("metrics on %s equal the reference", (backend) => {
  const ctx = { backend, policies };
  let db: TestDatabase;
  let events: CaliperEvent[];
  beforeAll(async () => {
    db = await createTestDatabase(backend, { backgroundSpanRefresh: false });
    // One larger history, delivered shuffled in uneven batches.
    events = sampleHistory(
      { brands: ["acme", "other"], minTickets: 300, maxTickets: 300, minOrders: 60, maxOrders: 60 },
      7,
    );
    const mixed = shuffled(events, 99);
    const ingest = async (from: number, to: number) => {
      for (let i = from; i < to; ) {
        const n = Math.min(1 + (i % 37), to - i);
        await appendEvents(db.cdb, ctx, mixed.slice(i, i + n));
        i += n;
      }
    };
    // The span rollups refreshed after most of the events; the weeks and months of the last
    // writes (scattered over the whole period and both brands) wait for their refresh, stale, so
    // reads cover them with their weeks and days, beside refreshed ones.
    const most = Math.floor(mixed.length * 0.85);
    await ingest(0, most);
    await refreshAllSpans(db.cdb.db, backend);
    await ingest(most, mixed.length);
    const marked = await db.cdb.db.selectFrom("rollup_span_dirty").selectAll().execute();
    expect(marked.length).toBeGreaterThan(8);
  });
  afterAll(async () => {
    await db.drop();
  });

  for (const precision of ["exact", "sketch", "auto"] as Precision[])
    it(`for random periods, filters and asOf (${precision})`, async () => {
      let busy = 0;
      let flagged = 0;
      let sketched = 0;
      let mixed = 0;
      await fc.assert(
        fc.asyncProperty(query, async (r) => {
          const q = toQuery(r);
          const want = referenceOverview(events, policies, q);
          const got = await queryOverview(db.cdb, ctx, q, precision);
          expectSame(got, want, got.precision === "sketch");
          if (want.tickets.created >= 10 && want.firstResponse.count >= 3) busy++;
          if (want.qa.flags > 0) flagged++;
          if (got.precision === "sketch") sketched++;
          if (got.precision === "sketch" && changedAfterAsOf(events, q)) mixed++;
        }),
        { numRuns: backend === "postgres" ? 40 : 80, examples: BUSY_EXAMPLES },
      );
      // The property must have been exercised on real volume, and on the path it names.
      expect(busy).toBeGreaterThan(5);
      expect(flagged).toBeGreaterThan(0);
      if (precision === "sketch") expect(sketched).toBeGreaterThan(5);
      // Periods that changed after asOf: rollups for the days that did not, events for those that did.
      if (precision === "sketch") expect(mixed).toBeGreaterThan(3);
      if (precision === "exact") expect(sketched).toBe(0);
    });

  it("for small random histories, each freshly ingested in shuffled batches", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryHistory({ brands: ["acme"], maxTickets: 15, maxOrders: 5 }),
        query,
        fc.integer({ min: 1, max: 1e9 }),
        fc.nat({ max: 30 }),
        async (evs, r, seed, refreshEvery) => {
          const t = await createTestDatabase(backend, { backgroundSpanRefresh: false });
          try {
            // Weeks and months refreshed every few batches (or never): some are up to date,
            // others wait for their refresh.
            const mixed = shuffled(evs, seed);
            for (let i = 0, batch = 1; i < mixed.length; i += 3, batch++) {
              await appendEvents(t.cdb, ctx, mixed.slice(i, i + 3));
              if (refreshEvery > 0 && batch % refreshEvery === 0) await refreshSpans(t.cdb.db, backend, 1 + (seed % 5));
            }
            const q = toQuery(r);
            const want = referenceOverview(evs, policies, q);
            for (const precision of ["exact", "sketch"] as Precision[]) {
              const got = await queryOverview(t.cdb, ctx, q, precision);
              expectSame(got, want, got.precision === "sketch");
            }
          } finally {
            await t.drop();
          }
        },
      ),
      { numRuns: backend === "postgres" ? 10 : 30 },
    );
  });

  for (const precision of ["sketch", "auto"] as Precision[])
    it(`agents table and daily and weekly series equal the reference per agent and per interval (${precision})`, async () => {
      const cal = policies.calendar("acme");
      let grouped = 0;
      await fc.assert(
        fc.asyncProperty(query, fc.constantFrom("day" as const, "week" as const), async (r, interval) => {
          const q = toQuery({ ...r, agent: null });
          const rows = await queryAgents(db.cdb, ctx, q, precision);
          const sketched = (await queryOverview(db.cdb, ctx, q, precision)).precision === "sketch";
          for (const agent of ["ag-1", "ag-2", "ag-3"]) {
            const want = agentFigures(agent, referenceOverview(events, policies, { ...q, agent }));
            const got = rows.find((row) => row.agent === agent);
            if (want.tickets === 0) expect(got).toBeUndefined();
            else expectSameAgent(got as AgentFigures, { ...want, qaAverageScore: null, qaReviews: 0 }, sketched);
          }
          const series = await queryTimeseriesSet(
            db.cdb,
            ctx,
            q,
            ["tickets", "frt_median", "resolution_rate", "csat_score", "sla_breaches"],
            interval,
            precision,
          );
          series.tickets.forEach((point, i) => {
            let end = point.start;
            for (let d = 0; d < (interval === "day" ? 1 : 7); d++) end = nextDay(end);
            // The interval's instants within the period (ISO-8601 UTC text sorts as time does).
            const from = [cal.startOfLocalDay(point.start), q.from].sort()[1] as string;
            const to = [cal.startOfLocalDay(end), q.to].sort()[0] as string;
            const want = referenceOverview(events, policies, { ...q, from, to });
            expect(point.value).toBe(want.tickets.created);
            expect(series.resolution_rate[i]?.value).toBe(want.resolution.rate);
            expect(series.csat_score[i]?.value).toBe(want.csat.score);
            expect(series.sla_breaches[i]?.value).toBe(Object.values(want.sla).reduce((n, c) => n + c.breached, 0));
            close(series.frt_median[i]?.value ?? null, want.firstResponse.medianSeconds, sketched);
            if (want.tickets.created > 0) grouped++;
          });
          // Without sla_breaches the series are read without clocks: the same values.
          const clockless = await queryTimeseriesSet(
            db.cdb,
            ctx,
            q,
            ["tickets", "frt_median", "resolution_rate", "csat_score"],
            interval,
            precision,
          );
          for (const m of ["tickets", "frt_median", "resolution_rate", "csat_score"] as const)
            expect(clockless[m]).toEqual(series[m]);
          // Without percentiles either, read without sketches too: the same values.
          const counted = await queryTimeseriesSet(db.cdb, ctx, q, ["tickets", "resolution_rate"], interval, precision);
          expect(counted.tickets).toEqual(series.tickets);
          expect(counted.resolution_rate).toEqual(series.resolution_rate);
        }),
        { numRuns: backend === "postgres" ? 15 : 40, examples: BUSY_EXAMPLES.map(([r]) => [r, "week"]) },
      );
      expect(grouped).toBeGreaterThan(10);
    });

  it("a series reads only the parts its metrics need, on every path (rollups, changed after asOf, exact edges)", async () => {
    const tables = new Set<string>(); // the names the queries used
    const spy = {
      transformQuery<T>(args: { node: T }): T {
        // Every identifier the query names (tables, aliases, columns) and the words of its raw SQL.
        const text = JSON.stringify(args.node);
        for (const m of text.matchAll(/"name":"(\w+)"/g)) tables.add(m[1] as string);
        for (const m of text.matchAll(/"sqlFragments":\[([^\]]*)\]/g))
          for (const w of (m[1] as string).match(/\w+/g) ?? []) tables.add(w);
        return args.node;
      },
      async transformResult<R>(args: { result: R }): Promise<R> {
        return args.result;
      },
    };
    const spied = { ...db.cdb, db: db.cdb.db.withPlugin(spy) };
    const read = async (metrics: TimeseriesMetric[], filtered: boolean) => {
      tables.clear();
      for (const [r] of BUSY_EXAMPLES)
        for (const precision of ["sketch", "exact"] as Precision[]) {
          // The category filter takes the per-day rollups instead of the span rollups.
          const q = { ...toQuery(r), ...(filtered ? { category: "shipping" } : {}) };
          await queryTimeseriesSet(spied, ctx, q, metrics, "week", precision);
        }
      expect(tables.has("tickets")).toBe(true);
      return tables;
    };
    const CLOCK_TABLES = ["clocks", "rollup_sla", "rollup_sla_span"];
    const SKETCH_TABLES = ["rollup_sketch", "rollup_sketch_span"];
    for (const filtered of [false, true]) {
      const noClocks = await read(["tickets", "frt_median", "csat_score"], filtered);
      for (const t of CLOCK_TABLES) expect(noClocks.has(t), t).toBe(false);
      expect(noClocks.has(filtered ? "rollup_sketch" : "rollup_sketch_span")).toBe(true);
      const countsOnly = await read(["tickets", "csat_score"], filtered);
      for (const t of [...CLOCK_TABLES, ...SKETCH_TABLES]) expect(countsOnly.has(t), t).toBe(false);
      const sla = await read(["sla_breaches"], filtered);
      expect(sla.has("clocks")).toBe(true);
      for (const t of SKETCH_TABLES) expect(sla.has(t), t).toBe(false);
    }
  });
});
