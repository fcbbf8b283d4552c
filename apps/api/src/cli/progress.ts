import { RecentRate } from "./recent-rate.ts";

/** Progress on stderr: a redrawn bar with rate and ETA on a TTY, plain lines every few seconds otherwise. */
export interface Progress {
  update(done: number, total?: number, note?: string): void;
  done(summary?: string): void;
}

export const fmtRate = (n: number): string =>
  !Number.isFinite(n) ? "--" : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0);
export const fmtTime = (s: number): string => {
  if (!Number.isFinite(s) || s < 0) return "--:--";
  const m = Math.floor(s / 60);
  const sec = Math.floor(s % 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m` : `${m}:${String(sec).padStart(2, "0")}`;
};

/** The bar and percentage of a fraction done: `[######..................]  25%`. */
export function barOf(frac: number): string {
  const f = Math.min(1, frac);
  const width = 24;
  return `[${"#".repeat(Math.round(f * width)).padEnd(width, ".")}] ${(f * 100).toFixed(0).padStart(3)}%`;
}

/**
 * Where a progress display writes: on a TTY one line redrawn in place, at most every 100 ms;
 * otherwise a line every 2 seconds. `show` draws when due, or at once with `now`; `end` writes
 * the final line.
 */
export function progressLines(out: Pick<NodeJS.WriteStream, "write">, isTty: boolean) {
  let lastDraw = Number.NEGATIVE_INFINITY;
  return {
    show(t: number, text: () => string, now = false): void {
      if (now) lastDraw = Number.NEGATIVE_INFINITY;
      if (t - lastDraw < (isTty ? 100 : 2000)) return;
      lastDraw = t;
      out.write(isTty ? `\r\x1b[2K${text()}` : `${text()}\n`);
    },
    end(text: string): void {
      out.write(isTty ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
  };
}

/**
 * A progress display. The rate and ETA come from the last 20 seconds of updates (see
 * `RecentRate`); the final line gives the rate since the first update. `now` is the clock, in
 * milliseconds (for tests).
 */
export function progress(
  label: string,
  unit: string,
  out: Pick<NodeJS.WriteStream, "write" | "isTTY"> = process.stderr,
  isTty: boolean = out.isTTY === true,
  now: () => number = () => performance.now(),
): Progress {
  const rate = new RecentRate(now());
  const lines = progressLines(out, isTty);
  let last = { done: 0, total: undefined as number | undefined, note: "" };
  const line = (perSecond: number, final: boolean) => {
    if (last.total !== undefined && last.total > 0) {
      const eta = final ? 0 : perSecond > 0 ? (last.total - last.done) / perSecond : Number.NaN;
      return `${label} ${barOf(last.done / last.total)} ${last.done}/${last.total} ${unit} ${fmtRate(perSecond)}/s ETA ${fmtTime(eta)}${last.note ? ` ${last.note}` : ""}`;
    }
    return `${label} ${last.done} ${unit} ${fmtRate(perSecond)}/s${last.note ? ` ${last.note}` : ""}`;
  };
  return {
    update(done, total, note = "") {
      const t = now();
      // A new note (what runs now) is shown at once, however recent the last line.
      const told = note !== last.note;
      last = { done, total, note };
      rate.add(t, done, total);
      lines.show(t, () => line(rate.recent(), false), told);
    },
    done(summary) {
      // The last note said what was running; it has finished.
      last = { ...last, note: "" };
      lines.end(line(rate.overall(), true));
      if (summary) out.write(`${summary}\n`);
    },
  };
}
