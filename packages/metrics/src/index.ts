export * from "./ddsketch.ts";
export * from "./overview.ts";
export * from "./percentile.ts";
export * from "./rollup-counts.ts";
export * from "./ticket-facts.ts";
export * from "./ticket-state.ts";
export * from "./wilson.ts";
export * from "./audit/index.ts";
