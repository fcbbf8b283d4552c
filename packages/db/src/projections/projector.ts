import type { CaliperEvent } from "@caliper/domain";
import type { PolicySet } from "@caliper/policy";
import type { Backend } from "../dialect.ts";

/** Everything a projection needs besides the events: which backend, and the brand policies. */
export interface ProjectionContext {
  readonly backend: Backend;
  readonly policies: PolicySet;
}

/** All stored events of every ticket and order touched by a write, keyed by subject key. */
export interface SubjectEvents {
  readonly tickets: ReadonlyMap<string, readonly CaliperEvent[]>;
  readonly orders: ReadonlyMap<string, readonly CaliperEvent[]>;
}
