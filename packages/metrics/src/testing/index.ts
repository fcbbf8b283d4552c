export { arbitraryHistory, type HistoryOptions, shuffled } from "./arbitrary-events.ts";
