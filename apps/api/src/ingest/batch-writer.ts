import type { CaliperEvent } from "@caliper/domain";
import type { Services } from "../services.ts";
import { ingestEvents } from "./ingest-events.ts";

/**
 * Collects events and stores them in batches (one transaction each). Re-running the same input
 * adds nothing: events are idempotent by (brand, id), so an interrupted import resumes by
 * running it again.
 */
export class BatchWriter {
  private pending: CaliperEvent[] = [];
  accepted = 0;
  duplicates = 0;

  constructor(
    private readonly services: Services,
    readonly batchSize: number,
  ) {}

  async add(events: readonly CaliperEvent[]): Promise<void> {
    this.pending.push(...events);
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.batchSize);
      const r = await ingestEvents(this.services, batch);
      this.accepted += r.accepted;
      this.duplicates += r.duplicates;
    }
  }
}
