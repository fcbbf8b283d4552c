export * from "./ticket-state.ts";
