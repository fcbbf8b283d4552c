/**
 * The built-in stores' calendar: UTC, working hours Monday–Friday 09:00–18:00, no holidays
 * (DESIGN.md §3). Instants are epoch milliseconds.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const OPEN_HOUR = 9;
export const CLOSE_HOUR = 18;

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (ms: number): number => new Date(ms).getUTCDay();
export const isWorkingDay = (ms: number): boolean => {
  const d = weekday(ms);
  return d >= 1 && d <= 5;
};
export const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY;
export const hourOf = (ms: number): number => Math.floor((ms - startOfDay(ms)) / HOUR);

export const inWorkingHours = (ms: number): boolean => {
  if (!isWorkingDay(ms)) return false;
  const h = (ms - startOfDay(ms)) / HOUR;
  return h >= OPEN_HOUR && h < CLOSE_HOUR;
};

/** `ms` itself when inside working hours, else the next opening time. */
export function nextWorkingInstant(ms: number): number {
  if (inWorkingHours(ms)) return ms;
  let day = startOfDay(ms);
  if (ms >= day + OPEN_HOUR * HOUR) day += DAY;
  while (!isWorkingDay(day)) day += DAY;
  return day + OPEN_HOUR * HOUR;
}

/** Adds working time: the clock only runs during working hours. */
export function addWorkingMinutes(ms: number, minutes: number): number {
  let t = nextWorkingInstant(ms);
  let rest = Math.max(0, minutes) * MINUTE;
  for (;;) {
    const close = startOfDay(t) + CLOSE_HOUR * HOUR;
    if (t + rest < close) return t + rest;
    rest -= close - t;
    t = nextWorkingInstant(close);
  }
}

/**
 * The day `n` working days after (n > 0) or before (n < 0) the day of `ms`, same time of
 * day; n = 0 is the same day. Working days are counted as in DESIGN.md §4: started Monday,
 * two working days later is Wednesday; from a Saturday, one working day later is Monday.
 */
export function addWorkingDays(ms: number, n: number): number {
  let t = ms;
  const step = n >= 0 ? DAY : -DAY;
  for (let left = Math.abs(n); left > 0; ) {
    t += step;
    if (isWorkingDay(t)) left--;
  }
  return t;
}

/** A time within working hours on the day of `ms` (which should be a working day). */
export const atWorkingHour = (ms: number, fraction: number): number =>
  startOfDay(ms) + OPEN_HOUR * HOUR + Math.floor(fraction * (CLOSE_HOUR - OPEN_HOUR) * HOUR);
