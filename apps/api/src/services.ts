import type { CaliperDb, ProjectionContext } from "@caliper/db";
import type { PolicySet } from "@caliper/policy";
import type { Logger } from "./logger.ts";

export interface ApiConfig {
  /** SHA-256 (hex) of CALIPER_ADMIN_KEY, when set. */
  adminKeyHash: string | null;
  /** Secret that signs feedback tokens. */
  secret: string;
  /** Public base URL used in links handed to customers. */
  publicUrl: string;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
}

/** Everything routes use, passed in the request context (never imported as module state). */
export interface Services {
  db: CaliperDb;
  policies: PolicySet;
  projection: ProjectionContext;
  config: ApiConfig;
  logger: Logger;
  /** The current instant; injectable for tests. */
  now(): Date;
}
