export { arbitraryHistory, type HistoryOptions, sampleHistory, shuffled } from "./arbitrary-events.ts";
