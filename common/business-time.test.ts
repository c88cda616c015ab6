import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  addBusinessMs,
  type BusinessCalendar,
  businessMinutesBetween,
  businessMsBetween,
  DEFAULT_CALENDAR,
  localIsoDate,
} from "./business-time";

// Shanghai is UTC+8 all year: "2026-10-09T17:50" local is 09:50Z.
const sh = (local: string) => new Date(`${local}:00+08:00`);
const add = (local: string, minutes: number, calendar = DEFAULT_CALENDAR) =>
  addBusinessMinutes(calendar, sh(local), minutes);

describe("business time on the default calendar (9:00–12:00, 13:30–18:00, Mon–Fri, 2026 holidays)", () => {
  it("adds within a working period", () => {
    expect(add("2026-11-23T10:00", 30)).toEqual(sh("2026-11-23T10:30"));
  });

  it("skips the lunch break", () => {
    expect(add("2026-11-23T11:50", 30)).toEqual(sh("2026-11-23T13:50"));
  });

  it("carries over the night", () => {
    expect(add("2026-11-23T17:45", 30)).toEqual(sh("2026-11-24T09:15"));
  });

  it("skips the weekend", () => {
    expect(add("2026-11-27T17:45", 30)).toEqual(sh("2026-11-30T09:15"));
  });

  it("C043 skips the National Day holiday (Oct 1–7)", () => {
    expect(add("2026-09-30T17:50", 30)).toEqual(sh("2026-10-08T09:20"));
  });

  it("C043 a 调休 Saturday is a working day: Friday evening + 30 min lands on Saturday morning", () => {
    expect(add("2026-10-09T17:50", 30)).toEqual(sh("2026-10-10T09:20"));
    // An ordinary Saturday is not.
    expect(add("2026-10-16T17:50", 30)).toEqual(sh("2026-10-19T09:20"));
  });

  it("C043 a 调休 Sunday (Sep 20) is a working day too", () => {
    expect(add("2026-09-18T17:50", 30)).toEqual(sh("2026-09-20T09:20"));
  });

  it("C040 three working days across the Spring Festival (Feb 15–23, make-up Feb 14 and 28)", () => {
    // Friday Feb 13 18:00 + 3 working days (3 × 7.5 h) = Sat Feb 14, Tue Feb 24, Wed Feb 25 → ends Wed 18:00.
    expect(add("2026-02-13T18:00", 3 * 450)).toEqual(sh("2026-02-25T18:00"));
  });

  it("adding 0 gives the next working instant; outside hours it waits for the morning", () => {
    expect(add("2026-11-23T20:00", 0)).toEqual(sh("2026-11-24T09:00"));
    expect(add("2026-11-23T09:00", 0)).toEqual(sh("2026-11-23T09:00"));
  });

  it("counts working minutes between two instants", () => {
    expect(businessMinutesBetween(DEFAULT_CALENDAR, sh("2026-11-27T17:00"), sh("2026-11-30T10:00"))).toBe(
      120,
    );
    expect(businessMinutesBetween(DEFAULT_CALENDAR, sh("2026-11-23T12:10"), sh("2026-11-23T13:20"))).toBe(0);
    expect(businessMinutesBetween(DEFAULT_CALENDAR, sh("2026-11-24T10:00"), sh("2026-11-23T10:00"))).toBe(0);
  });

  it("a 24×7 calendar counts continuous time", () => {
    const duty: BusinessCalendar = { ...DEFAULT_CALENDAR, is24x7: true };
    expect(add("2026-10-01T23:50", 30, duty)).toEqual(sh("2026-10-02T00:20"));
  });
});

describe("business time in a zone with daylight saving (America/New_York, 9:00–17:00)", () => {
  const nine = { start: 540, end: 1020 };
  const ny: BusinessCalendar = {
    timeZone: "America/New_York",
    is24x7: false,
    weeklyHours: [[], [nine], [nine], [nine], [nine], [nine], []],
    exceptions: {},
  };
  it("keeps local opening hours across the switch to summer time (Mar 8, 2026)", () => {
    // Fri Mar 6 16:30 EST (21:30Z) + 60 working minutes → Mon Mar 9 09:30 EDT (13:30Z).
    expect(addBusinessMinutes(ny, new Date("2026-03-06T21:30:00Z"), 60)).toEqual(
      new Date("2026-03-09T13:30:00Z"),
    );
  });
});

describe("properties of integer working time (fast-check, seeded, starts with seconds and milliseconds)", () => {
  const ny: BusinessCalendar = {
    timeZone: "America/New_York",
    is24x7: false,
    weeklyHours: [
      [],
      [{ start: 540, end: 1020 }],
      [{ start: 540, end: 1020 }],
      [{ start: 540, end: 1020 }],
      [{ start: 540, end: 1020 }],
      [{ start: 540, end: 1020 }],
      [],
    ],
    exceptions: {},
  };
  const calendars = fc.constantFrom(DEFAULT_CALENDAR, ny, { ...DEFAULT_CALENDAR, is24x7: true });
  // Any instant of 2026 to the millisecond, and starts on a whole second (as a form submits them).
  const year = Date.parse("2026-01-01T00:00:00Z");
  const instants = fc.oneof(
    fc.integer({ min: 0, max: 365 * 86_400_000 - 1 }),
    fc.integer({ min: 0, max: 365 * 86_400 - 1 }).map((s) => s * 1000),
  );
  const start = instants.map((ms) => new Date(year + ms));
  const minutes = fc.integer({ min: 0, max: 5000 });
  const ms = fc.integer({ min: 0, max: 5000 * 60_000 });
  const options = { seed: 20261206, numRuns: 400 };

  it("the working minutes between a start and start + m are exactly m (no 448.99999999999994)", () => {
    fc.assert(
      fc.property(calendars, start, minutes, (calendar, from, m) => {
        expect(businessMinutesBetween(calendar, from, addBusinessMinutes(calendar, from, m))).toBe(m);
      }),
      options,
    );
  });

  it("the working ms between a start and start + ms are exactly ms, and adding them again gives the same instant", () => {
    fc.assert(
      fc.property(calendars, start, ms, (calendar, from, amount) => {
        const end = addBusinessMs(calendar, from, amount);
        const used = businessMsBetween(calendar, from, end);
        expect(Number.isInteger(used)).toBe(true);
        expect(used).toBe(amount);
        expect(addBusinessMs(calendar, from, used).getTime()).toBe(end.getTime());
      }),
      options,
    );
  });

  it("adding a then b equals adding a + b (b > 0), in ms", () => {
    fc.assert(
      fc.property(calendars, start, ms, ms, (calendar, from, a, b) => {
        fc.pre(b > 0);
        const stepwise = addBusinessMs(calendar, addBusinessMs(calendar, from, a), b);
        expect(stepwise.getTime()).toBe(addBusinessMs(calendar, from, a + b).getTime());
      }),
      options,
    );
  });

  it("working time is additive over any split point", () => {
    fc.assert(
      fc.property(calendars, instants, instants, instants, (calendar, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q).map((t) => new Date(year + t));
        expect(businessMsBetween(calendar, a, c)).toBe(
          businessMsBetween(calendar, a, b) + businessMsBetween(calendar, b, c),
        );
      }),
      options,
    );
  });

  it("a deadline never falls on a holiday, a non-make-up weekend or outside working hours (unless it adds nothing)", () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 5000 * 60_000 }), (from, amount) => {
        const end = addBusinessMs(DEFAULT_CALENDAR, from, amount);
        const local = new Date(end.getTime() + 8 * 3_600_000);
        const msOfDay =
          end.getTime() +
          8 * 3_600_000 -
          Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
        const date = local.toISOString().slice(0, 10);
        const exception = DEFAULT_CALENDAR.exceptions[date];
        const weekday = local.getUTCDay();
        expect(exception === "holiday").toBe(false);
        expect(exception === "workday" || (weekday >= 1 && weekday <= 5)).toBe(true);
        const minute = 60_000;
        expect(
          (msOfDay > 540 * minute && msOfDay <= 720 * minute) ||
            (msOfDay > 810 * minute && msOfDay <= 1080 * minute),
        ).toBe(true);
      }),
      options,
    );
  });

  it("the local date agrees with Intl on every instant, across the daylight-saving changes", () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom("Asia/Shanghai", "America/New_York", "Australia/Lord_Howe"),
        (t, zone) => {
          const at = new Date(year + t);
          const expected = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(at);
          expect(localIsoDate(at, zone)).toBe(expected);
        },
      ),
      options,
    );
  });
});
