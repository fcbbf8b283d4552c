import { describe, expect, it } from "vitest";
import { createCalendar, NEVER, NEVER_DATE } from "../src/calendar.ts";
import { everyDay, testPolicy, weekdays } from "./helpers/policies.ts";

const H = 3600;

// 2026-03-02 is a Monday. The default test policy is UTC, Mon–Fri 09:00–18:00.
describe("business seconds (UTC, Mon–Fri 09:00–18:00)", () => {
  const cal = createCalendar(testPolicy());

  it("counts only working hours", () => {
    expect(cal.businessSeconds("2026-03-02T08:00:00Z", "2026-03-02T10:00:00Z")).toBe(1 * H);
    expect(cal.businessSeconds("2026-03-02T17:00:00Z", "2026-03-03T10:00:00Z")).toBe(2 * H);
    expect(cal.businessSeconds("2026-03-02T10:00:00.250Z", "2026-03-02T10:00:01Z")).toBe(0.75);
  });

  it("skips the weekend", () => {
    expect(cal.businessSeconds("2026-03-06T17:00:00Z", "2026-03-09T10:00:00Z")).toBe(2 * H);
    expect(cal.businessSeconds("2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z")).toBe(0);
    expect(cal.businessSeconds("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z")).toBe(45 * H);
  });

  it("is 0 for an empty or reversed range", () => {
    expect(cal.businessSeconds("2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z")).toBe(0);
    expect(cal.businessSeconds("2026-03-02T12:00:00Z", "2026-03-02T10:00:00Z")).toBe(0);
  });

  it("reads instants written with any offset", () => {
    expect(cal.businessSeconds("2026-03-02T04:00:00-05:00", "2026-03-02T15:30:00+05:30")).toBe(1 * H);
  });

  it("rejects text that is not an instant", () => {
    expect(() => cal.businessSeconds("yesterday", "2026-03-02T10:00:00Z")).toThrow(RangeError);
    expect(() => cal.startOfLocalDay("2026-02-30")).toThrow(RangeError);
  });
});

describe("working hours", () => {
  it("several intervals a day", () => {
    const cal = createCalendar(
      testPolicy({
        workingHours: {
          mon: [
            ["09:00", "12:00"],
            ["13:00", "17:00"],
          ],
        },
      }),
    );
    expect(cal.businessSeconds("2026-03-02T11:00:00Z", "2026-03-02T14:00:00Z")).toBe(2 * H);
    expect(cal.businessSeconds("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z")).toBe(7 * H);
  });

  it("an interval crossing midnight runs into the next day and belongs to the day it starts", () => {
    const policy = testPolicy({ workingHours: { fri: [["22:00", "02:00"]] } });
    const cal = createCalendar(policy);
    expect(cal.businessSeconds("2026-03-06T21:00:00Z", "2026-03-07T03:00:00Z")).toBe(4 * H);
    expect(cal.businessSeconds("2026-03-06T23:00:00Z", "2026-03-07T01:00:00Z")).toBe(2 * H);
    expect(cal.isWorkingDay("2026-03-06")).toBe(true);
    expect(cal.isWorkingDay("2026-03-07")).toBe(false);
    // A holiday on Friday removes the whole night; one on Saturday removes nothing.
    const friHoliday = createCalendar({ ...policy, holidays: ["2026-03-06"] });
    expect(friHoliday.businessSeconds("2026-03-06T00:00:00Z", "2026-03-08T00:00:00Z")).toBe(0);
    const satHoliday = createCalendar({ ...policy, holidays: ["2026-03-07"] });
    expect(satHoliday.businessSeconds("2026-03-06T00:00:00Z", "2026-03-08T00:00:00Z")).toBe(4 * H);
  });

  it("an interval ending at 24:00 ends at the next local midnight", () => {
    const cal = createCalendar(testPolicy({ workingHours: { mon: [["18:00", "24:00"]], tue: [["00:00", "01:00"]] } }));
    expect(cal.businessSeconds("2026-03-02T17:00:00Z", "2026-03-03T02:00:00Z")).toBe(7 * H);
  });

  it("counts overlapping hours once (a policy built in code may overlap)", () => {
    const cal = createCalendar(
      testPolicy({
        workingHours: {
          mon: [
            ["09:00", "12:00"],
            ["10:00", "13:00"],
            ["22:00", "03:00"],
          ],
          tue: [["01:00", "04:00"]],
        },
      }),
    );
    expect(cal.businessSeconds("2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z")).toBe(4 * H + 6 * H);
  });

  it("a holiday removes that date's hours", () => {
    const cal = createCalendar(testPolicy({ holidays: ["2026-03-04"] }));
    expect(cal.businessSeconds("2026-03-02T09:00:00Z", "2026-03-06T09:00:00Z")).toBe(27 * H);
    expect(cal.isWorkingDay("2026-03-04")).toBe(false);
    expect(cal.isWorkingDay("2026-03-05")).toBe(true);
    expect(cal.isWorkingDay("2026-03-07")).toBe(false);
  });
});

describe("local dates and time zones", () => {
  const ny = createCalendar(testPolicy({ timezone: "America/New_York", workingHours: weekdays(["09:00", "17:00"]) }));

  it("localDate is the date on the brand's wall clock", () => {
    expect(ny.localDate("2026-03-07T04:59:59.999Z")).toBe("2026-03-06");
    expect(ny.localDate("2026-03-07T05:00:00Z")).toBe("2026-03-07");
    expect(ny.localDate("2026-03-07T00:00:00+09:00")).toBe("2026-03-06");
  });

  it("startOfLocalDay is local midnight, whatever the offset that day", () => {
    expect(ny.startOfLocalDay("2026-03-08")).toBe("2026-03-08T05:00:00.000Z");
    expect(ny.startOfLocalDay("2026-03-09")).toBe("2026-03-09T04:00:00.000Z");
    expect(ny.startOfLocalDay("2026-11-02")).toBe("2026-11-02T05:00:00.000Z");
  });

  it("a midnight skipped by DST starts the day at the jump (São Paulo, 2018-11-04)", () => {
    const sp = createCalendar(testPolicy({ timezone: "America/Sao_Paulo" }));
    expect(sp.startOfLocalDay("2018-11-04")).toBe("2018-11-04T03:00:00.000Z");
    expect(sp.localDate("2018-11-04T02:59:59.999Z")).toBe("2018-11-03");
    expect(sp.localDate("2018-11-04T03:00:00Z")).toBe("2018-11-04");
  });

  it("rejects an unknown zone", () => {
    expect(() => createCalendar(testPolicy({ timezone: "Mars/Olympus_Mons" }))).toThrow(/Mars/);
  });
});

describe("DST days", () => {
  const allDay = (timezone: string) =>
    createCalendar(testPolicy({ timezone, workingHours: everyDay(["00:00", "24:00"]) }));
  const day = (cal: ReturnType<typeof createCalendar>, date: string, next: string) =>
    cal.businessSeconds(cal.startOfLocalDay(date), cal.startOfLocalDay(next)) / H;

  it("a spring-forward day has 23 hours, a fall-back day 25", () => {
    const ny = allDay("America/New_York");
    expect(day(ny, "2026-03-08", "2026-03-09")).toBe(23);
    expect(day(ny, "2026-11-01", "2026-11-02")).toBe(25);
    expect(day(ny, "2026-07-01", "2026-07-02")).toBe(24);
    const berlin = allDay("Europe/Berlin");
    expect(day(berlin, "2026-03-29", "2026-03-30")).toBe(23);
    expect(day(berlin, "2026-10-25", "2026-10-26")).toBe(25);
  });

  it("hours spanning the transition are as long as the wall clock says", () => {
    const nights = (timezone: string) =>
      createCalendar(testPolicy({ timezone, workingHours: { sun: [["01:00", "04:00"]] } }));
    const ny = nights("America/New_York");
    expect(day(ny, "2026-03-08", "2026-03-09")).toBe(2);
    expect(day(ny, "2026-11-01", "2026-11-02")).toBe(4);
    expect(day(ny, "2026-03-15", "2026-03-16")).toBe(3);
    const berlin = nights("Europe/Berlin");
    expect(day(berlin, "2026-03-29", "2026-03-30")).toBe(2);
    expect(day(berlin, "2026-10-25", "2026-10-26")).toBe(4);
  });

  it("hours inside a spring gap do not exist; an ambiguous start is its first occurrence", () => {
    const ny = (hours: [string, string]) =>
      createCalendar(testPolicy({ timezone: "America/New_York", workingHours: { sun: [hours] } }));
    expect(day(ny(["02:00", "03:00"]), "2026-03-08", "2026-03-09")).toBe(0);
    expect(day(ny(["02:30", "03:30"]), "2026-03-08", "2026-03-09")).toBe(0.5);
    expect(ny(["02:30", "03:30"]).addBusinessSeconds("2026-03-08T00:00:00Z", 60)).toBe("2026-03-08T07:01:00.000Z");
    // 01:30 EDT (05:30Z) to 02:30 EST (07:30Z).
    expect(day(ny(["01:30", "02:30"]), "2026-11-01", "2026-11-02")).toBe(2);
    expect(ny(["01:30", "02:30"]).addBusinessSeconds("2026-11-01T00:00:00Z", 60)).toBe("2026-11-01T05:31:00.000Z");
  });
});

describe("addBusinessSeconds and businessDeadline", () => {
  const cal = createCalendar(testPolicy());

  it("inside working hours both are start + budget", () => {
    expect(cal.addBusinessSeconds("2026-03-02T10:00:00Z", H)).toBe("2026-03-02T11:00:00.000Z");
    expect(cal.businessDeadline("2026-03-02T10:00:00Z", H)).toBe("2026-03-02T11:00:00.000Z");
  });

  it("a budget spent at closing time: the deadline stretches to the next opening", () => {
    expect(cal.addBusinessSeconds("2026-03-06T17:00:00Z", H)).toBe("2026-03-06T18:00:00.000Z");
    expect(cal.businessDeadline("2026-03-06T17:00:00Z", H)).toBe("2026-03-09T09:00:00.000Z");
  });

  it("starting outside working hours", () => {
    expect(cal.addBusinessSeconds("2026-03-07T12:00:00Z", 2 * H)).toBe("2026-03-09T11:00:00.000Z");
    expect(cal.addBusinessSeconds("2026-03-07T12:00:00Z", 0)).toBe("2026-03-07T12:00:00.000Z");
    expect(cal.businessDeadline("2026-03-07T12:00:00Z", 0)).toBe("2026-03-09T09:00:00.000Z");
  });

  it("spans several days", () => {
    expect(cal.addBusinessSeconds("2026-03-02T09:00:00Z", 20 * H)).toBe("2026-03-04T11:00:00.000Z");
  });
});

describe("working days (DESIGN.md §4)", () => {
  const cal = createCalendar(testPolicy({ holidays: ["2026-03-10"] }));

  it("started Monday, stopped Wednesday of the same week, no holiday = 2", () => {
    expect(cal.workingDaysElapsed("2026-03-02T15:00:00Z", "2026-03-04T10:00:00Z")).toBe(2);
  });

  it("counts working dates strictly after the start's date up to the end's", () => {
    expect(cal.workingDaysElapsed("2026-03-02T09:00:00Z", "2026-03-02T23:00:00Z")).toBe(0);
    expect(cal.workingDaysElapsed("2026-03-06T17:00:00Z", "2026-03-09T00:00:00Z")).toBe(1);
    expect(cal.workingDaysElapsed("2026-03-07T10:00:00Z", "2026-03-08T10:00:00Z")).toBe(0);
    expect(cal.workingDaysElapsed("2026-03-09T10:00:00Z", "2026-03-11T10:00:00Z")).toBe(1);
    expect(cal.workingDaysElapsed("2026-03-02T10:00:00Z", "2026-03-16T10:00:00Z")).toBe(9);
    expect(cal.workingDaysElapsed("2026-03-04T10:00:00Z", "2026-03-02T10:00:00Z")).toBe(0);
  });

  it("uses local dates in the brand's zone", () => {
    const ny = createCalendar(testPolicy({ timezone: "America/New_York" }));
    // Saturday 02:00 UTC is still Friday evening in New York.
    expect(ny.workingDaysElapsed("2026-03-05T15:00:00Z", "2026-03-07T02:00:00Z")).toBe(1);
  });

  it("addWorkingDays gives the n-th working date after the start's", () => {
    expect(cal.addWorkingDays("2026-03-06T17:00:00Z", 1)).toBe("2026-03-09");
    expect(cal.addWorkingDays("2026-03-09T10:00:00Z", 1)).toBe("2026-03-11");
    expect(cal.addWorkingDays("2026-03-02T10:00:00Z", 5)).toBe("2026-03-09");
    expect(cal.addWorkingDays("2026-03-02T10:00:00Z", 0)).toBe("2026-03-02");
    expect(() => cal.addWorkingDays("2026-03-02T10:00:00Z", -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays("2026-03-02T10:00:00Z", 1.5)).toThrow(RangeError);
  });
});

describe("a calendar without working time terminates", () => {
  const cal = createCalendar(testPolicy({ workingHours: {} }));

  it("has no business time and no deadline", () => {
    expect(cal.businessSeconds("2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z")).toBe(0);
    expect(cal.addBusinessSeconds("2026-01-01T00:00:00Z", 1)).toBe(NEVER);
    expect(cal.businessDeadline("2026-01-01T00:00:00Z", 1)).toBe(NEVER);
    expect(cal.addWorkingDays("2026-01-01T00:00:00Z", 1)).toBe(NEVER_DATE);
    expect(cal.workingDaysElapsed("2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z")).toBe(0);
    expect(cal.isWorkingDay("2026-01-05")).toBe(false);
  });

  it("gives up after ten years of holidays", () => {
    const holidays: string[] = [];
    for (let d = Date.parse("2026-01-01"); d < Date.parse("2037-01-01"); d += 86_400_000)
      holidays.push(new Date(d).toISOString().slice(0, 10));
    const closed = createCalendar(testPolicy({ holidays }));
    expect(closed.addBusinessSeconds("2026-01-01T00:00:00Z", 1)).toBe(NEVER);
    expect(closed.addWorkingDays("2026-01-01T00:00:00Z", 1)).toBe(NEVER_DATE);
  });

  it("but finds working time after a long closure shorter than ten years", () => {
    const holidays: string[] = [];
    for (let d = Date.parse("2026-01-01"); d < Date.parse("2030-01-01"); d += 86_400_000)
      holidays.push(new Date(d).toISOString().slice(0, 10));
    const closed = createCalendar(testPolicy({ holidays }));
    // 2030-01-01 is a Tuesday.
    expect(closed.addBusinessSeconds("2026-01-01T00:00:00Z", 1)).toBe("2030-01-01T09:00:01.000Z");
    expect(closed.addWorkingDays("2026-01-01T00:00:00Z", 1)).toBe("2030-01-01");
  });
});

describe("performance", () => {
  it("answers 100 000 business-time queries over a warm cache quickly", () => {
    const cal = createCalendar(testPolicy({ timezone: "America/New_York", holidays: ["2026-05-25"] }));
    const base = Date.parse("2026-01-01T00:00:00Z");
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const a = new Date(base + ((i * 7_919_000) % (300 * 86_400_000))).toISOString();
      const b = new Date(Date.parse(a) + 3 * 86_400_000).toISOString();
      sum += cal.businessSeconds(a, b);
    }
    expect(sum).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
