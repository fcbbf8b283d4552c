export * from "./enums.ts";
export * from "./errors.ts";
export * from "./event-doc.ts";
export * from "./events.ts";
export * from "./ids.ts";
export * from "./issue-messages.ts";
export * from "./time.ts";
