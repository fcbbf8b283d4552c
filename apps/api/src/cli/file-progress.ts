import { barOf, fmtRate, fmtTime, progressLines } from "./progress.ts";
import { RecentRate } from "./recent-rate.ts";

/**
 * Progress through a file whose row count is unknown until its end (an import): the bar and the
 * ETA follow the bytes read, the count and rate shown are the rows'. A redrawn line on a TTY,
 * else a line every 2 seconds. `phase` names a pass over the file (the twcs importer reads it
 * twice); a new one starts the bar and its rates afresh.
 */
export interface FileProgress {
  update(rows: number, bytes: number, totalBytes: number, phase?: string): void;
  done(): void;
}

export function fileProgress(
  label: string,
  unit: string,
  out: Pick<NodeJS.WriteStream, "write" | "isTTY"> = process.stderr,
  isTty: boolean = out.isTTY === true,
  now: () => number = () => performance.now(),
): FileProgress {
  let bytesRate = new RecentRate(now());
  let rowsRate = new RecentRate(now());
  const lines = progressLines(out, isTty);
  let last = { rows: 0, bytes: 0, total: 0, phase: "" };
  const line = (final: boolean) => {
    const perSecond = final ? bytesRate.overall() : bytesRate.recent();
    const eta = final ? 0 : perSecond > 0 ? (last.total - last.bytes) / perSecond : Number.NaN;
    const rows = final ? rowsRate.overall() : rowsRate.recent();
    const bar = barOf(last.total > 0 ? last.bytes / last.total : 0);
    return `${label} ${bar} ${last.rows} ${unit} ${fmtRate(rows)}/s ETA ${fmtTime(eta)}${last.phase ? ` ${last.phase}` : ""}`;
  };
  return {
    update(rows, bytes, totalBytes, phase = "") {
      const t = now();
      const newPhase = phase !== last.phase;
      if (newPhase) {
        bytesRate = new RecentRate(t);
        rowsRate = new RecentRate(t);
      }
      last = { rows, bytes, total: totalBytes, phase };
      bytesRate.add(t, bytes, totalBytes);
      rowsRate.add(t, rows);
      lines.show(t, () => line(false), newPhase);
    },
    done() {
      lines.end(line(true));
    },
  };
}
