import type { AppendResult } from "@caliper/db";
import type { CaliperEvent } from "@caliper/domain";
import type { Services } from "../services.ts";
import { ingestEvents } from "./ingest-events.ts";

/** Most events one shared transaction takes (a single request may still bring more). */
export const GROUP_MAX_EVENTS = 1000;

/** Most event-loop turns a group waits for more requests to join. */
const GATHER_TURNS = 8;

interface Pending {
  events: readonly CaliperEvent[];
  resolve: (r: AppendResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: requests that arrive while a write transaction runs wait for it, then go
 * together in the next one. Under concurrency a transaction carries many small requests
 * instead of one each. Each request stays atomic and answers exactly as if it had been
 * written alone after those before it: its events' `stored` flags are its slice of the group's
 * (an event sent by two requests of a group is stored for the first and a duplicate for the
 * second). Should a group's transaction fail, its requests are retried one by one, so one
 * request's failure never fails another's.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private draining = false;

  /** `append` stores one transaction's events (normally `ingestEvents`: the log and every projection). */
  constructor(private readonly append: (events: readonly CaliperEvent[]) => Promise<AppendResult>) {}

  submit(events: readonly CaliperEvent[]): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        await this.gather();
        const group: Pending[] = [this.queue.shift() as Pending];
        let size = group[0]?.events.length ?? 0;
        while (this.queue.length > 0 && size + (this.queue[0]?.events.length ?? 0) <= GROUP_MAX_EVENTS) {
          const next = this.queue.shift() as Pending;
          size += next.events.length;
          group.push(next);
        }
        await this.writeGroup(group);
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Lets requests already on their way join: a write on SQLite runs without yielding to the
   * event loop, so requests that arrived meanwhile are still unread. Yields until a turn of the
   * loop brings no new request (at most GATHER_TURNS turns), then the group is taken.
   */
  private async gather(): Promise<void> {
    for (let turn = 0; turn < GATHER_TURNS; turn++) {
      const before = this.queue.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.queue.length === before) return;
    }
  }

  private async writeGroup(group: readonly Pending[]): Promise<void> {
    if (group.length === 1) {
      const only = group[0] as Pending;
      await this.append(only.events).then(only.resolve, only.reject);
      return;
    }
    let result: AppendResult;
    try {
      result = await this.append(group.flatMap((p) => p.events));
    } catch {
      for (const p of group) await this.append(p.events).then(p.resolve, p.reject);
      return;
    }
    let offset = 0;
    for (const p of group) {
      const stored = result.stored.slice(offset, offset + p.events.length);
      offset += p.events.length;
      const accepted = stored.filter(Boolean).length;
      p.resolve({ accepted, duplicates: stored.length - accepted, stored });
    }
  }
}

const groups = new WeakMap<Services, GroupCommit>();

/** Stores a request's events through its services' group commit (one per services instance). */
export function submitEvents(services: Services, events: readonly CaliperEvent[]): Promise<AppendResult> {
  let g = groups.get(services);
  if (!g) {
    g = new GroupCommit((events) => ingestEvents(services, events));
    groups.set(services, g);
  }
  return g.submit(events);
}
