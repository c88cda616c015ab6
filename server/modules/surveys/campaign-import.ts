import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { SCALE_LABELS } from "../../../common/satisfaction";
import type { SurveyQuestion } from "../../../common/schemas/surveys";
import { importSourceQuery } from "../../../common/schemas/surveys";
import { type Translated, translated } from "../../../common/validation";
import { surveyCampaigns, surveyInvitations, surveyTemplates } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { AppError, notFound } from "../../lib/errors";
import {
  addSheet,
  type ImportRowError,
  importFailed,
  MISSING_COLUMN,
  readFirstSheet,
  shouldBe,
} from "../../lib/xlsx";
import { recordResponse } from "./answers";

const RESPONDENT_HEADER = "受访者";
const MAX_ROWS = 5000;

async function campaignAndTemplate(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ campaign: surveyCampaigns, template: surveyTemplates })
    .from(surveyCampaigns)
    .innerJoin(
      surveyTemplates,
      and(
        eq(surveyTemplates.orgId, surveyCampaigns.orgId),
        eq(surveyTemplates.id, surveyCampaigns.templateId),
      ),
    )
    .where(and(eq(surveyCampaigns.orgId, ctx.actor.orgId), eq(surveyCampaigns.id, id)));
  if (!row) throw notFound("CAMPAIGN_NOT_FOUND");
  return row;
}

/** The sheet an agency fills in: the respondent, then one column per question, headed by its text. */
export async function campaignImportTemplate(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "survey.manage");
  const { template } = await campaignAndTemplate(ctx, id);
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    template.name.slice(0, 31),
    [
      { header: RESPONDENT_HEADER, key: "respondent", width: 20 },
      ...template.questions.map((q) => ({ header: q.text, key: q.id, width: 24 })),
    ],
    [],
  );
  return { name: template.name, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** One cell as the answer to its question, or what is wrong with it. */
function parseCell(
  q: SurveyQuestion,
  text: string,
): { value?: number | string | string[]; error?: Translated } {
  if (!text) return q.required ? { error: translated("必答题未填", "required", "必答題未填") } : {};
  if (q.kind === "scale") {
    const labels: readonly string[] = q.labels ?? SCALE_LABELS;
    const at = labels.indexOf(text);
    const n = /^[1-5]$/.test(text) ? Number(text) : at >= 0 ? 5 - at : null;
    return n === null ? { error: shouldBe(text, `1–5 / ${labels.join("/")}`) } : { value: n };
  }
  if (q.kind === "single")
    return q.options?.includes(text)
      ? { value: text }
      : { error: shouldBe(text, q.options?.join("/") ?? "") };
  if (q.kind === "multiple") {
    const picked = text
      .split(/[,，、;；]/)
      .map((x) => x.trim())
      .filter(Boolean);
    const unknown = picked.find((x) => !q.options?.includes(x));
    return unknown ? { error: shouldBe(unknown, q.options?.join("/") ?? "") } : { value: picked };
  }
  return { value: text.slice(0, 2000) };
}

/**
 * C108: results collected by a survey agency, or a customer's own evaluation, imported into an
 * approved campaign — one response per row, marked with the source, in the campaign's latest round
 * (its first when none has been launched). Every row is checked first; one wrong cell refuses the
 * whole file with a row-by-row report and nothing is kept.
 */
export async function importCampaignResults(ctx: Ctx, id: string, file: Buffer, rawSource: unknown) {
  requireCapability(ctx.actor, "survey.manage");
  const { source } = importSourceQuery.parse(rawSource);
  const { campaign, template } = await campaignAndTemplate(ctx, id);
  if (campaign.status !== "approved") throw new AppError("CAMPAIGN_STATE", 409, { status: campaign.status });
  const { header, rows } = await readFirstSheet(file);
  const columns = template.questions.map((q) => ({
    q,
    index: header.findIndex((h, i) => i > 0 && (h === q.text || h === q.id)),
  }));
  const errors: ImportRowError[] = columns
    .filter((c) => c.index < 1 && c.q.required)
    .map((c) => ({
      row: 1,
      column: c.q.text,
      message: MISSING_COLUMN,
    }));
  if (rows.length > MAX_ROWS)
    errors.push({
      row: MAX_ROWS + 2,
      column: "",
      message: translated(`最多 ${MAX_ROWS} 行`, `at most ${MAX_ROWS} rows`, `最多 ${MAX_ROWS} 列`),
    });
  const respondentIndex = header.indexOf(RESPONDENT_HEADER);
  const parsed: { name: string; answers: Record<string, number | string | string[]> }[] = [];
  for (const { row, cell } of rows.slice(0, MAX_ROWS)) {
    if (errors.length > 200) break;
    if (!columns.some((c) => cell(c.index)) && !cell(respondentIndex)) continue;
    const answers: Record<string, number | string | string[]> = {};
    for (const { q, index } of columns) {
      const { value, error } = parseCell(q, cell(index));
      if (error) errors.push({ row, column: q.text, message: error });
      else if (value !== undefined) answers[q.id] = value;
    }
    parsed.push({ name: cell(respondentIndex), answers });
  }
  if (errors.length) throw importFailed(errors);
  return ctx.db.transaction(async (tx) => {
    const round = Math.max(campaign.roundsLaunched - 1, 0);
    const now = new Date();
    for (const r of parsed) {
      const [invitation] = await tx
        .insert(surveyInvitations)
        .values({
          orgId: campaign.orgId,
          templateId: template.id,
          token: randomBytes(24).toString("base64url"),
          trigger: "campaign",
          campaignId: campaign.id,
          round,
          respondent: campaign.respondents,
          recipientName: campaign.anonymous ? null : r.name || null,
          expiresAt: now,
        })
        .returning();
      await recordResponse(tx, ctx, invitation, template, r.answers, "import", source);
    }
    await writeAudit(tx, ctx, {
      action: "campaign.results_imported",
      entityType: "survey_campaign",
      entityId: campaign.id,
      after: { source, round, count: parsed.length },
    });
    return { imported: parsed.length };
  });
}
