import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { localIsoDate } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import { weekSummaryInput } from "../../../common/schemas/field-service";
import { engineerWeekSummaries } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { invalid } from "../../lib/errors";
import { orgTimeZone, weekStart } from "../../lib/periods";

/** The weeks an engineer may still write about: this one and the last (the report goes in on Friday or Monday). */
async function openWeeks(ctx: Ctx) {
  const thisWeek = weekStart(localIsoDate(new Date(), await orgTimeZone(ctx)));
  return [thisWeek, addDays(thisWeek, -7)];
}

/** 工程师周总结 (C074): the engineer's own summary of a week, written or corrected until the week after. */
export async function saveWeekSummary(ctx: Ctx, raw: z.input<typeof weekSummaryInput>) {
  requireCapability(ctx.actor, "workorder.serve");
  const input = weekSummaryInput.parse(raw);
  const week = weekStart(input.week);
  if (!(await openWeeks(ctx)).includes(week)) throw invalid("WEEK_SUMMARY_CLOSED");
  const engineerId = actorUserId(ctx.actor)!;
  const values = {
    workDone: input.workDone,
    problems: input.problems ?? null,
    nextWeek: input.nextWeek ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(engineerWeekSummaries)
      .values({ orgId: ctx.actor.orgId, engineerId, weekStart: week, ...values })
      .onConflictDoUpdate({
        target: [
          engineerWeekSummaries.orgId,
          engineerWeekSummaries.engineerId,
          engineerWeekSummaries.weekStart,
        ],
        set: { ...values, updatedAt: new Date() },
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: "work_order.week_summary_saved",
      entityType: "engineer_week_summary",
      entityId: saved.id,
      after: { weekStart: week, ...values },
    });
    return {
      weekStart: week,
      editable: true,
      workDone: saved.workDone,
      problems: saved.problems,
      nextWeek: saved.nextWeek,
    };
  });
}

/** The engineer's own summary of a week, if written. */
export async function myWeekSummary(ctx: Ctx, day: string) {
  requireCapability(ctx.actor, "workorder.serve");
  const week = weekStart(z.iso.date().parse(day));
  const [row] = await ctx.db
    .select()
    .from(engineerWeekSummaries)
    .where(
      and(
        eq(engineerWeekSummaries.orgId, ctx.actor.orgId),
        eq(engineerWeekSummaries.engineerId, actorUserId(ctx.actor)!),
        eq(engineerWeekSummaries.weekStart, week),
      ),
    );
  return {
    weekStart: week,
    editable: (await openWeeks(ctx)).includes(week),
    workDone: row?.workDone ?? null,
    problems: row?.problems ?? null,
    nextWeek: row?.nextWeek ?? null,
  };
}
