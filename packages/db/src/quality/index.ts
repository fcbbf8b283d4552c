export * from "./flags.ts";
export * from "./reviews.ts";
export * from "./samples.ts";
