import type { Progress } from "./progress.ts";

/** Progress bars of a task in phases: one bar a phase, closed when the next phase begins. */
export interface PhaseBars<P extends string> {
  update(phase: P, done: number, total?: number, note?: string): void;
  /** Closes the bar of the last phase shown (call once the task ends). */
  close(): void;
}

export function phaseBars<P extends string>(bars: Readonly<Record<P, Progress>>): PhaseBars<P> {
  let shown: P | null = null;
  return {
    update(phase, done, total, note) {
      if (shown !== null && shown !== phase) bars[shown].done();
      shown = phase;
      bars[phase].update(done, total, note);
    },
    close() {
      if (shown !== null) bars[shown].done();
      shown = null;
    },
  };
}
