import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { startOfLocalDay } from "../../common/business-time";
import { businessCalendars } from "../db/schema";
import type { Ctx } from "./context";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthParam = z.string().regex(MONTH);

/** The instants a calendar month begins and ends in the organisation's time zone. */
export async function monthRange(ctx: Ctx, month: string) {
  const [calendar] = await ctx.db
    .select({ timeZone: businessCalendars.timeZone })
    .from(businessCalendars)
    .where(and(eq(businessCalendars.orgId, ctx.actor.orgId), eq(businessCalendars.isDefault, true)));
  const timeZone = calendar?.timeZone ?? "Asia/Shanghai";
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: startOfLocalDay(`${month}-01`, timeZone), to: startOfLocalDay(`${next}-01`, timeZone) };
}
