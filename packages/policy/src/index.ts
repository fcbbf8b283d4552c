export * from "./calendar-types.ts";
export * from "./clock-types.ts";
export * from "./duration.ts";
export * from "./schema.ts";
export * from "./types.ts";
