import { eq } from "drizzle-orm";
import type { z } from "zod";
import { type SurveySettings, surveySettingsDto } from "../../../common/schemas/surveys";
import type { Executor } from "../../db/client";
import { surveySettings } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";

/**
 * Seed 002 §4.2: P1 tickets 80% called back, P2 50%, P3 20%, P4 5% (C086); seed 004 第七章: 95%
 * satisfied is the mark (C097).
 */
export const DEFAULT_SURVEY_SETTINGS: Required<SurveySettings> = {
  samplingRates: { P1: 0.8, P2: 0.5, P3: 0.2, P4: 0.05 },
  satisfactionTarget: 0.95,
  // Seed 004 leaves the monthly share blank (【具体比例】): 5% of customers; seed 002: six months'
  // silence makes a customer dormant; a month's notice before a warranty ends.
  customerLists: { sampleShare: 0.05, dormantMonths: 6, reminderLeadDays: 30, projectCallbacks: true },
};

export async function surveySettingsOf(db: Executor, orgId: string): Promise<Required<SurveySettings>> {
  const [row] = await db.select().from(surveySettings).where(eq(surveySettings.orgId, orgId));
  return row
    ? {
        samplingRates: row.samplingRates,
        satisfactionTarget: row.satisfactionTarget,
        customerLists: row.customerLists ?? DEFAULT_SURVEY_SETTINGS.customerLists,
      }
    : DEFAULT_SURVEY_SETTINGS;
}

export async function updateSurveySettings(ctx: Ctx, raw: z.input<typeof surveySettingsDto>) {
  requireCapability(ctx.actor, "settings.manage");
  const input = surveySettingsDto.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await surveySettingsOf(tx, ctx.actor.orgId);
    const after = { ...input, customerLists: input.customerLists ?? before.customerLists };
    const values = { ...after, updatedBy: actorUserId(ctx.actor), updatedAt: new Date() };
    await tx
      .insert(surveySettings)
      .values({ orgId: ctx.actor.orgId, ...values })
      .onConflictDoUpdate({ target: surveySettings.orgId, set: values });
    await writeAudit(tx, ctx, {
      action: "survey.settings_updated",
      entityType: "survey_settings",
      entityId: ctx.actor.orgId,
      before,
      after,
    });
    return after;
  });
}
