export {
  BackupNotSupportedError,
  type BackupOptions,
  type BackupProgress,
  type BackupResult,
  backupDatabase,
  integrityCheck,
} from "./backup.ts";
export { analyzeDatabase, type CaliperDb, type OpenOptions, openDatabase, pingDatabase } from "./database.ts";
export { type Backend, isPostgresUrl } from "./dialect.ts";
export { runSql } from "./raw-sql.ts";
export { type AppendResult, appendEvents, appendToLog } from "./ingest.ts";
export * from "./keys.ts";
export { deleteMeta, readMeta, writeMeta } from "./meta.ts";
export { LATEST_MIGRATION, migrateToLatest, pendingMigrations } from "./migrations/index.ts";
export { PROJECTION_TABLES, type ProjectionContext } from "./projections/index.ts";
export { refreshAllSpans } from "./projections/span-refresh.ts";
export { SPAN_REFRESH_DELAY_MS } from "./span-refresher.ts";
export { brandHasEvents } from "./queries/brands.ts";
export { getTicket, type TicketView } from "./queries/ticket.ts";
export {
  AUTO_WORKERS_FROM,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
  rebuildProjections,
} from "./rebuild.ts";
export { defaultRebuildWorkers } from "./rebuild-workers.ts";
export { isTransient, isUniqueViolation, withRetry } from "./retry.ts";
export type { Database } from "./schema.ts";
export {
  type ClocksQuery,
  type ClockStatusFilter,
  type ClockView,
  clockView,
  decodeCursor,
  queryClocks,
} from "./queries/clocks.ts";
export { type AgentFigures, agentFigures, queryAgents, teamMedian } from "./queries/metrics/agents.ts";
export { EXACT_LIMIT, type Precision } from "./queries/metrics/collect.ts";
export { queryOverview } from "./queries/metrics/overview.ts";
export {
  queryTimeseries,
  queryTimeseriesSet,
  TIMESERIES_METRICS,
  type TimeseriesMetric,
  type TimeseriesResult,
} from "./queries/metrics/timeseries.ts";
export * from "./connectors.ts";
export * from "./quality/index.ts";
export { type RatingRow, recentRatings } from "./queries/ratings.ts";
