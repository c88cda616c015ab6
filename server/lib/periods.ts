import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { startOfLocalDay } from "../../common/business-time";
import { businessCalendars } from "../db/schema";
import type { Ctx } from "./context";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthParam = z.string().regex(MONTH);

/** The organisation's time zone: its default calendar's. */
export async function orgTimeZone(ctx: Ctx): Promise<string> {
  const [calendar] = await ctx.db
    .select({ timeZone: businessCalendars.timeZone })
    .from(businessCalendars)
    .where(and(eq(businessCalendars.orgId, ctx.actor.orgId), eq(businessCalendars.isDefault, true)));
  return calendar?.timeZone ?? "Asia/Shanghai";
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
