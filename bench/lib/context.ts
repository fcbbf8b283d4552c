import { join } from "node:path";
import { RESULTS } from "./common.ts";
import type { Baseline } from "./baseline.ts";
import type { BenchResult } from "./report.ts";
import type { Store, StoreOptions } from "./store.ts";

/** Sizes of one run: the defaults, or small ones with --quick. */
export interface Sizes {
  /** Events posted by the batch ingest benchmark (in batches of 500, 4 clients). */
  batchEvents: number;
  /** Seconds of each autocannon run. */
  cannonSeconds: number;
  /** Sequential requests per read endpoint. */
  reads: number;
  readWarmup: number;
  /** Timed DuckDB overview queries. */
  duckRuns: number;
  /** Tickets of the (cached) store that `caliper rebuild` replays. */
  rebuildTickets: number;
  /** PostgreSQL: tickets of the (cached) read store. */
  pgTickets: number;
  /** Synthetic twcs files to import (bytes). */
  twcsBytes: number[];
}

export const FULL_SIZES: Sizes = {
  batchEvents: 100_000,
  cannonSeconds: 6,
  reads: 200,
  readWarmup: 20,
  duckRuns: 20,
  rebuildTickets: 20_000,
  pgTickets: 50_000,
  twcsBytes: [256 * 2 ** 20, 1024 * 2 ** 20],
};

export const QUICK_SIZES: Sizes = {
  batchEvents: 10_000,
  cannonSeconds: 3,
  reads: 50,
  readWarmup: 5,
  duckRuns: 5,
  rebuildTickets: 2_000,
  pgTickets: 3_000,
  twcsBytes: [4 * 2 ** 20, 16 * 2 ** 20],
};

export interface BenchContext {
  quick: boolean;
  profile: boolean;
  /**
   * --big-rebuild: rebuild a copy of the cached big store (and one brand of it) in this run. Without
   * it, a run that finds the store cached reports the rebuild its seeding ended with (bench/rebuild.ts).
   */
  bigRebuild: boolean;
  /**
   * --pg-big: the PostgreSQL reads on a store of the big store's size (`storeOptions`), seeded by
   * `caliper demo` into PostgreSQL and cached, read beside the big SQLite store. Without it they
   * run on a `sizes.pgTickets`-ticket, 90-day store (seeding 1M tickets into PostgreSQL takes
   * 7-15 minutes, beyond the suite's 30 with the rest).
   */
  pgBig: boolean;
  sizes: Sizes;
  /** The big store's options (tickets = --scale). */
  storeOptions: StoreOptions;
  /** The big store, seeded once and cached. */
  store(): Promise<Store>;
  /** Directory for --cpu-prof profiles of a CLI child process, when --profile is on. */
  profileDir(name: string): string | undefined;
  /** File for the CPU profile of one server phase (BenchServer.profiled), when --profile is on. */
  profileFile(name: string): string | undefined;
  /** With --baseline REV: the product at that commit, for the before/after benchmark. */
  baseline?: Baseline;
  /** Results of benchmarks that already ran in this process (e.g. the reads' overview for DuckDB). */
  shared: Map<string, unknown>;
}

export const profileRoot = join(RESULTS, "profiles");

export type Bench = (ctx: BenchContext, r: BenchResult) => Promise<void>;
