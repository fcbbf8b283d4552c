import { fmtRate, fmtTime } from "./progress.ts";
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
  let lastDraw = Number.NEGATIVE_INFINITY;
  let last = { rows: 0, bytes: 0, total: 0, phase: "" };
  const line = (final: boolean) => {
    const frac = last.total > 0 ? Math.min(1, last.bytes / last.total) : 0;
    const width = 24;
    const bar = "#".repeat(Math.round(frac * width)).padEnd(width, ".");
    const perSecond = final ? bytesRate.overall() : bytesRate.recent();
    const eta = final ? 0 : perSecond > 0 ? (last.total - last.bytes) / perSecond : Number.NaN;
    const rows = final ? rowsRate.overall() : rowsRate.recent();
    return `${label} [${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${last.rows} ${unit} ${fmtRate(rows)}/s ETA ${fmtTime(eta)}${last.phase ? ` ${last.phase}` : ""}`;
  };
  return {
    update(rows, bytes, totalBytes, phase = "") {
      const t = now();
      if (phase !== last.phase) {
        bytesRate = new RecentRate(t);
        rowsRate = new RecentRate(t);
        lastDraw = Number.NEGATIVE_INFINITY;
      }
      last = { rows, bytes, total: totalBytes, phase };
      bytesRate.add(t, bytes, totalBytes);
      rowsRate.add(t, rows);
      if (isTty) {
        if (t - lastDraw < 100) return;
        lastDraw = t;
        out.write(`\r\x1b[2K${line(false)}`);
      } else if (t - lastDraw >= 2000) {
        lastDraw = t;
        out.write(`${line(false)}\n`);
      }
    },
    done() {
      const text = line(true);
      out.write(isTty ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
  };
}
