import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  type SurveyQuestion,
  type SurveyTemplateRow,
  surveyTemplateInput,
} from "../../../common/schemas/surveys";
import { type Executor, queryRows } from "../../db/client";
import { surveyTemplates } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalid, invalidField, notFound } from "../../lib/errors";

export type SurveyTemplate = typeof surveyTemplates.$inferSelect;

/** The questionnaire every organisation starts with, after seed 002's 客户服务满意度调查表. */
export const DEFAULT_QUESTIONS: SurveyQuestion[] = [
  { id: "service", kind: "scale", text: "您对我们的客户服务（服务态度）是否满意？", required: true },
  { id: "timeliness", kind: "scale", text: "您对问题处理的及时性是否满意？", required: true },
  { id: "result", kind: "scale", text: "您对处理结果是否满意？", required: true },
  { id: "quality", kind: "scale", text: "您对我们的产品质量是否满意？", required: true },
  {
    id: "recommend",
    kind: "single",
    text: "您会把我们的产品或服务推荐给其他人吗？",
    options: ["会", "不会"],
    required: false,
  },
  {
    id: "strengths",
    kind: "multiple",
    text: "您觉得我们在哪些方面做得比较好？",
    options: ["产品质量", "服务态度", "响应速度", "专业水平", "价格"],
    required: false,
  },
  { id: "suggestion", kind: "text", text: "请对我们的产品或服务提出改进建议：", required: false },
];

/** The organisation's default questionnaire (current version), written the first time it is needed. */
export async function defaultTemplate(tx: Executor, orgId: string): Promise<SurveyTemplate> {
  const [current] = await tx
    .select()
    .from(surveyTemplates)
    .where(
      and(
        eq(surveyTemplates.orgId, orgId),
        eq(surveyTemplates.isDefault, true),
        eq(surveyTemplates.isCurrent, true),
      ),
    );
  if (current) return current;
  const familyId = crypto.randomUUID();
  const [created] = await tx
    .insert(surveyTemplates)
    .values({
      id: familyId,
      orgId,
      familyId,
      version: 1,
      name: "客户服务满意度调查表",
      questions: DEFAULT_QUESTIONS,
      isDefault: true,
    })
    .onConflictDoNothing()
    .returning();
  return created ?? defaultTemplate(tx, orgId);
}

/** Versions with their family's size, how often each was sent and who wrote it. */
async function templateRows(tx: Executor, orgId: string, where: ReturnType<typeof sql>) {
  const rows = await queryRows<{
    id: string;
    family_id: string;
    version: number;
    name: string;
    questions: SurveyQuestion[];
    bands: SurveyTemplateRow["bands"];
    valid_days: number;
    is_default: boolean;
    is_current: boolean;
    versions: number;
    sent: number;
    created_by: string | null;
    created_at: string;
  }>(
    tx,
    sql`SELECT t.*, u.display_name AS created_by,
          (SELECT count(*)::int FROM survey_templates f WHERE f.org_id = t.org_id AND f.family_id = t.family_id) AS versions,
          (SELECT count(*)::int FROM survey_invitations i WHERE i.org_id = t.org_id AND i.template_id = t.id) AS sent
        FROM survey_templates t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.created_by
        WHERE t.org_id = ${orgId} AND ${where}
        ORDER BY t.is_default DESC, t.name, t.version DESC`,
  );
  return rows.map(
    (r): SurveyTemplateRow => ({
      id: r.id,
      familyId: r.family_id,
      version: r.version,
      name: r.name,
      questions: r.questions,
      bands: r.bands,
      validDays: r.valid_days,
      isDefault: r.is_default,
      isCurrent: r.is_current,
      versions: r.versions,
      sent: r.sent,
      createdBy: r.created_by,
      createdAt: new Date(r.created_at).toISOString(),
    }),
  );
}

/** 问卷 (C100): the current version of every questionnaire, the default one first. */
export async function listTemplates(ctx: Ctx) {
  requireCapability(ctx.actor, "survey.manage");
  await defaultTemplate(ctx.db, ctx.actor.orgId);
  return templateRows(ctx.db, ctx.actor.orgId, sql`t.is_current`);
}

/** Every version of one questionnaire, newest first: what each campaign or survey was sent with. */
export async function templateVersions(ctx: Ctx, familyId: string) {
  requireCapability(ctx.actor, "survey.manage");
  const rows = await templateRows(ctx.db, ctx.actor.orgId, sql`t.family_id = ${familyId}`);
  if (!rows.length) throw notFound("SURVEY_TEMPLATE_NOT_FOUND");
  return rows;
}

/** Question ids are unique; a choice has two options or more; bands have distinct minimums. */
function checkTemplate(input: z.infer<typeof surveyTemplateInput>) {
  const ids = new Set<string>();
  for (const q of input.questions) {
    if (ids.has(q.id)) throw invalidField("questions", "duplicate");
    ids.add(q.id);
    if ((q.kind === "single" || q.kind === "multiple") && (q.options?.length ?? 0) < 2)
      throw invalid("SURVEY_OPTIONS_MISSING", { question: q.text });
  }
  const maxTotal = input.questions.filter((q) => q.kind === "scale").length * 5;
  for (const b of input.bands)
    if (b.min > maxTotal) throw invalid("SURVEY_BAND_INVALID", { label: b.label, max: maxTotal });
  if (new Set(input.bands.map((b) => b.min)).size !== input.bands.length)
    throw invalid("SURVEY_BAND_INVALID", { label: input.bands[0]?.label ?? "", max: maxTotal });
}

/**
 * Saves a questionnaire (C100). A new one starts at version 1; a change to an existing one is a new
 * version that replaces it for what is sent from now on, while everything already sent — and every
 * answer — keeps the version it was sent with. A version that was never sent is changed in place.
 */
export async function saveTemplate(
  ctx: Ctx,
  familyId: string | null,
  raw: z.input<typeof surveyTemplateInput>,
) {
  requireCapability(ctx.actor, "survey.manage");
  const input = surveyTemplateInput.parse(raw);
  checkTemplate(input);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const values = { ...input, createdBy: actorUserId(ctx.actor) };
    if (!familyId) {
      const id = crypto.randomUUID();
      await tx.insert(surveyTemplates).values({ id, orgId, familyId: id, version: 1, ...values });
      await writeAudit(tx, ctx, {
        action: "survey_template.created",
        entityType: "survey_template",
        entityId: id,
        after: input,
      });
      return { id, version: 1 };
    }
    const [current] = await tx
      .select()
      .from(surveyTemplates)
      .where(
        and(
          eq(surveyTemplates.orgId, orgId),
          eq(surveyTemplates.familyId, familyId),
          eq(surveyTemplates.isCurrent, true),
        ),
      )
      .for("update");
    if (!current) throw notFound("SURVEY_TEMPLATE_NOT_FOUND");
    const before = {
      name: current.name,
      questions: current.questions,
      bands: current.bands,
      validDays: current.validDays,
    };
    const [{ sent }] = await queryRows<{ sent: number }>(
      tx,
      sql`SELECT (EXISTS (SELECT 1 FROM survey_invitations WHERE template_id = ${current.id})
                OR EXISTS (SELECT 1 FROM survey_campaigns WHERE template_id = ${current.id}))::int AS sent`,
    );
    let id = current.id;
    let version = current.version;
    if (sent) {
      await tx
        .update(surveyTemplates)
        .set({ isCurrent: false })
        .where(and(eq(surveyTemplates.orgId, current.orgId), eq(surveyTemplates.id, current.id)));
      id = crypto.randomUUID();
      version = current.version + 1;
      await tx
        .insert(surveyTemplates)
        .values({ id, orgId, familyId, version, isDefault: current.isDefault, ...values });
    } else {
      await tx
        .update(surveyTemplates)
        .set(values)
        .where(and(eq(surveyTemplates.orgId, current.orgId), eq(surveyTemplates.id, current.id)));
    }
    await writeAudit(tx, ctx, {
      action: "survey_template.saved",
      entityType: "survey_template",
      entityId: id,
      before,
      after: { ...input, version },
    });
    return { id, version };
  });
}

/** Makes a questionnaire the one sent after resolutions, completed work and callbacks (SPEC M6). */
export async function makeDefaultTemplate(ctx: Ctx, familyId: string) {
  requireCapability(ctx.actor, "survey.manage");
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(surveyTemplates)
      .where(and(eq(surveyTemplates.orgId, orgId), eq(surveyTemplates.familyId, familyId)))
      .orderBy(desc(surveyTemplates.version))
      .limit(1);
    if (!target) throw notFound("SURVEY_TEMPLATE_NOT_FOUND");
    if (target.isDefault) throw conflict("SURVEY_TEMPLATE_DEFAULT");
    await tx
      .update(surveyTemplates)
      .set({ isDefault: false })
      .where(and(eq(surveyTemplates.orgId, orgId), eq(surveyTemplates.isDefault, true)));
    await tx
      .update(surveyTemplates)
      .set({ isDefault: true })
      .where(and(eq(surveyTemplates.orgId, target.orgId), eq(surveyTemplates.id, target.id)));
    await writeAudit(tx, ctx, {
      action: "survey_template.made_default",
      entityType: "survey_template",
      entityId: target.id,
      after: { name: target.name, version: target.version },
    });
    return { id: target.id };
  });
}
