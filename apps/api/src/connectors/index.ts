/**
 * Helpdesk connectors: pure mappings from Chatwoot webhooks and Zendesk exports to Caliper
 * events (DESIGN.md §2). See ./chatwoot/index.ts and ./zendesk/index.ts for the API, the
 * mapping tables and the event id schemes.
 */
export * from "./chatwoot/index.ts";
export * from "./zendesk/index.ts";
