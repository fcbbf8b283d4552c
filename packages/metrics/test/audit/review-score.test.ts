import type { Scorecard } from "@caliper/policy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReviewRatingsError, scoreReview } from "../../src/audit/review-score.ts";

/** DESIGN §6 default categories. */
const scorecard: Scorecard = {
  passScore: 80,
  categories: [
    { id: "accuracy", label: "Accuracy & policy adherence", weight: 30, critical: false },
    { id: "resolution", label: "Resolution & ownership", weight: 25, critical: false },
    { id: "tone", label: "Tone & empathy", weight: 20, critical: false },
    { id: "process", label: "Process & official channels", weight: 15, critical: false },
    { id: "timeliness", label: "Timeliness", weight: 10, critical: false },
    { id: "misleading", label: "Misleading information or unauthorised promise", weight: 0, critical: true },
    { id: "privacy", label: "Privacy", weight: 0, critical: true },
  ],
};

describe("scoreReview", () => {
  it("weights category scores (rating / 4 * 100)", () => {
    const result = scoreReview(scorecard, { accuracy: 4, resolution: 3, tone: 2, process: 1, timeliness: 0 });
    // (30*100 + 25*75 + 20*50 + 15*25 + 10*0) / 100 = 62.5
    expect(result.score).toBe(62.5);
    expect(result.pass).toBe(false);
    expect(result.criticalFail).toBe(false);
    expect(result.categoryScores).toEqual({
      accuracy: 100,
      resolution: 75,
      tone: 50,
      process: 25,
      timeliness: 0,
      misleading: null,
      privacy: null,
    });
  });

  it("passes at exactly the pass score", () => {
    // (30*4 + 25*3 + 20*3 + 15*3 + 10*3) * 25 / 100 = 330 / 4 = 82.5; and exactly 80:
    expect(scoreReview(scorecard, { accuracy: 4, resolution: 3, tone: 3, process: 3, timeliness: 3 }).score).toBe(82.5);
    const eighty = scoreReview(
      { passScore: 80, categories: scorecard.categories.slice(0, 5) },
      {
        accuracy: 4,
        resolution: 3,
        tone: 3,
        process: 3,
        timeliness: 2,
      },
    );
    expect(eighty.score).toBe(80);
    expect(eighty.pass).toBe(true);
    const five = [3, 3, 3, 3, 4].map((r, i) => [`c${i}`, r] as const);
    const even: Scorecard = {
      passScore: 80,
      categories: five.map(([id]) => ({ id, label: id, weight: 1, critical: false })),
    };
    // 16 / 20 = 0.8 -> 80 exactly, although 0.8 has no exact binary form
    expect(scoreReview(even, Object.fromEntries(five)).score).toBe(80);
  });

  it("leaves N/A out of numerator and denominator", () => {
    const result = scoreReview(scorecard, { accuracy: 4, resolution: null, tone: 2 });
    // (30*100 + 20*50) / 50 = 80
    expect(result.score).toBe(80);
    expect(result.pass).toBe(true);
    expect(result.categoryScores["resolution"]).toBeNull();
    expect(result.categoryScores["process"]).toBeNull();
  });

  it("scores 0 on a critical fail (a critical category rated below 2)", () => {
    const all4 = { accuracy: 4, resolution: 4, tone: 4, process: 4, timeliness: 4 };
    for (const rating of [0, 1]) {
      const result = scoreReview(scorecard, { ...all4, privacy: rating });
      expect(result).toMatchObject({ score: 0, pass: false, criticalFail: true });
      expect(result.categoryScores["privacy"]).toBe(rating * 25);
    }
    expect(scoreReview(scorecard, { ...all4, privacy: 2, misleading: 3 })).toMatchObject({
      score: 100,
      pass: true,
      criticalFail: false,
    });
    const weightedCritical: Scorecard = {
      passScore: 80,
      categories: [
        { id: "a", label: "a", weight: 1, critical: false },
        { id: "b", label: "b", weight: 1, critical: true },
      ],
    };
    expect(scoreReview(weightedCritical, { a: 4, b: 1 })).toMatchObject({ score: 0, criticalFail: true, pass: false });
    expect(scoreReview(weightedCritical, { a: 4, b: 2 })).toMatchObject({
      score: 75,
      criticalFail: false,
      pass: false,
    });
  });

  it("returns a null score when nothing is rated", () => {
    expect(scoreReview(scorecard, {})).toMatchObject({ score: null, pass: false, criticalFail: false });
    const allNA = Object.fromEntries(scorecard.categories.map((c) => [c.id, null]));
    expect(scoreReview(scorecard, allNA)).toMatchObject({ score: null, pass: false, criticalFail: false });
    // Only zero-weight (critical) categories rated and passing: nothing to average.
    expect(scoreReview(scorecard, { privacy: 4 }).score).toBeNull();
  });

  it("throws a typed error listing unknown categories and invalid ratings", () => {
    let error: unknown;
    try {
      scoreReview(scorecard, { accuracy: 5, tone: 2.5, nope: 1, zzz: null, process: -1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReviewRatingsError);
    const e = error as ReviewRatingsError;
    expect(e.unknownCategories).toEqual(["nope", "zzz"]);
    expect(e.invalidRatings).toEqual([
      { category: "accuracy", rating: 5 },
      { category: "tone", rating: 2.5 },
      { category: "process", rating: -1 },
    ]);
    expect(e.message).toContain("nope");
    expect(() => scoreReview(scorecard, { accuracy: Number.NaN })).toThrow(ReviewRatingsError);
  });

  it("stays within [0, 100] and matches the formula", () => {
    const rating = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null });
    fc.assert(
      fc.property(fc.array(rating, { minLength: 7, maxLength: 7 }), (values) => {
        const ratings = Object.fromEntries(scorecard.categories.map((c, i) => [c.id, values[i] ?? null]));
        const result = scoreReview(scorecard, ratings);
        const critical = scorecard.categories.some((c) => c.critical && ratings[c.id] !== null && ratings[c.id]! < 2);
        expect(result.criticalFail).toBe(critical);
        let num = 0;
        let den = 0;
        for (const c of scorecard.categories) {
          const r = ratings[c.id];
          if (r === null || r === undefined) continue;
          num += c.weight * (r / 4) * 100;
          den += c.weight;
        }
        const expected = critical ? 0 : den > 0 ? num / den : null;
        if (expected === null) expect(result.score).toBeNull();
        else expect(result.score).toBeCloseTo(expected, 9);
        expect(result.pass).toBe(result.score !== null && !critical && result.score >= 80);
      }),
    );
  });
});
