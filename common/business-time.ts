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
const DAY = 86_400_000;
/** Searching further than this for working time means the calendar has none. */
const MAX_DAYS = 3700;

type LocalDate = { y: number; m: number; d: number };

// Everything below counts in integer milliseconds: a start carrying seconds or milliseconds must not
// leave 448.99999999999994 working minutes where 449 is exact (minutes are derived once, at the end).

const formats = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC at an instant, in ms, asked of Intl (slow: formatToParts). */
function intlOffset(instant: number, timeZone: string): number {
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
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant)))
    if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

// The offset per zone and UTC day: when a day begins and ends at the same offset (every day but the
// few a year a zone changes its clocks) every instant of it has that offset, so Intl is asked twice
// a day instead of for every working period of every deadline. Days with a change ask each time.
const MIXED = Number.NaN;
const dayOffsets = new Map<string, Map<number, number>>();
function offsetMs(instant: number, timeZone: string): number {
  const days = dayOffsets.get(timeZone) ?? new Map<number, number>();
  if (days.size === 0) dayOffsets.set(timeZone, days);
  const day = Math.floor(instant / DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    if (days.size > 20_000) days.clear();
    const first = intlOffset(day * DAY, timeZone);
    offset = first === intlOffset(day * DAY + DAY - 1000, timeZone) ? first : MIXED;
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? intlOffset(instant, timeZone) : offset;
}

/** The instant of a local wall-clock time (minutes after local midnight) in the zone. */
function localInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

/** The instant a local date (YYYY-MM-DD) begins in the zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(localInstant({ y, m, d }, 0, timeZone));
}

function localDate(instant: number, timeZone: string): LocalDate {
  const wall = new Date(instant + offsetMs(instant, timeZone));
  return { y: wall.getUTCFullYear(), m: wall.getUTCMonth() + 1, d: wall.getUTCDate() };
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
 * The instant `ms` milliseconds of working time after `start` (a whole number; fractions are
 * rounded). Adding 0 gives the first working instant at or after `start`; a deadline that uses up a
 * period exactly ends at that period's end.
 */
export function addBusinessMs(calendar: BusinessCalendar, start: Date, ms: number): Date {
  let remaining = Math.round(ms);
  if (calendar.is24x7) return new Date(start.getTime() + remaining);
  let result = start.getTime();
  walk(calendar, start.getTime(), (from, end) => {
    if (remaining <= end - from) {
      result = from + remaining;
      return true;
    }
    remaining -= end - from;
    return false;
  });
  return new Date(result);
}

/** Working milliseconds between two instants (0 when `to` is not after `from`). */
export function businessMsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const end = to.getTime();
  if (end <= from.getTime()) return 0;
  if (calendar.is24x7) return end - from.getTime();
  let total = 0;
  walk(calendar, from.getTime(), (start, periodEnd) => {
    if (start >= end) return true;
    total += Math.min(end, periodEnd) - start;
    return periodEnd >= end;
  });
  return total;
}

/** `addBusinessMs` for a number of working minutes. */
export const addBusinessMinutes = (calendar: BusinessCalendar, start: Date, minutes: number): Date =>
  addBusinessMs(calendar, start, minutes * MINUTE);

/** Working minutes between two instants, exact to the millisecond. */
export const businessMinutesBetween = (calendar: BusinessCalendar, from: Date, to: Date): number =>
  businessMsBetween(calendar, from, to) / MINUTE;

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
