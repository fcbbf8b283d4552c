/** A policy duration: minutes, hours or calendar days of wall/business time, or working days. */
export type DurationUnit = "m" | "h" | "d" | "wd";

export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

const DURATION = /^(\d+(?:\.\d+)?)(m|h|d|wd)$/;

/** Parses "30m", "24h", "2d", "10wd"; null when the text is not a duration. */
export function parseDuration(text: string): Duration | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  const amount = Number(m[1]);
  if (!Number.isFinite(amount) || amount <= 0) return null;
  return { amount, unit: m[2] as DurationUnit };
}

/** The text form used in policy files and `GET /v1/policies/{brand}` ("48h", "10wd"). */
export const formatDuration = (d: Duration): string => `${d.amount}${d.unit}`;

export const isWorkingDays = (d: Duration): boolean => d.unit === "wd";

/** Seconds of a time-based duration (m, h, d); throws for working days, which have no fixed length. */
export function durationSeconds(d: Duration): number {
  switch (d.unit) {
    case "m":
      return d.amount * 60;
    case "h":
      return d.amount * 3600;
    case "d":
      return d.amount * 86400;
    case "wd":
      throw new Error("working-day durations have no length in seconds");
  }
}
