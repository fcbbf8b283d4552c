/** How often a sample is kept at most: updates in between move the newest one. */
const SAMPLE_EVERY_MS = 250;

/**
 * The rate of a count that grows over time, for a progress bar: over the last `windowMs` for the
 * ETA (work speeds up and slows down as it goes), and since the count was first seen for the
 * summary. Time before the first sample does not count, so a bar made long before its work
 * starts (a rebuild's orders, after all its tickets) does not show a rate that is far too low.
 * A count that goes down, or a new total, starts afresh: the same bar counting a new phase.
 * Until a second sample, the summary counts from `createdAt` (a count of 0 then), if given.
 */
export class RecentRate {
  /** Samples in time order; the first is the last one at or before the window's start. */
  private samples: { t: number; done: number }[] = [];
  private first: { t: number; done: number } | null = null;
  private origin: { t: number; done: number } | null;
  private total: number | undefined;

  constructor(
    createdAt?: number,
    private readonly windowMs = 20_000,
  ) {
    this.origin = createdAt === undefined ? null : { t: createdAt, done: 0 };
  }

  /** Records that `done` was reached at `t` (milliseconds) of `total`. */
  add(t: number, done: number, total?: number): void {
    const last = this.samples[this.samples.length - 1];
    // A count that has not moved (a note while the last step finishes) is not a sample: its time
    // counts in the step that moves it next, and a stall at the end does not lower the rate.
    if (last && done === last.done && total === this.total) return;
    if (last && (done < last.done || total !== this.total)) {
      this.samples = [];
      this.origin = null;
    }
    this.total = total;
    const prev = this.samples[this.samples.length - 2];
    if (prev && t - prev.t < SAMPLE_EVERY_MS) this.samples[this.samples.length - 1] = { t, done };
    else this.samples.push({ t, done });
    if (this.samples.length === 1) this.first = { t, done };
    while (this.samples.length > 2 && (this.samples[1] as { t: number }).t <= t - this.windowMs) this.samples.shift();
  }

  /** Per second over the window, or NaN before two samples at different times. */
  recent(): number {
    return perSecond(this.samples[0], this.samples[this.samples.length - 1]);
  }

  /** Per second since the first sample (of this phase), or since `createdAt` while there is one; else NaN. */
  overall(): number {
    const to = this.samples[this.samples.length - 1];
    const since = perSecond(this.first ?? undefined, to);
    return Number.isNaN(since) ? perSecond(this.origin ?? undefined, to) : since;
  }
}

function perSecond(from: { t: number; done: number } | undefined, to: { t: number; done: number } | undefined): number {
  if (!from || !to || to.t <= from.t) return Number.NaN;
  return ((to.done - from.done) * 1000) / (to.t - from.t);
}
