import type { Scorecard } from "@caliper/policy";

/**
 * Scoring a QA review against a brand scorecard (DESIGN §6 "Scorecards and reviews"):
 * - each category is rated 0..4 (integers) or null for N/A; a category absent from the ratings is N/A;
 * - category score = rating / 4 * 100;
 * - review score = weighted mean of the rated categories' scores (N/A categories are left out of both
 *   the numerator and the denominator); null when no category with a positive weight is rated;
 * - any critical category rated below 2 is a critical fail: the review score is 0 and the review fails;
 * - pass = score >= scorecard.passScore (and no critical fail).
 */

export interface ReviewScore {
  /** 0..100; 0 on a critical fail; null when nothing (with a weight) is rated. */
  score: number | null;
  pass: boolean;
  criticalFail: boolean;
  /** Every scorecard category: rating / 4 * 100, or null when N/A. */
  categoryScores: Record<string, number | null>;
}

export interface InvalidRating {
  category: string;
  rating: unknown;
}

/** Ratings that do not fit the scorecard; the API answers 400 with `unknownCategories` and `invalidRatings`. */
export class ReviewRatingsError extends Error {
  override readonly name = "ReviewRatingsError";
  readonly unknownCategories: readonly string[];
  readonly invalidRatings: readonly InvalidRating[];

  constructor(unknownCategories: readonly string[], invalidRatings: readonly InvalidRating[]) {
    const parts: string[] = [];
    if (unknownCategories.length > 0) parts.push(`unknown categories: ${unknownCategories.join(", ")}`);
    if (invalidRatings.length > 0) {
      parts.push(
        `ratings must be integers 0..4 or null: ${invalidRatings.map((r) => `${r.category}=${String(r.rating)}`).join(", ")}`,
      );
    }
    super(parts.join("; "));
    this.unknownCategories = unknownCategories;
    this.invalidRatings = invalidRatings;
  }
}

/** Highest rating of a category. */
export const MAX_RATING = 4;
/** A critical category rated below this is a critical fail. */
export const CRITICAL_FAIL_BELOW = 2;

function isRating(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_RATING;
}

/** Throws a ReviewRatingsError listing unknown category ids and ratings other than integers 0..4 or null. */
export function validateRatings(scorecard: Scorecard, ratings: Readonly<Record<string, unknown>>): void {
  const known = new Set(scorecard.categories.map((c) => c.id));
  const unknownCategories: string[] = [];
  const invalidRatings: InvalidRating[] = [];
  for (const [category, rating] of Object.entries(ratings)) {
    if (!known.has(category)) unknownCategories.push(category);
    else if (rating !== null && !isRating(rating)) invalidRatings.push({ category, rating });
  }
  if (unknownCategories.length > 0 || invalidRatings.length > 0) {
    throw new ReviewRatingsError(unknownCategories.sort(), invalidRatings);
  }
}

/** Scores one review; see the module comment. Throws ReviewRatingsError on invalid ratings. */
export function scoreReview(scorecard: Scorecard, ratings: Readonly<Record<string, number | null>>): ReviewScore {
  validateRatings(scorecard, ratings);
  const categoryScores: Record<string, number | null> = {};
  let criticalFail = false;
  let weightedRatings = 0;
  let ratedWeight = 0;
  for (const category of scorecard.categories) {
    const rating = Object.hasOwn(ratings, category.id) ? (ratings[category.id] ?? null) : null;
    if (rating === null) {
      categoryScores[category.id] = null;
      continue;
    }
    categoryScores[category.id] = (rating / MAX_RATING) * 100;
    if (category.critical && rating < CRITICAL_FAIL_BELOW) criticalFail = true;
    weightedRatings += category.weight * rating;
    ratedWeight += category.weight;
  }
  // One division of exact sums (for integer weights), so a true 80 comes out as exactly 80.
  const weighted = ratedWeight > 0 ? (100 * weightedRatings) / (MAX_RATING * ratedWeight) : null;
  const score = criticalFail ? 0 : weighted;
  const pass = !criticalFail && score !== null && score >= scorecard.passScore;
  return { score, pass, criticalFail, categoryScores };
}
