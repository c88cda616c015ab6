import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
} from "../../../common/business-time";
import { type CalendarInput, calendarInput } from "../../../common/schemas/service-time";
import type { Executor } from "../../db/client";
import { businessCalendars } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { AppError, invalid, notFound } from "../../lib/errors";
import { toBusinessCalendar } from "../../lib/periods";

const calendarInvalid = (detail: string) => invalid("SLA_CALENDAR_INVALID", { detail });

/** Periods ordered, each start before end, none overlapping; a valid zone; some working time. */
function checkCalendar(input: z.infer<typeof calendarInput>) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: input.timeZone });
  } catch {
    throw calendarInvalid(`time zone ${input.timeZone}`);
  }
  input.weeklyHours.forEach((periods, weekday) => {
    periods.forEach((p, i) => {
      if (p.start >= p.end) throw calendarInvalid(`weekday ${weekday}: ${p.start}–${p.end}`);
      if (i > 0 && p.start < periods[i - 1].end)
        throw calendarInvalid(`weekday ${weekday}: overlapping periods`);
    });
  });
  if (!input.is24x7 && input.weeklyHours.every((periods) => periods.length === 0)) {
    throw calendarInvalid("no working hours in the week");
  }
  if (
    !input.is24x7 &&
    Object.values(input.exceptions).includes("workday") &&
    input.weeklyHours[1].length === 0
  ) {
    throw calendarInvalid("make-up days work Monday's hours, and Monday has none");
  }
}

export async function loadCalendar(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(businessCalendars)
    .where(and(eq(businessCalendars.orgId, orgId), eq(businessCalendars.id, id)));
  if (!row) throw notFound();
  return row;
}

export const listCalendars = (ctx: Ctx) =>
  ctx.db
    .select()
    .from(businessCalendars)
    .where(eq(businessCalendars.orgId, ctx.actor.orgId))
    .orderBy(asc(businessCalendars.createdAt));

/** Creates (id null) or replaces a calendar. */
export async function saveCalendar(ctx: Ctx, id: string | null, raw: CalendarInput) {
  requireCapability(ctx.actor, "settings.manage");
  const input = calendarInput.parse(raw);
  checkCalendar(input);
  return ctx.db.transaction(async (tx) => {
    if (!id) {
      const [row] = await tx
        .insert(businessCalendars)
        .values({ orgId: ctx.actor.orgId, ...input })
        .returning();
      await writeAudit(tx, ctx, {
        action: "calendar.created",
        entityType: "calendar",
        entityId: row.id,
        after: input,
      });
      return row;
    }
    const before = await loadCalendar(tx, ctx.actor.orgId, id);
    const [row] = await tx
      .update(businessCalendars)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(businessCalendars.orgId, ctx.actor.orgId), eq(businessCalendars.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "calendar.updated",
      entityType: "calendar",
      entityId: id,
      before,
      after: input,
    });
    return row;
  });
}

const HOLIDAY_WORDS = new Set(["休", "假", "holiday", "off"]);
const WORKDAY_WORDS = new Set(["班", "上班", "workday", "work"]);

/**
 * Holidays and make-up days from a simple list, one per line: `2026-10-01 休`, `2026-10-10 班`,
 * or a range `2026-10-01~2026-10-07 休`. Every line is checked first; one bad line refuses the list.
 */
export function parseExceptions(text: string): BusinessCalendar["exceptions"] {
  const result: BusinessCalendar["exceptions"] = {};
  const errors: { row: number; column: string; message: string }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const match = trimmed.match(/^(\d{4}-\d{2}-\d{2})(?:\s*[~～至-]\s*(\d{4}-\d{2}-\d{2}))?\s+(\S+)$/);
    const kind =
      match && (HOLIDAY_WORDS.has(match[3]) ? "holiday" : WORKDAY_WORDS.has(match[3]) ? "workday" : null);
    const from = match ? Date.parse(`${match[1]}T00:00:00Z`) : Number.NaN;
    const to = match?.[2] ? Date.parse(`${match[2]}T00:00:00Z`) : from;
    if (
      !match ||
      !kind ||
      Number.isNaN(from) ||
      Number.isNaN(to) ||
      to < from ||
      to - from > 60 * 86_400_000
    ) {
      errors.push({
        row: index + 1,
        column: "",
        message: `“${trimmed}”: 应为 日期 休/班 或 日期~日期 休/班`,
      });
      return;
    }
    for (let t = from; t <= to; t += 86_400_000) result[new Date(t).toISOString().slice(0, 10)] = kind;
  });
  if (errors.length) throw new AppError("IMPORT_FAILED", 422, { count: errors.length }, errors);
  return result;
}

/** Adds imported holidays and make-up days to a calendar (a date listed again is replaced). */
export async function importExceptions(ctx: Ctx, id: string, text: string) {
  requireCapability(ctx.actor, "settings.manage");
  const imported = parseExceptions(text);
  const current = await loadCalendar(ctx.db, ctx.actor.orgId, id);
  const saved = await saveCalendar(ctx, id, {
    ...current,
    exceptions: { ...current.exceptions, ...imported },
  });
  return { imported: Object.keys(imported).length, calendar: saved };
}

/** 试算: the deadline `minutes` of working time after `start`, as the SLA clocks will compute it. */
export async function previewDeadline(ctx: Ctx, id: string, start: Date, minutes: number) {
  const calendar = toBusinessCalendar(await loadCalendar(ctx.db, ctx.actor.orgId, id));
  const deadline = addBusinessMinutes(calendar, start, minutes);
  return { deadline, workingMinutes: businessMinutesBetween(calendar, start, deadline) };
}
