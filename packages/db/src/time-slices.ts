/**
 * Periods cut into parts, for reads that take a turn of the event loop between parts (SQLite
 * reads are synchronous: a read of months at once would hold the whole server).
 */

/** [from, to) cut into `n` (at least one) consecutive slices of equal length. */
export function timeSlices(from: string, to: string, n: number): Array<{ from: string; to: string }> {
  const start = Date.parse(from);
  const length = Date.parse(to) - start;
  const parts = Math.max(1, Math.min(n, Math.floor(length / 1000)));
  const out: Array<{ from: string; to: string }> = [];
  let previous = from;
  for (let i = 1; i <= parts; i++) {
    const next = i === parts ? to : new Date(start + Math.round((length * i) / parts)).toISOString();
    out.push({ from: previous, to: next });
    previous = next;
  }
  return out;
}
