/** Progress on stderr: a redrawn bar with rate and ETA on a TTY, plain lines every few seconds otherwise. */
export interface Progress {
  update(done: number, total?: number, note?: string): void;
  done(summary?: string): void;
}

const fmtRate = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0));
const fmtTime = (s: number): string => {
  if (!Number.isFinite(s) || s < 0) return "--:--";
  const m = Math.floor(s / 60);
  const sec = Math.floor(s % 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m` : `${m}:${String(sec).padStart(2, "0")}`;
};

export function progress(
  label: string,
  unit: string,
  out: NodeJS.WriteStream = process.stderr,
  isTty: boolean = out.isTTY === true,
): Progress {
  const t0 = performance.now();
  let lastDraw = 0;
  let last = { done: 0, total: undefined as number | undefined, note: "" };
  const line = () => {
    const secs = (performance.now() - t0) / 1000;
    const rate = secs > 0 ? last.done / secs : 0;
    const eta = last.total !== undefined && rate > 0 ? (last.total - last.done) / rate : Number.NaN;
    if (last.total !== undefined && last.total > 0) {
      const frac = Math.min(1, last.done / last.total);
      const width = 24;
      const bar = "#".repeat(Math.round(frac * width)).padEnd(width, ".");
      return `${label} [${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${last.done}/${last.total} ${unit} ${fmtRate(rate)}/s ETA ${fmtTime(eta)}${last.note ? ` ${last.note}` : ""}`;
    }
    return `${label} ${last.done} ${unit} ${fmtRate(rate)}/s${last.note ? ` ${last.note}` : ""}`;
  };
  return {
    update(done, total, note = "") {
      last = { done, total, note };
      const now = performance.now();
      if (isTty) {
        if (now - lastDraw < 100) return;
        lastDraw = now;
        out.write(`\r\x1b[2K${line()}`);
      } else if (now - lastDraw >= 2000) {
        lastDraw = now;
        out.write(`${line()}\n`);
      }
    },
    done(summary) {
      if (isTty) out.write(`\r\x1b[2K${line()}\n`);
      else out.write(`${line()}\n`);
      if (summary) out.write(`${summary}\n`);
    },
  };
}
