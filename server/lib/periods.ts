import { eq } from "drizzle-orm";
import {
  type BusinessCalendar,
  DEFAULT_CALENDAR,
  localIsoDate,
  startOfLocalDay,
} from "../../common/business-time";
import { addDays } from "../../common/field-service";
import type { Executor } from "../db/client";
import { businessCalendars } from "../db/schema";
import type { Ctx } from "./context";
import { orgCache } from "./org-cache";

/** A stored calendar as the working-time arithmetic takes it. */
export const toBusinessCalendar = (row: typeof businessCalendars.$inferSelect): BusinessCalendar => ({
  timeZone: row.timeZone,
  is24x7: row.is24x7,
  weeklyHours: row.weeklyHours,
  exceptions: row.exceptions,
});

/** The organisation's calendars by id, and its office calendar (kept in memory: lib/org-cache.ts). */
export const orgCalendars = orgCache("service_time", async (db, orgId) => {
  const rows = await db.select().from(businessCalendars).where(eq(businessCalendars.orgId, orgId));
  const office = rows.find((r) => r.isDefault);
  return {
    byId: new Map(rows.map((r) => [r.id, toBusinessCalendar(r)])),
    office: office ? toBusinessCalendar(office) : DEFAULT_CALENDAR,
  };
});

/** The organisation's office calendar (its default one): business days and its time zone. */
export async function officeCalendar(db: Executor, orgId: string): Promise<BusinessCalendar> {
  return (await orgCalendars(db, orgId)).office;
}

/** Today (YYYY-MM-DD) in the organisation's office time zone. */
export async function officeToday(db: Executor, orgId: string, now = new Date()) {
  return localIsoDate(now, (await officeCalendar(db, orgId)).timeZone);
}

/** The organisation's time zone: its office calendar's. */
export async function orgTimeZone(ctx: Ctx): Promise<string> {
  return (await officeCalendar(ctx.db, ctx.actor.orgId)).timeZone;
}

/** A local date (YYYY-MM-DD) that has not begun yet in the organisation's time zone. */
export async function isFutureDate(ctx: Ctx, date: string, now = new Date()) {
  return startOfLocalDay(date, await orgTimeZone(ctx)) > now;
}

/** The instants a calendar month begins and ends in the organisation's time zone. */
export async function monthRange(ctx: Ctx, month: string) {
  const timeZone = await orgTimeZone(ctx);
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: startOfLocalDay(`${month}-01`, timeZone), to: startOfLocalDay(`${next}-01`, timeZone) };
}

/** The Monday of the week a day falls in (weeks run Monday to Sunday, as Chinese weekly reports do). */
export function weekStart(day: string) {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The week, month, quarter or year a local day falls in: its first and last day, and its name — the
 * ISO week (2026-W48, the year of its Thursday), the month (2026-11), the quarter (2026-Q4), the year.
 */
export function calendarPeriod(cadence: "week" | "month" | "quarter" | "year", day: string) {
  if (cadence === "week") {
    const first = weekStart(day);
    const thursday = addDays(first, 3);
    const week =
      Math.floor(
        (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${thursday.slice(0, 4)}-01-01T00:00:00Z`)) /
          (7 * 86_400_000),
      ) + 1;
    return {
      key: `${thursday.slice(0, 4)}-W${String(week).padStart(2, "0")}`,
      first,
      last: addDays(first, 6),
    };
  }
  const [y, m] = day.split("-").map(Number);
  if (cadence === "year") return { key: String(y), first: `${y}-01-01`, last: `${y}-12-31` };
  const firstMonth = cadence === "month" ? m : m - ((m - 1) % 3);
  const lastMonth = cadence === "month" ? m : firstMonth + 2;
  return {
    key: cadence === "month" ? day.slice(0, 7) : `${y}-Q${(firstMonth + 2) / 3}`,
    first: `${y}-${String(firstMonth).padStart(2, "0")}-01`,
    last: new Date(Date.UTC(y, lastMonth, 0)).toISOString().slice(0, 10),
  };
}
