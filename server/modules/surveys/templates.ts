import { and, eq } from "drizzle-orm";
import type { SurveyQuestion } from "../../../common/schemas/surveys";
import type { Executor } from "../../db/client";
import { surveyTemplates } from "../../db/schema";

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
