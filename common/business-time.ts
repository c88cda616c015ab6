// Business time (SPEC M3): deadlines counted in working time — working hours per weekday (several
// periods a day, e.g. 9:00–12:00 and 13:30–18:00), public holidays, make-up working days (调休) and
// the calendar's time zone — or continuous time on a 24×7 calendar. Pure and shared: the server
// stores what it computes as timestamptz (so both databases agree) and the console shows the same.

/** Minutes from local midnight, start inclusive, end exclusive. */
export type WorkPeriod = { start: number; end: number };

export type BusinessCalendar = {
  timeZone: string;
  is24x7: boolean;
  /** Working periods per weekday, index 0 = Sunday … 6 = Saturday. */
  weeklyHours: WorkPeriod[][];
  /** Dated exceptions, YYYY-MM-DD: a holiday is not worked; a make-up day (调休) is worked with Monday's hours. */
  exceptions: Record<string, "holiday" | "workday">;
};

const MINUTE = 60_000;
/** Searching further than this for working time means the calendar has none. */
const MAX_DAYS = 3700;

type LocalDate = { y: number; m: number; d: number };

const formats = new Map<string, Intl.DateTimeFormat>();
function parts(instant: number, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(instant)))
    if (p.type !== "literal") out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Offset of the zone from UTC at an instant, in minutes. */
function offsetMinutes(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  return (
    (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000) /
    MINUTE
  );
}

/** The instant of a local wall-clock time (minutes after local midnight) in the zone. */
function localInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  const first = wall - offsetMinutes(wall, timeZone) * MINUTE;
  const second = wall - offsetMinutes(first, timeZone) * MINUTE;
  return second;
}

/** The instant a local date (YYYY-MM-DD) begins in the zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(localInstant({ y, m, d }, 0, timeZone));
}

function localDate(instant: number, timeZone: string): LocalDate {
  const p = parts(instant, timeZone);
  return { y: p.year, m: p.month, d: p.day };
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.y, date.m - 1, date.d + 1));
  return { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
}

export const isoDate = (date: LocalDate) =>
  `${date.y}-${String(date.m).padStart(2, "0")}-${String(date.d).padStart(2, "0")}`;

/** The local date (YYYY-MM-DD) of an instant in the zone. */
export const localIsoDate = (at: Date, timeZone: string) => isoDate(localDate(at.getTime(), timeZone));

/** The first working day after the local day of `at` (a callback "the next working day"). */
export function nextWorkingDay(calendar: BusinessCalendar, at: Date): string {
  let date = nextDay(localDate(at.getTime(), calendar.timeZone));
  for (let day = 0; day < MAX_DAYS && !calendar.is24x7; day++) {
    if (workingPeriods(calendar, date).length) break;
    date = nextDay(date);
  }
  return isoDate(date);
}

/** The working periods of one local date, after holidays and make-up days. */
export function workingPeriods(calendar: BusinessCalendar, date: LocalDate): WorkPeriod[] {
  const exception = calendar.exceptions[isoDate(date)];
  if (exception === "holiday") return [];
  if (exception === "workday") return calendar.weeklyHours[1];
  return calendar.weeklyHours[new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay()];
}

/** Walks the working intervals from `from` on, as [start, end) instants, until `visit` says stop. */
function walk(
  calendar: BusinessCalendar,
  from: number,
  visit: (start: number, end: number) => boolean,
): void {
  let date = localDate(from, calendar.timeZone);
  for (let day = 0; day < MAX_DAYS; day++) {
    for (const period of workingPeriods(calendar, date)) {
      const start = Math.max(from, localInstant(date, period.start, calendar.timeZone));
      const end = localInstant(date, period.end, calendar.timeZone);
      if (start < end && visit(start, end)) return;
    }
    date = nextDay(date);
  }
  throw new Error("SLA_CALENDAR_INVALID: no working time within ten years");
}

/**
 * The instant `minutes` of working time after `start`. Adding 0 gives the first working instant
 * at or after `start`; a deadline that uses up a period exactly ends at that period's end.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (calendar.is24x7) return new Date(start.getTime() + minutes * MINUTE);
  let remaining = minutes;
  let result = start.getTime();
  walk(calendar, start.getTime(), (from, end) => {
    const available = (end - from) / MINUTE;
    if (remaining <= available) {
      result = from + remaining * MINUTE;
      return true;
    }
    remaining -= available;
    return false;
  });
  return new Date(result);
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const end = to.getTime();
  if (end <= from.getTime()) return 0;
  if (calendar.is24x7) return (end - from.getTime()) / MINUTE;
  let total = 0;
  walk(calendar, from.getTime(), (start, periodEnd) => {
    if (start >= end) return true;
    total += (Math.min(end, periodEnd) - start) / MINUTE;
    return periodEnd >= end;
  });
  return total;
}

const hm = (h: number, m = 0) => h * 60 + m;
const OFFICE_DAY: WorkPeriod[] = [
  { start: hm(9), end: hm(12) },
  { start: hm(13, 30), end: hm(18) },
];

/** 2026 public holidays and make-up working days (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04). */
export const CN_2026: BusinessCalendar["exceptions"] = {
  ...days("holiday", "2026-01-01", "2026-01-03"),
  "2026-01-04": "workday",
  ...days("holiday", "2026-02-15", "2026-02-23"),
  "2026-02-14": "workday",
  "2026-02-28": "workday",
  ...days("holiday", "2026-04-04", "2026-04-06"),
  ...days("holiday", "2026-05-01", "2026-05-05"),
  "2026-05-09": "workday",
  ...days("holiday", "2026-06-19", "2026-06-21"),
  ...days("holiday", "2026-09-25", "2026-09-27"),
  ...days("holiday", "2026-10-01", "2026-10-07"),
  "2026-09-20": "workday",
  "2026-10-10": "workday",
};

function days(kind: "holiday" | "workday", from: string, to: string): BusinessCalendar["exceptions"] {
  const out: BusinessCalendar["exceptions"] = {};
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out[new Date(t).toISOString().slice(0, 10)] = kind;
  }
  return out;
}

/** The default office calendar: Monday–Friday 9:00–12:00 and 13:30–18:00, Shanghai, 2026 holidays. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: "Asia/Shanghai",
  is24x7: false,
  weeklyHours: [[], OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, []],
  exceptions: CN_2026,
};
