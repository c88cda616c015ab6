import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type BusinessCalendar, DEFAULT_CALENDAR, startOfLocalDay } from "../../common/business-time";
import type { Executor } from "../db/client";
import { businessCalendars } from "../db/schema";
import { toBusinessCalendar } from "../modules/sla/calendars";
import type { Ctx } from "./context";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthParam = z.string().regex(MONTH);

/** The organisation's office calendar (its default one): business days and its time zone. */
export async function officeCalendar(db: Executor, orgId: string): Promise<BusinessCalendar> {
  const [row] = await db
    .select()
    .from(businessCalendars)
    .where(and(eq(businessCalendars.orgId, orgId), eq(businessCalendars.isDefault, true)));
  return row ? toBusinessCalendar(row) : DEFAULT_CALENDAR;
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
