/**
 * A brand's business calendar: working hours per weekday in the brand's time zone, minus
 * holidays. Instants are ISO-8601 UTC strings with milliseconds; local dates are "YYYY-MM-DD".
 */
export interface BusinessCalendar {
  readonly timezone: string;
  /** The local date of an instant in the brand's time zone. */
  localDate(instant: string): string;
  /** The instant a local date starts (local midnight; DST-safe). */
  startOfLocalDay(localDate: string): string;
  /** True when the local date has working hours and is not a holiday. */
  isWorkingDay(localDate: string): boolean;
  /** Working seconds in [start, end); 0 when end <= start. */
  businessSeconds(start: string, end: string): number;
  /**
   * The latest instant t >= start with businessSeconds(start, t) <= seconds: the end of the
   * business time budget, extended across the non-working time that follows it.
   */
  businessDeadline(start: string, seconds: number): string;
  /** The earliest instant t >= start with businessSeconds(start, t) >= seconds. */
  addBusinessSeconds(start: string, seconds: number): string;
  /**
   * Working days elapsed (DESIGN.md §4): working days strictly after the start's local date up
   * to and including the end's local date. 0 when end's local date <= start's.
   */
  workingDaysElapsed(start: string, end: string): number;
  /** The local date of the n-th working day strictly after the start's local date (n >= 1). */
  addWorkingDays(start: string, n: number): string;
}
