export * from "./horvitz-thompson.ts";
export * from "./krippendorff.ts";
export * from "./review-score.ts";
export * from "./sampling.ts";
