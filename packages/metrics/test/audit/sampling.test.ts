import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  drawAuditSample,
  inclusionProbabilities,
  type PopulationTicket,
  ppsInclusionProbabilities,
  type SamplingStrategy,
  stratumSizes,
  UNASSIGNED_STRATUM,
} from "../../src/audit/sampling.ts";
import { SeededRandom } from "../../src/audit/seeded-random.ts";

const ticket = fc.record({
  ticketId: fc.string({ minLength: 1, maxLength: 6 }),
  agent: fc.option(fc.constantFrom("ana", "bo", "cy", "dee"), { nil: null }),
  risk: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })),
});
const population = fc.uniqueArray(ticket, { selector: (t) => t.ticketId, maxLength: 60 });
const strategy = fc.constantFrom<SamplingStrategy>("uniform", "risk");
const seed = fc.oneof(fc.string(), fc.integer());

function byStratum<T extends { agent: string | null }>(items: readonly T[]): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const item of items) out.set(item.agent, [...(out.get(item.agent) ?? []), item]);
  return out;
}

describe("ppsInclusionProbabilities", () => {
  it("is proportional to weight, capped at 1, and sums to k", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 })
          .chain((w) => fc.tuple(fc.constant(w), fc.integer({ min: 0, max: w.length }))),
        ([weights, k]) => {
          const pi = ppsInclusionProbabilities(weights, k);
          expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(k, 9);
          for (const p of pi) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
            if (k > 0) expect(p).toBeGreaterThan(0);
          }
          // Among non-certainty units pi / w is constant; certainty units weigh at least as much.
          const ratios = pi.map((p, i) => p / weights[i]!).filter((_, i) => pi[i]! < 1);
          for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 9);
          const minCertain = Math.min(...weights.filter((_, i) => pi[i] === 1));
          const maxUncertain = Math.max(...weights.filter((_, i) => pi[i]! < 1));
          if (k > 0) expect(minCertain).toBeGreaterThanOrEqual(maxUncertain);
        },
      ),
    );
  });

  it("caps heavy units and redistributes", () => {
    // k = 2, w = [10, 1, 1]: 2*10/12 > 1 -> certain; the remaining draw splits 1/2, 1/2.
    expect(ppsInclusionProbabilities([10, 1, 1], 2)).toEqual([1, 0.5, 0.5]);
    expect(ppsInclusionProbabilities([1, 1, 2], 2)).toEqual([0.5, 0.5, 1]);
    expect(ppsInclusionProbabilities([3, 1], 2)).toEqual([1, 1]);
    expect(() => ppsInclusionProbabilities([1, 0], 1)).toThrow(RangeError);
    expect(() => ppsInclusionProbabilities([1], 2)).toThrow(RangeError);
  });
});

describe("drawAuditSample", () => {
  it("is reproducible and independent of the input order", () => {
    fc.assert(
      fc.property(
        population.chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray(p, { minLength: p.length }))),
        fc.integer({ min: 0, max: 8 }),
        seed,
        strategy,
        ([pop, shuffled], perAgent, s, strat) => {
          const options = { perAgent, seed: s, strategy: strat };
          const a = drawAuditSample(pop, options);
          expect(drawAuditSample(pop, options)).toEqual(a);
          expect(drawAuditSample(shuffled, options)).toEqual(a);
          const ids = a.map((t) => t.ticketId);
          expect(ids).toEqual([...ids].sort());
        },
      ),
    );
  });

  it("draws min(perAgent, size) tickets per agent with probabilities in (0, 1] summing to that", () => {
    fc.assert(
      fc.property(population, fc.integer({ min: 0, max: 8 }), seed, strategy, (pop, perAgent, s, strat) => {
        const sample = drawAuditSample(pop, { perAgent, seed: s, strategy: strat });
        const all = inclusionProbabilities(pop, { perAgent, strategy: strat });
        expect(new Set(sample.map((t) => t.ticketId)).size).toBe(sample.length);
        const drawn = byStratum(sample);
        for (const [agent, tickets] of byStratum(pop)) {
          const k = Math.min(perAgent, tickets.length);
          expect(drawn.get(agent)?.length ?? 0).toBe(k);
          const total = tickets.reduce((sum, t) => sum + all.get(t.ticketId)!, 0);
          expect(total).toBeCloseTo(k, 9);
          for (const t of tickets) if (k > 0) expect(all.get(t.ticketId)).toBeGreaterThan(0);
        }
        for (const t of sample) {
          expect(t.inclusionProbability).toBeGreaterThan(0);
          expect(t.inclusionProbability).toBeLessThanOrEqual(1);
          expect(t.inclusionProbability).toBe(all.get(t.ticketId));
          expect(t.stratum).toBe(t.agent ?? UNASSIGNED_STRATUM);
        }
      }),
    );
  });

  it("keeps one agent's sample independent of other agents' tickets", () => {
    const pop: PopulationTicket[] = Array.from({ length: 30 }, (_, i) => ({
      ticketId: `T${String(i).padStart(3, "0")}`,
      agent: i % 2 === 0 ? "ana" : "bo",
      risk: i % 5,
    }));
    const options = { perAgent: 4, seed: "q3", strategy: "risk" as const };
    const ana = (sample: ReturnType<typeof drawAuditSample>) => sample.filter((t) => t.agent === "ana");
    const withoutBo = pop.filter((t) => t.agent === "ana");
    expect(ana(drawAuditSample(withoutBo, options))).toEqual(ana(drawAuditSample(pop, options)));
  });

  it("depends on the seed", () => {
    const pop = Array.from({ length: 200 }, (_, i) => ({ ticketId: `T${i}`, agent: null, risk: 0 }));
    const a = drawAuditSample(pop, { perAgent: 10, seed: 1, strategy: "uniform" });
    const b = drawAuditSample(pop, { perAgent: 10, seed: 2, strategy: "uniform" });
    expect(a.map((t) => t.ticketId)).not.toEqual(b.map((t) => t.ticketId));
    expect(a[0]?.stratum).toBe(UNASSIGNED_STRATUM);
  });

  it("rejects invalid input", () => {
    const t = { ticketId: "T1", agent: "ana", risk: 0 };
    expect(() => drawAuditSample([t, t], { perAgent: 1, seed: 1, strategy: "risk" })).toThrow(RangeError);
    expect(() => drawAuditSample([{ ...t, risk: -1 }], { perAgent: 1, seed: 1, strategy: "risk" })).toThrow(RangeError);
    expect(() => drawAuditSample([t], { perAgent: 1.5, seed: 1, strategy: "risk" })).toThrow(RangeError);
    expect(() => drawAuditSample([t], { perAgent: 1, seed: Number.NaN, strategy: "risk" })).toThrow(RangeError);
  });

  it("matches the inclusion probabilities empirically over many seeds", () => {
    // Per stratum 10 tickets with skewed risk, perAgent 3, plus a stratum smaller than perAgent.
    const pop: PopulationTicket[] = [];
    const risks = [0, 0, 0, 0, 1, 1, 2, 4, 9, 30];
    for (const agent of ["ana", "bo", null]) {
      risks.forEach((risk, i) => {
        pop.push({ ticketId: `${agent ?? "none"}-${i}`, agent, risk: agent === "bo" ? risk / 2 : risk });
      });
    }
    pop.push({ ticketId: "solo-1", agent: "cy", risk: 3 }, { ticketId: "solo-2", agent: "cy", risk: 0 });
    const runs = 6000;
    for (const strat of ["risk", "uniform"] as const) {
      const pi = inclusionProbabilities(pop, { perAgent: 3, strategy: strat });
      const hits = new Map<string, number>();
      for (let s = 0; s < runs; s++) {
        for (const t of drawAuditSample(pop, { perAgent: 3, seed: `run-${s}`, strategy: strat })) {
          hits.set(t.ticketId, (hits.get(t.ticketId) ?? 0) + 1);
        }
      }
      for (const t of pop) {
        const p = pi.get(t.ticketId)!;
        const observed = (hits.get(t.ticketId) ?? 0) / runs;
        // 4.5 binomial standard deviations (plus a floor for p near 0 or 1)
        const tolerance = 4.5 * Math.sqrt((p * (1 - p)) / runs) + 1e-3;
        expect(Math.abs(observed - p), `${strat} ${t.ticketId}: pi=${p} observed=${observed}`).toBeLessThanOrEqual(
          tolerance,
        );
      }
      if (strat === "risk") {
        expect(pi.get("ana-9")).toBe(1);
        expect(pi.get("ana-0")!).toBeLessThan(pi.get("ana-7")!);
      } else {
        expect(pi.get("ana-0")).toBeCloseTo(0.3, 12);
      }
      expect(pi.get("solo-1")).toBe(1);
    }
  });

  it("counts stratum sizes", () => {
    expect(
      stratumSizes([
        { ticketId: "a", agent: "ana", risk: 0 },
        { ticketId: "b", agent: null, risk: 0 },
        { ticketId: "c", agent: "ana", risk: 0 },
      ]),
    ).toEqual({ ana: 2, [UNASSIGNED_STRATUM]: 1 });
  });
});

describe("SeededRandom", () => {
  it("is deterministic and roughly uniform", () => {
    const a = new SeededRandom("x");
    const b = new SeededRandom("x");
    const counts = new Array<number>(10).fill(0);
    const first = Array.from({ length: 100_000 }, () => a.nextInt(10));
    const second = Array.from({ length: 100_000 }, () => b.nextInt(10));
    expect(second).toEqual(first);
    for (const v of first) counts[v]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
    const f = new SeededRandom("y").nextFloat();
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(1);
    expect(new SeededRandom("x").nextUint32()).not.toBe(new SeededRandom("y").nextUint32());
  });
});
