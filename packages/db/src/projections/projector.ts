import type { CaliperEvent } from "@caliper/domain";
import type { Transaction } from "kysely";
import type { Backend } from "../dialect.ts";
import type { Database } from "../schema.ts";

/** Everything a projection needs besides the events: which backend, and the brand policies. */
export interface ProjectionContext {
  readonly backend: Backend;
}

/** All stored events of every ticket and order touched by a write, keyed by subject key. */
export interface SubjectEvents {
  readonly tickets: ReadonlyMap<string, readonly CaliperEvent[]>;
  readonly orders: ReadonlyMap<string, readonly CaliperEvent[]>;
}

/**
 * A derived table kept up to date in the ingest transaction. `project` recomputes the rows of
 * the touched subjects from their complete event sets, so the result never depends on arrival
 * order; `tables` are emptied before a rebuild replays the log.
 */
export interface Projector {
  readonly name: string;
  readonly tables: readonly (keyof Database)[];
  project(trx: Transaction<Database>, ctx: ProjectionContext, subjects: SubjectEvents): Promise<void>;
}
