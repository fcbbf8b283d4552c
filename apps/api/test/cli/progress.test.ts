import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileProgress } from "../../src/cli/file-progress.ts";
import { progress } from "../../src/cli/progress.ts";
import { RecentRate } from "../../src/cli/recent-rate.ts";

/** A progress display on a fake clock, writing lines (not a TTY) into an array. */
function fakeBar(label = "orders", unit = "orders") {
  const lines: string[] = [];
  const clock = { t: 0 };
  const out = { write: (s: string) => lines.push(s.trimEnd()) > 0, isTTY: false };
  const bar = progress(label, unit, out, false, () => clock.t);
  return { bar, lines, clock };
}

const etaSeconds = (line: string): number => {
  const m = /ETA (\d+):(\d\d)/.exec(line);
  if (!m) throw new Error(`no ETA in ${line}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

describe("progress bar", () => {
  it("does not count the time before its first update: a rebuild's orders bar, made at the start", () => {
    const { bar, lines, clock } = fakeBar();
    // The bar exists from the start of the rebuild; its first page of orders comes 4 minutes later.
    clock.t = 240_000;
    bar.update(36_000, 360_000);
    for (let s = 1; s <= 4; s++) {
      clock.t = 240_000 + s * 2_000;
      bar.update(36_000 + s * 72_000, 360_000);
    }
    // 36,000 orders/s: the 36,000 left take a second, not the ~24 minutes a rate since the start gives.
    const last = lines[lines.length - 1] as string;
    expect(last).toContain("36.0k/s");
    expect(etaSeconds(last)).toBe(1);
  });

  it("starts afresh when the same bar counts a new phase (the count goes down, or a new total)", () => {
    const { bar, lines, clock } = fakeBar("project", "subjects");
    for (let s = 0; s <= 10; s++) {
      clock.t = s * 2_000;
      bar.update(s * 100_000, 1_000_000);
    }
    // Orders: 1,000 a second, after tickets at 50,000 a second.
    for (let s = 1; s <= 5; s++) {
      clock.t = 20_000 + s * 2_000;
      bar.update(s * 2_000, 20_000);
    }
    const last = lines[lines.length - 1] as string;
    expect(last).toContain("10000/20000 subjects 1.0k/s");
    expect(etaSeconds(last)).toBe(10);
  });

  it("shows no rate and no ETA before it can know them, and the average since the first update when done", () => {
    const { bar, lines, clock } = fakeBar("backup", "pages");
    clock.t = 500;
    bar.update(10, 100);
    expect(lines[0]).toBe("backup [##......................]  10% 10/100 pages --/s ETA --:--");
    clock.t = 3_000;
    bar.update(60, 100);
    clock.t = 4_000;
    bar.update(100, 100);
    bar.done("done.");
    // 90 pages in the 3.5 s since the first update.
    expect(lines.slice(-2)).toEqual(["backup [########################] 100% 100/100 pages 26/s ETA 0:00", "done."]);
  });

  it("gives the rate of the counting, not of what runs after it: a rebuild's rollups, after its last page; the final line drops the finished step's note", () => {
    const { bar, lines, clock } = fakeBar();
    bar.update(0, 1000);
    clock.t = 2_000;
    bar.update(1000, 1000);
    // Rollups and indexes: the count stays, the note changes, for a minute.
    for (let t = 4_000; t <= 60_000; t += 2_000) {
      clock.t = t;
      bar.update(1000, 1000, "writing rollups and indexes…");
    }
    expect(lines.at(-1)).toContain("writing rollups and indexes…");
    bar.done();
    expect(lines.at(-1)).toBe("orders [########################] 100% 1000/1000 orders 500/s ETA 0:00");
  });

  it("shows each new note at once: the steps after a rebuild's last page", () => {
    const { bar, lines, clock } = fakeBar();
    bar.update(1000, 1000);
    for (const [t, note] of [
      [100, "writing rollups…"],
      [200, "building indexes…"],
      [300, "building indexes…"],
      [400, "filling span rollups…"],
    ] as const) {
      clock.t = t;
      bar.update(1000, 1000, note);
    }
    expect(lines.map((l) => l.split("ETA --:-- ")[1] ?? "")).toEqual([
      "",
      "writing rollups…",
      "building indexes…",
      "filling span rollups…",
    ]);
  });

  it("writes a line at most every two seconds when not on a terminal", () => {
    const { bar, lines, clock } = fakeBar("import", "rows");
    for (let t = 0; t <= 10_000; t += 100) {
      clock.t = t;
      bar.update(t, undefined);
    }
    expect(lines.length).toBe(6);
    expect(lines[5]).toBe("import 10000 rows 1.0k/s");
  });
});

describe("RecentRate", () => {
  it("gives a steady rate exactly, whatever the idle time before the first update and the update spacing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 60_000 }), { minLength: 1, maxLength: 200 }),
        (idle, perSecond, gaps) => {
          const r = new RecentRate(0);
          let t = idle;
          r.add(t, (perSecond * (t - idle)) / 1000, 1e12);
          for (const g of gaps) {
            t += g;
            r.add(t, (perSecond * (t - idle)) / 1000, 1e12);
          }
          expect(r.recent()).toBeCloseTo(perSecond, 6);
          expect(r.overall()).toBeCloseTo(perSecond, 6);
        },
      ),
    );
  });

  it("follows a change of pace within its window, while the overall rate keeps the history", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 250, max: 5_000 }),
        (fast, slow, step) => {
          const r = new RecentRate(undefined, 20_000);
          let t = 0;
          let done = 0;
          r.add(t, done);
          for (; t < 60_000; ) {
            t += step;
            done += (fast * step) / 1000;
            r.add(t, done);
          }
          const atSwitch = { t, done };
          // More than a window (plus one step) at the new pace.
          while (t < atSwitch.t + 20_000 + 2 * step) {
            t += step;
            done += (slow * step) / 1000;
            r.add(t, done);
          }
          expect(r.recent()).toBeCloseTo(slow, 6);
          expect(r.overall()).toBeCloseTo((done * 1000) / t, 6);
        },
      ),
    );
  });

  it("keeps a bounded number of samples, however often it is updated", () => {
    const r = new RecentRate(undefined, 20_000);
    for (let t = 0; t < 600_000; t += 1) r.add(t, t);
    const samples = (r as unknown as { samples: unknown[] }).samples;
    expect(samples.length).toBeLessThanOrEqual(20_000 / 250 + 3);
    expect(r.recent()).toBeCloseTo(1000, 6);
  });
});

describe("file progress (an import: rows counted, the file's bytes known)", () => {
  function fakeFileBar() {
    const lines: string[] = [];
    const clock = { t: 0 };
    const out = { write: (s: string) => lines.push(s.trimEnd()) > 0, isTTY: false };
    return { bar: fileProgress("import", "rows", out, false, () => clock.t), lines, clock };
  }

  it("draws a bar and an ETA from the bytes read, the count and rate of rows, a line every 2 s", () => {
    const { bar, lines, clock } = fakeFileBar();
    // 1 MB a second of a 10 MB file, 5,000 rows a second; an update every 100 ms.
    for (let i = 1; i <= 40; i++) {
      clock.t = i * 100;
      bar.update(i * 500, i * 100_000, 10_000_000);
    }
    // 4 s of updates: the first line, then one every 2 s (not one per update).
    expect(lines).toHaveLength(2);
    const last = lines[1] as string;
    expect(last).toMatch(/^import \[#{5}\.{19}\] {2}21% 10500 rows 5\.0k\/s ETA /);
    // 7.9 MB left at 1 MB/s.
    expect(etaSeconds(last)).toBe(7);
    clock.t = 10_000;
    bar.update(50_000, 10_000_000, 10_000_000);
    bar.done();
    expect(lines.at(-1)).toBe("import [########################] 100% 50000 rows 5.0k/s ETA 0:00");
  });

  it("starts afresh for a second pass over the file, naming it", () => {
    const { bar, lines, clock } = fakeFileBar();
    for (let s = 1; s <= 5; s++) {
      clock.t = s * 2_000;
      bar.update(s * 20_000, s * 2_000_000, 10_000_000, "indexing threads");
    }
    // The second pass is slower: 500,000 bytes and 2,000 rows a second.
    for (let s = 1; s <= 4; s++) {
      clock.t = 10_000 + s * 2_000;
      bar.update(s * 4_000, s * 1_000_000, 10_000_000, "events");
    }
    const last = lines.at(-1) as string;
    expect(last).toMatch(/ 40% 16000 rows 2\.0k\/s ETA 0:12 events$/);
  });
});
