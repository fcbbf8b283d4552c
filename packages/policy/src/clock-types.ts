import type { ClockName } from "./types.ts";

export type ClockStatus = "met" | "late" | "breached" | "running";

/** How an instance's elapsed time is counted. */
export type ClockMeasure = "calendar" | "business" | "working_days";

/**
 * One SLA clock instance (DESIGN.md §4), with its status boundaries precomputed so that the
 * status at any `asOf` is a comparison of instants (which SQL can do too):
 *  - stopped at s <= asOf: met if s <= targetDeadline, late if s <= limitDeadline, else breached;
 *  - otherwise: breached if asOf > limitDeadline, else running, atRisk if asOf > targetDeadline.
 * A deadline is the latest instant at which elapsed time is still within the target or limit.
 */
export interface ClockInstance {
  clock: ClockName;
  brand: string;
  /** Set for ticket clocks (first_response, next_response). */
  ticketId: string | null;
  /** Set for order clocks (dispatch, delivery, refund). */
  orderId: string | null;
  /** 0 for the first instance of a clock on its subject, 1 for the next (next_response repeats). */
  seq: number;
  startedAt: string;
  stoppedAt: string | null;
  measure: ClockMeasure;
  /** Effective target and limit after any peak-period factor, as policy text ("36h", "4.5wd"). */
  target: string;
  limit: string;
  targetDeadline: string;
  limitDeadline: string;
  /** Peak-period factor applied (1 when none). */
  factor: number;
}

/** A clock instance's state at an instant. */
export interface ClockState {
  status: ClockStatus;
  atRisk: boolean;
  /** Elapsed seconds (calendar or business measure) up to the stop, or to asOf while running. */
  elapsedSeconds: number | null;
  /** Elapsed working days (working_days measure). */
  elapsedWorkingDays: number | null;
}
