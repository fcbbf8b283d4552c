import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateCompliance, type ReviewedSampleItem } from "../../src/audit/horvitz-thompson.ts";
import { drawAuditSample, type PopulationTicket, stratumSizes } from "../../src/audit/sampling.ts";
import { SeededRandom } from "../../src/audit/seeded-random.ts";
import { wilsonInterval } from "../../src/wilson.ts";

const item = (pass: boolean, inclusionProbability: number, stratum = "ana"): ReviewedSampleItem => ({
  pass,
  inclusionProbability,
  stratum,
});

describe("estimateCompliance", () => {
  it("is empty without items", () => {
    expect(estimateCompliance([])).toEqual({ rate: null, ci95: null, n: 0, standardError: null, estimator: "hajek" });
  });

  it("reduces to the plain pass rate when inclusion probabilities are equal", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.array(fc.constantFrom("ana", "bo", "cy"), { minLength: 40, maxLength: 40 }),
        (passes, pi, strata) => {
          const items = passes.map((pass, i) => item(pass, pi, strata[i]!));
          const plain = passes.filter(Boolean).length / passes.length;
          const hajek = estimateCompliance(items);
          expect(hajek.rate).toBeCloseTo(plain, 12);
          expect(hajek.n).toBe(passes.length);
          // Known N consistent with the equal probabilities (N_h = n_h / pi) gives the same rate.
          const sizes: Record<string, number> = {};
          for (const it of items) sizes[it.stratum] = (sizes[it.stratum] ?? 0) + 1;
          if (Number.isInteger(1 / pi)) {
            for (const s of Object.keys(sizes)) sizes[s] = sizes[s]! / pi;
            expect(estimateCompliance(items, sizes).rate).toBeCloseTo(plain, 12);
          }
        },
      ),
    );
  });

  it("gives the textbook interval for a simple random sample", () => {
    // One stratum, pi = 10/100 each, 7 of 10 pass: se^2 = p(1-p)/(n-1) (with-replacement approximation),
    // n_eff = n - 1 = 9, so the interval is Wilson's at n = 9.
    const items = [...Array(7).fill(true), ...Array(3).fill(false)].map((pass: boolean) => item(pass, 0.1));
    const result = estimateCompliance(items);
    expect(result.rate).toBeCloseTo(0.7, 12);
    expect(result.standardError).toBeCloseTo(Math.sqrt((0.7 * 0.3) / 9), 12);
    const [lo, hi] = wilsonInterval(7, 10)!;
    expect(result.ci95![0]).toBeLessThan(lo);
    expect(result.ci95![1]).toBeGreaterThan(hi);
  });

  it("computes the Hajek estimate and its linearised variance by hand", () => {
    const items = [item(true, 0.5, "A"), item(false, 0.25, "A"), item(true, 1, "B")];
    const result = estimateCompliance(items);
    // sum(y/pi) = 2 + 1 = 3; sum(1/pi) = 2 + 4 + 1 = 7
    expect(result.rate).toBeCloseTo(3 / 7, 12);
    // u = (y - 3/7)/pi over A's non-certainty units: 8/7, -12/7; v = 2 * 2 * (10/7)^2; se = sqrt(v) / 7
    expect(result.standardError).toBeCloseTo(20 / 49, 12);
    const known = estimateCompliance(items, { A: 6, B: 1, C: 50 });
    expect(known.estimator).toBe("horvitz-thompson");
    expect(known.rate).toBeCloseTo(3 / 7, 12);
    // u = y/pi: 2, 0; v = 2 * 2 * 1 = 4; se = 2 / 7
    expect(known.standardError).toBeCloseTo(2 / 7, 12);
  });

  it("gives a point interval for a census and a non-degenerate one when every review passes", () => {
    const census = estimateCompliance([item(true, 1), item(false, 1), item(true, 1, "bo")]);
    expect(census.rate).toBeCloseTo(2 / 3, 12);
    expect(census.ci95).toEqual([census.rate, census.rate]);
    const allPass = estimateCompliance([item(true, 0.2), item(true, 0.5), item(true, 0.5, "bo")]);
    expect(allPass.rate).toBe(1);
    expect(allPass.ci95![1]).toBe(1);
    expect(allPass.ci95![0]).toBeLessThan(0.6);
    const single = estimateCompliance([item(false, 0.3)]);
    expect(single.rate).toBe(0);
    expect(single.ci95).toEqual(wilsonInterval(0, 1));
  });

  it("keeps the interval inside [0, 1] around the estimate", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pass: fc.boolean(),
            inclusionProbability: fc.double({ min: 0.01, max: 1, noNaN: true }),
            stratum: fc.constantFrom("a", "b", "c", "d"),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (items) => {
          const { rate, ci95 } = estimateCompliance(items);
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
          expect(ci95![0]).toBeGreaterThanOrEqual(0);
          expect(ci95![1]).toBeLessThanOrEqual(1);
          expect(ci95![0]).toBeLessThanOrEqual(rate! + 1e-12);
          expect(ci95![1]).toBeGreaterThanOrEqual(rate! - 1e-12);
        },
      ),
    );
  });

  it("rejects bad probabilities and population sizes", () => {
    expect(() => estimateCompliance([item(true, 0)])).toThrow(RangeError);
    expect(() => estimateCompliance([item(true, 1.2)])).toThrow(RangeError);
    expect(() => estimateCompliance([item(true, 0.5, "ana")], { bo: 10 })).toThrow(/ana/);
    expect(() => estimateCompliance([item(true, 0.5), item(true, 0.5)], { ana: 1 })).toThrow(RangeError);
  });

  it("is unbiased under risk sampling where the naive sample mean is not (simulation)", () => {
    // Synthetic population: 8 agents x 80 tickets. Risk 0 / 2 / 8 with pass probability 0.95 / 0.7 / 0.3,
    // so risk sampling over-draws failing tickets.
    const random = new SeededRandom("population");
    const population: Array<PopulationTicket & { pass: boolean }> = [];
    for (let a = 0; a < 8; a++) {
      for (let i = 0; i < 80; i++) {
        const u = random.nextFloat();
        const risk = u < 0.7 ? 0 : u < 0.9 ? 2 : 8;
        const passProbability = risk === 0 ? 0.95 : risk === 2 ? 0.7 : 0.3;
        population.push({
          ticketId: `a${a}-t${i}`,
          agent: a === 7 ? null : `agent-${a}`,
          risk,
          pass: random.nextFloat() < passProbability,
        });
      }
    }
    const passById = new Map(population.map((t) => [t.ticketId, t.pass]));
    const trueRate = population.filter((t) => t.pass).length / population.length;
    const sizes = stratumSizes(population);

    const runs = 2000;
    let hajekSum = 0;
    let htSum = 0;
    let naiveSum = 0;
    let covered = 0;
    for (let s = 0; s < runs; s++) {
      const sample = drawAuditSample(population, { perAgent: 10, seed: `sim-${s}`, strategy: "risk" });
      const items = sample.map((t) => ({ ...t, pass: passById.get(t.ticketId)! }));
      const hajek = estimateCompliance(items);
      hajekSum += hajek.rate!;
      htSum += estimateCompliance(items, sizes).rate!;
      naiveSum += items.filter((t) => t.pass).length / items.length;
      if (hajek.ci95![0] <= trueRate && trueRate <= hajek.ci95![1]) covered++;
    }
    // Within 1 percentage point (absolute) of the true rate; the naive mean is off by far more.
    expect(Math.abs(hajekSum / runs - trueRate)).toBeLessThan(0.01);
    expect(Math.abs(htSum / runs - trueRate)).toBeLessThan(0.01);
    expect(trueRate - naiveSum / runs).toBeGreaterThan(0.05);
    // The 95% interval covers the truth about 95% of the time (conservative variance: a bit more).
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(covered / runs).toBeLessThan(0.995);
  });
});
