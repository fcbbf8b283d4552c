import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OverviewAccumulator } from "../src/overview.ts";
import type { TicketFacts } from "../src/ticket-facts.ts";

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
  .map((r) => ({
    brand: "acme",
    ticketId: "t-1",
    createdAt: "2026-11-02T10:00:00.000Z",
    createdDay: "2026-11-02",
    category: "order",
    channel: "email",
    agent: r.agent,
    firstResponseApplies: true,
    frtSeconds: r.frt,
    frtBusinessSeconds: r.frt === null ? null : Math.floor(r.frt / 3),
    solved: r.resolution !== null,
    resolutionSeconds: r.resolution,
    fcr: r.resolution !== null && r.fcr,
    reopened: r.reopened,
    rating: r.rating,
    ratingAt: r.rating === null ? null : "2026-11-05T10:00:00.000Z",
    ratingComment: null,
    flags: r.flags,
    lastEventAt: "2026-11-06T10:00:00.000Z",
  }));

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
