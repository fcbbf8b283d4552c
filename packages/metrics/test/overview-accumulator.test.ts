import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OverviewAccumulator } from "../src/overview.ts";
import type { TicketFacts } from "../src/ticket-facts.ts";
import { ticketFacts } from "./ticket-facts-fixture.ts";

const seconds = fc.option(fc.integer({ min: 1, max: 90 * 86_400 }), { nil: null });
const facts: fc.Arbitrary<TicketFacts> = fc
  .record({
    frt: seconds,
    resolution: seconds,
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    flags: fc.nat(3),
    agent: fc.option(fc.constantFrom("ag-1", "ag-2"), { nil: null }),
    fcr: fc.boolean(),
    reopened: fc.boolean(),
  })
  .map((r) =>
    ticketFacts({
      agent: r.agent,
      frtSeconds: r.frt,
      frtBusinessSeconds: r.frt === null ? null : Math.floor(r.frt / 3),
      solved: r.resolution !== null,
      resolutionSeconds: r.resolution,
      fcr: r.resolution !== null && r.fcr,
      reopened: r.reopened,
      rating: r.rating,
      ratingAt: r.rating === null ? null : "2026-11-05T10:00:00.000Z",
      flags: r.flags,
    }),
  );

describe("an overview accumulator corrected for a ticket that changed (sketch mode)", () => {
  it("taking out tickets gives the overview of the tickets left, exactly", () => {
    fc.assert(
      fc.property(
        fc.array(facts, { minLength: 1, maxLength: 40 }),
        fc.array(facts, { maxLength: 10 }),
        (kept, gone) => {
          const corrected = new OverviewAccumulator("sketch");
          for (const f of [...gone, ...kept]) corrected.addTicket(f);
          for (const f of gone) corrected.removeTicket(f);
          const direct = new OverviewAccumulator("sketch");
          for (const f of kept) direct.addTicket(f);
          const a = corrected.finalize();
          const b = direct.finalize();
          // Sums may differ by rounding after a subtraction; everything else is equal.
          expect(a.firstResponse.meanSeconds ?? 0).toBeCloseTo(b.firstResponse.meanSeconds ?? 0, 6);
          expect(a.csat.meanRating ?? 0).toBeCloseTo(b.csat.meanRating ?? 0, 9);
          const strip = (o: typeof a) => ({
            ...o,
            firstResponse: { ...o.firstResponse, meanSeconds: 0, businessMeanSeconds: 0 },
            csat: { ...o.csat, meanRating: 0 },
          });
          expect(strip(a)).toEqual(strip(b));
          expect(corrected.isEmpty()).toBe(false);
        },
      ),
    );
  });

  it("is empty once every ticket added is taken out, and an exact accumulator refuses to take one out", () => {
    const [f] = fc.sample(facts, { numRuns: 1, seed: 3 }) as [TicketFacts];
    const acc = new OverviewAccumulator("sketch").addTicket(f);
    expect(acc.isEmpty()).toBe(false);
    expect(acc.removeTicket(f).isEmpty()).toBe(true);
    expect(() => new OverviewAccumulator("exact").addTicket(f).removeTicket(f)).toThrow();
  });
});

describe("an overview accumulator that leaves parts out", () => {
  it("without durations or clocks gives the same counts, sums and rates, null percentiles and no SLA tallies", () => {
    fc.assert(
      fc.property(
        fc.array(facts, { minLength: 1, maxLength: 40 }),
        fc.constantFrom("exact", "sketch"),
        (all, precision) => {
          const full = new OverviewAccumulator(precision as "exact" | "sketch");
          const partial = new OverviewAccumulator(precision as "exact" | "sketch", { clocks: false, durations: false });
          for (const acc of [full, partial]) {
            for (const f of all) acc.addTicket(f);
            acc.addClock("first_response", { status: "breached", atRisk: false });
            acc.addClockCounts("next_response", "met", 3);
            acc.addOpenClockCounts("first_response", { running: 2, breached: 1, atRisk: 1 });
            if (precision === "sketch") acc.addBuckets("frt", [[10, 2]]);
          }
          const a = full.finalize();
          const b = partial.finalize();
          expect(b.tickets).toEqual(a.tickets);
          expect(b.csat).toEqual(a.csat);
          expect(b.firstResponse.meanSeconds).toBe(a.firstResponse.meanSeconds);
          expect(b.resolution.rate).toBe(a.resolution.rate);
          for (const v of [b.firstResponse.medianSeconds, b.firstResponse.p90Seconds, b.resolution.medianSeconds])
            expect(v).toBeNull();
          expect(a.sla.first_response.breached).toBe(2);
          expect(b.sla.first_response).toMatchObject({ met: 0, late: 0, breached: 0, running: 0, atRisk: 0 });
          expect(b.sla.next_response.met).toBe(0);
        },
      ),
    );
  });
});
