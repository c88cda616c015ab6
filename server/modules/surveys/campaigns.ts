import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { startOfLocalDay } from "../../../common/business-time";
import type { CampaignCadence, CampaignStatus } from "../../../common/enums";
import { addDays, addMonths } from "../../../common/field-service";
import { countRatings, type RatingCounts } from "../../../common/satisfaction";
import {
  type Campaign,
  type CampaignResults,
  campaignDecisionInput,
  campaignInput,
  campaignListQuery,
} from "../../../common/schemas/surveys";
import { type Db, type Executor, queryRows } from "../../db/client";
import { departments, surveyCampaigns, surveyInvitations, surveyTemplates } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability, systemCtx } from "../../lib/context";
import { AppError, invalid, notFound } from "../../lib/errors";
import { offsetOf, pageOf } from "../../lib/pagination";
import { officeCalendar, officeToday } from "../../lib/periods";
import { drawOf } from "../callbacks/sample";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { scoredAgainst } from "./scores";
import { surveySettingsOf } from "./settings";

/** How often every server looks for campaign rounds to launch. */
export const CAMPAIGN_LAUNCH_MS = 60 * 60_000;

const CADENCE_MONTHS: Record<CampaignCadence, number> = { once: 0, quarterly: 3, half_yearly: 6, yearly: 12 };
const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

type CampaignRow = typeof surveyCampaigns.$inferSelect;

/** Round n of a campaign (C102): its first round moved on by n cadences, as long as the first. */
export function roundDates(c: Pick<CampaignRow, "cadence" | "startOn" | "closeOn">, round: number) {
  const startOn = addMonths(c.startOn, CADENCE_MONTHS[c.cadence] * round);
  return { startOn, closeOn: addDays(startOn, daysBetween(c.startOn, c.closeOn)) };
}

/** A campaign's respondents are asked by name for suppliers and partners only; customers are drawn. */
function checkPlan(input: z.infer<typeof campaignInput>, today: string) {
  const length = daysBetween(input.startOn, input.closeOn);
  const cadenceDays = CADENCE_MONTHS[input.cadence] * 28;
  if (input.startOn < today || length < 0 || (cadenceDays && length >= cadenceDays))
    throw invalid("CAMPAIGN_DATES_INVALID");
  const listed = input.respondents === "supplier" || input.respondents === "partner";
  if (listed && !input.recipients.length) throw invalid("CAMPAIGN_RECIPIENTS_MISSING");
  return {
    ...input,
    grades: input.respondents === "customer" ? input.grades : [],
    share: input.respondents === "customer" ? input.share : 1,
    recipients: listed ? input.recipients : [],
  };
}

async function loadCampaign(tx: Executor, ctx: Ctx, id: string, lock = false) {
  const q = tx
    .select()
    .from(surveyCampaigns)
    .where(and(eq(surveyCampaigns.orgId, ctx.actor.orgId), eq(surveyCampaigns.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("CAMPAIGN_NOT_FOUND");
  return row;
}

/** The version planned must be one of this organisation's questionnaires. */
async function checkTemplate(tx: Executor, orgId: string, templateId: string) {
  const [t] = await tx
    .select({ id: surveyTemplates.id })
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.orgId, orgId), eq(surveyTemplates.id, templateId)));
  if (!t) throw notFound("SURVEY_TEMPLATE_NOT_FOUND");
}

/**
 * Who approves a campaign (C104): the head of its department — or, when it has none or the head
 * planned it, the holders of settings.manage; never its planner.
 */
async function approversOf(tx: Executor, c: CampaignRow) {
  const [d] = await tx
    .select({ head: departments.headUserId, name: departments.name })
    .from(departments)
    .where(and(eq(departments.orgId, c.orgId), eq(departments.id, c.departmentId)));
  const ids =
    d?.head && d.head !== c.plannedBy ? [d.head] : await usersWithCapability(tx, c.orgId, "settings.manage");
  return { ids: ids.filter((id) => id !== c.plannedBy), department: d?.name ?? "" };
}

const stateError = (status: CampaignStatus) => new AppError("CAMPAIGN_STATE", 409, { status });

/** 调查计划 (C104): planned as a draft with a questionnaire version, a group, dates and a department. */
export async function createCampaign(ctx: Ctx, raw: z.input<typeof campaignInput>) {
  requireCapability(ctx.actor, "survey.manage");
  const orgId = ctx.actor.orgId;
  const input = checkPlan(campaignInput.parse(raw), await officeToday(ctx.db, orgId));
  return ctx.db.transaction(async (tx) => {
    await checkTemplate(tx, orgId, input.templateId);
    const [row] = await tx
      .insert(surveyCampaigns)
      .values({ orgId, ...input, seed: randomBytes(16).toString("hex"), plannedBy: actorUserId(ctx.actor) })
      .returning({ id: surveyCampaigns.id });
    await writeAudit(tx, ctx, {
      action: "campaign.planned",
      entityType: "survey_campaign",
      entityId: row.id,
      after: input,
    });
    return { id: row.id };
  });
}

/** A draft or a refused plan is changed; a refused one goes back to being a draft. */
export async function updateCampaign(ctx: Ctx, id: string, raw: z.input<typeof campaignInput>) {
  requireCapability(ctx.actor, "survey.manage");
  const orgId = ctx.actor.orgId;
  const input = checkPlan(campaignInput.parse(raw), await officeToday(ctx.db, orgId));
  return ctx.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, ctx, id, true);
    if (c.status !== "draft" && c.status !== "rejected") throw stateError(c.status);
    await checkTemplate(tx, orgId, input.templateId);
    await tx
      .update(surveyCampaigns)
      .set({ ...input, status: "draft", decidedBy: null, decidedAt: null, decisionNote: null })
      .where(and(eq(surveyCampaigns.orgId, ctx.actor.orgId), eq(surveyCampaigns.id, id)));
    await writeAudit(tx, ctx, {
      action: "campaign.updated",
      entityType: "survey_campaign",
      entityId: id,
      before: c,
      after: input,
    });
    return { id };
  });
}

/** Put to the department's head for approval (C104); they are told. */
export async function submitCampaign(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "survey.manage");
  return ctx.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, ctx, id, true);
    if (c.status !== "draft") throw stateError(c.status);
    await tx
      .update(surveyCampaigns)
      .set({ status: "pending" })
      .where(and(eq(surveyCampaigns.orgId, ctx.actor.orgId), eq(surveyCampaigns.id, id)));
    await notifyUsers(tx, c.orgId, (await approversOf(tx, c)).ids, {
      kind: "campaign_submitted",
      params: { name: c.name, path: `/surveys/campaigns/${id}` },
    });
    await writeAudit(tx, ctx, { action: "campaign.submitted", entityType: "survey_campaign", entityId: id });
    return { id };
  });
}

/**
 * The department's head approves or refuses the plan with a note (C104); the planner is told. An
 * approved plan is launched by the campaign job on its dates — its first round must not be over.
 */
export async function decideCampaign(ctx: Ctx, id: string, raw: z.input<typeof campaignDecisionInput>) {
  const input = campaignDecisionInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, ctx, id, true);
    if (c.status !== "pending") throw stateError(c.status);
    const approvers = await approversOf(tx, c);
    if (!approvers.ids.includes(actorUserId(ctx.actor) ?? ""))
      throw new AppError("CAMPAIGN_NOT_APPROVER", 403, { department: approvers.department });
    if (input.approve && c.closeOn < (await officeToday(tx, c.orgId)))
      throw invalid("CAMPAIGN_DATES_INVALID");
    const status = input.approve ? "approved" : "rejected";
    await tx
      .update(surveyCampaigns)
      .set({ status, decidedBy: actorUserId(ctx.actor), decidedAt: new Date(), decisionNote: input.note })
      .where(and(eq(surveyCampaigns.orgId, ctx.actor.orgId), eq(surveyCampaigns.id, id)));
    await notifyUsers(tx, c.orgId, [c.plannedBy], {
      kind: `campaign_${status}`,
      params: { name: c.name, path: `/surveys/campaigns/${id}` },
    });
    await writeAudit(tx, ctx, {
      action: `campaign.${status}`,
      entityType: "survey_campaign",
      entityId: id,
      after: input,
    });
    return { id };
  });
}

/** Stops a plan: no further rounds, and links not yet answered close now. */
export async function cancelCampaign(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "survey.manage");
  return ctx.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, ctx, id, true);
    if (c.status === "cancelled" || c.status === "rejected") throw stateError(c.status);
    const now = new Date();
    await tx
      .update(surveyCampaigns)
      .set({ status: "cancelled" })
      .where(and(eq(surveyCampaigns.orgId, ctx.actor.orgId), eq(surveyCampaigns.id, id)));
    await tx
      .update(surveyInvitations)
      .set({ expiresAt: now, sendAt: null })
      .where(
        and(
          eq(surveyInvitations.campaignId, id),
          sql`${surveyInvitations.answeredAt} IS NULL AND ${surveyInvitations.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      );
    await writeAudit(tx, ctx, {
      action: "campaign.cancelled",
      entityType: "survey_campaign",
      entityId: id,
      before: { status: c.status },
    });
    return { id };
  });
}

type Recipient = {
  customerId: string | null;
  contactId: string | null;
  name: string | null;
  address: string | null;
};

/**
 * Whom a round asks (C102, C107): the customers of the planned grades drawn at the planned share —
 * each customer's draw is the HMAC of the campaign's seed and round, so the same draw can be made
 * again — reached at their primary contact's mobile, else email; every active employee; or the
 * listed suppliers or partners.
 */
export async function recipientsOf(tx: Executor, c: CampaignRow, round: number): Promise<Recipient[]> {
  if (c.respondents === "supplier" || c.respondents === "partner")
    return c.recipients.map((r) => ({ customerId: null, contactId: null, name: r.name, address: r.address }));
  if (c.respondents === "employee") {
    const staff = await queryRows<{ name: string; email: string | null; phone: string | null }>(
      tx,
      sql`SELECT display_name AS name, email, phone FROM users
          WHERE org_id = ${c.orgId} AND NOT is_disabled ORDER BY username`,
    );
    return staff.map((u) => ({
      customerId: null,
      contactId: null,
      name: u.name,
      address: u.phone || u.email,
    }));
  }
  const grades = `{${c.grades.join(",")}}`;
  const customers = await queryRows<{
    id: string;
    name: string;
    contact_id: string | null;
    contact: string | null;
    mobile: string | null;
    email: string | null;
  }>(
    tx,
    sql`SELECT c.id, c.name, ct.id AS contact_id, ct.name AS contact, ct.mobile, ct.email
        FROM customers c
        LEFT JOIN LATERAL (
          SELECT id, name, mobile, email FROM contacts
          WHERE org_id = c.org_id AND customer_id = c.id AND (mobile IS NOT NULL OR email IS NOT NULL)
          ORDER BY is_primary DESC, created_at LIMIT 1
        ) ct ON true
        WHERE c.org_id = ${c.orgId} AND c.merged_into_id IS NULL
          AND (cardinality(${grades}::text[]) = 0 OR c.grade = ANY(${grades}::text[]))
        ORDER BY c.id`,
  );
  const seed = `${c.seed}:${round}`;
  return customers
    .filter((x) => drawOf(seed, x.id) < c.share)
    .map((x) => ({
      customerId: x.id,
      contactId: x.contact_id,
      name: x.contact ? `${x.name} · ${x.contact}` : x.name,
      address: x.mobile || x.email,
    }));
}

/**
 * Launches a round: an invitation per respondent, sent by the survey sender at once, open until the
 * round's close date. Those without a mobile or email are kept as unreachable, for staff to call.
 * Anonymous campaigns keep no name, customer or contact with the invitation.
 */
async function launchRound(tx: Executor, c: CampaignRow, round: number, timeZone: string, now: Date) {
  const { closeOn } = roundDates(c, round);
  const recipients = await recipientsOf(tx, c, round);
  const expiresAt = startOfLocalDay(addDays(closeOn, 1), timeZone);
  for (let i = 0; i < recipients.length; i += 500) {
    await tx.insert(surveyInvitations).values(
      recipients.slice(i, i + 500).map((r) => ({
        orgId: c.orgId,
        templateId: c.templateId,
        token: randomBytes(24).toString("base64url"),
        trigger: "campaign" as const,
        campaignId: c.id,
        round,
        respondent: c.respondents,
        customerId: c.anonymous ? null : r.customerId,
        contactId: c.anonymous ? null : r.contactId,
        recipientName: c.anonymous ? null : r.name,
        recipientAddress: r.address,
        sendAt: r.address ? now : null,
        expiresAt,
      })),
    );
  }
  await tx
    .update(surveyCampaigns)
    .set({ roundsLaunched: round + 1 })
    .where(and(eq(surveyCampaigns.orgId, c.orgId), eq(surveyCampaigns.id, c.id)));
  return recipients.length;
}

/**
 * The campaign job (C102): every approved campaign whose next round has begun is launched — once,
 * the row locked — and its planner told how many were asked. A round whose close date passed while
 * nothing ran is skipped, said so in the audit.
 */
export async function launchDueCampaigns(db: Db, now = new Date()) {
  const due = await queryRows<{ id: string; org_id: string }>(
    db,
    sql`SELECT id, org_id FROM survey_campaigns /* every organisation */ WHERE status = 'approved'
          AND (cadence <> 'once' OR rounds_launched = 0)`,
  );
  let launched = 0;
  for (const { id, org_id: orgId } of due) {
    await db.transaction(async (tx) => {
      const [c] = await tx
        .select()
        .from(surveyCampaigns)
        .where(
          and(
            eq(surveyCampaigns.orgId, orgId),
            eq(surveyCampaigns.id, id),
            eq(surveyCampaigns.status, "approved"),
          ),
        )
        .for("update");
      const { timeZone } = await officeCalendar(tx, orgId);
      const today = await officeToday(tx, orgId, now);
      const round = c?.roundsLaunched ?? 0;
      if (!c || (c.cadence === "once" && round > 0)) return;
      const dates = roundDates(c, round);
      if (dates.startOn > today) return;
      const ctx = systemCtx(db, orgId);
      if (dates.closeOn < today) {
        await tx
          .update(surveyCampaigns)
          .set({ roundsLaunched: round + 1 })
          .where(and(eq(surveyCampaigns.orgId, ctx.actor.orgId), eq(surveyCampaigns.id, id)));
        await writeAudit(tx, ctx, {
          action: "campaign.round_skipped",
          entityType: "survey_campaign",
          entityId: id,
          after: { round, ...dates },
        });
        return;
      }
      const asked = await launchRound(tx, c, round, timeZone, now);
      await writeAudit(tx, ctx, {
        action: "campaign.round_launched",
        entityType: "survey_campaign",
        entityId: id,
        after: { round, ...dates, asked, seed: `${c.seed}:${round}`, share: c.share, grades: c.grades },
      });
      await notifyUsers(tx, orgId, [c.plannedBy], {
        kind: "campaign_launched",
        params: { name: c.name, count: String(asked), path: `/surveys/campaigns/${id}` },
      });
      launched += 1;
    });
  }
  return launched;
}

/** The campaigns, newest first, with their rounds' progress. */
export async function listCampaigns(ctx: Ctx, raw: z.input<typeof campaignListQuery>) {
  requireCapability(ctx.actor, "survey.manage");
  const query = campaignListQuery.parse(raw);
  const where = sql`c.org_id = ${ctx.actor.orgId} ${query.status ? sql`AND c.status = ${query.status}` : sql``}`;
  const ids = await queryRows<{ id: string; total: number }>(
    ctx.db,
    sql`SELECT c.id, count(*) OVER ()::int AS total FROM survey_campaigns c WHERE ${where}
        ORDER BY c.created_at DESC LIMIT ${query.pageSize} OFFSET ${offsetOf(query)}`,
  );
  const items = await campaignsById(
    ctx,
    ids.map((r) => r.id),
  );
  return pageOf(query, items, ids[0]?.total ?? 0);
}

/** One campaign, for whoever plans surveys and for its approver. */
export async function getCampaign(ctx: Ctx, id: string) {
  const [c] = await campaignsById(ctx, [id]);
  if (!c) throw notFound("CAMPAIGN_NOT_FOUND");
  // Its approvers see it while it waits for them, and the one who decided it afterwards.
  if (!can(ctx.actor, "survey.manage") && !c.may.decide) {
    const row = await loadCampaign(ctx.db, ctx, id);
    if (row.decidedBy !== actorUserId(ctx.actor)) requireCapability(ctx.actor, "survey.manage");
  }
  return c;
}

async function campaignsById(ctx: Ctx, ids: string[]): Promise<Campaign[]> {
  if (!ids.length) return [];
  const list = `{${ids.join(",")}}`;
  const rows = await queryRows<{
    id: string;
    template: string;
    template_version: number;
    department: string;
    planned_by: string | null;
    decided_by: string | null;
  }>(
    ctx.db,
    sql`SELECT c.id, t.name AS template, t.version AS template_version, d.name AS department,
          p.display_name AS planned_by, dd.display_name AS decided_by
        FROM survey_campaigns c
        JOIN survey_templates t ON t.org_id = c.org_id AND t.id = c.template_id
        JOIN departments d ON d.org_id = c.org_id AND d.id = c.department_id
        LEFT JOIN users p ON p.org_id = c.org_id AND p.id = c.planned_by
        LEFT JOIN users dd ON dd.org_id = c.org_id AND dd.id = c.decided_by
        WHERE c.org_id = ${ctx.actor.orgId} AND c.id = ANY(${list}::uuid[])`,
  );
  const campaigns = await ctx.db
    .select()
    .from(surveyCampaigns)
    .where(
      and(eq(surveyCampaigns.orgId, ctx.actor.orgId), sql`${surveyCampaigns.id} = ANY(${list}::uuid[])`),
    );
  const progress = await queryRows<{
    campaign_id: string;
    round: number;
    invited: number;
    sent: number;
    answered: number;
    imported: number;
    expired: number;
    unreachable: number;
  }>(
    ctx.db,
    sql`SELECT i.campaign_id, i.round, count(*)::int AS invited,
          count(i.sent_at)::int AS sent,
          count(i.answered_at)::int AS answered,
          count(*) FILTER (WHERE r.channel = 'import')::int AS imported,
          count(*) FILTER (WHERE i.answered_at IS NULL AND i.expires_at <= now())::int AS expired,
          count(*) FILTER (WHERE i.answered_at IS NULL AND i.sent_at IS NULL AND i.send_at IS NULL)::int AS unreachable
        FROM survey_invitations i LEFT JOIN survey_responses r ON r.org_id = i.org_id AND r.invitation_id = i.id
        WHERE i.org_id = ${ctx.actor.orgId} AND i.campaign_id = ANY(${list}::uuid[])
        GROUP BY 1, 2 ORDER BY 2`,
  );
  const today = await officeToday(ctx.db, ctx.actor.orgId);
  const me = actorUserId(ctx.actor);
  const result: Campaign[] = [];
  for (const id of ids) {
    const c = campaigns.find((x) => x.id === id);
    const names = rows.find((x) => x.id === id);
    if (!c || !names) continue;
    const last = c.cadence === "once" ? 0 : Number.POSITIVE_INFINITY;
    const next = c.status === "approved" && c.roundsLaunched <= last ? roundDates(c, c.roundsLaunched) : null;
    const current = roundDates(c, Math.max(c.roundsLaunched - 1, 0));
    const phase =
      c.roundsLaunched === 0 ? "planned" : next || current.closeOn >= today ? "running" : "finished";
    const manages = can(ctx.actor, "survey.manage");
    const approvers = c.status === "pending" ? (await approversOf(ctx.db, c)).ids : [];
    const approverNames = approvers.length
      ? await queryRows<{ name: string }>(
          ctx.db,
          sql`SELECT display_name AS name FROM users WHERE org_id = ${c.orgId} AND id = ANY(${`{${approvers.join(",")}}`}::uuid[]) ORDER BY 1`,
        )
      : [];
    result.push({
      id: c.id,
      name: c.name,
      templateId: c.templateId,
      template: names.template,
      templateVersion: names.template_version,
      departmentId: c.departmentId,
      department: names.department,
      respondents: c.respondents,
      grades: c.grades as Campaign["grades"],
      share: c.share,
      recipients: manages ? c.recipients : [],
      anonymous: c.anonymous,
      cadence: c.cadence,
      startOn: c.startOn,
      closeOn: c.closeOn,
      status: c.status,
      phase,
      nextRoundOn: next?.startOn ?? null,
      plannedBy: names.planned_by,
      approvers: approverNames.map((a) => a.name),
      decidedBy: names.decided_by,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      decisionNote: c.decisionNote,
      seed: c.seed,
      rounds: progress
        .filter((p) => p.campaign_id === id)
        .map((p) => ({
          round: p.round,
          ...roundDates(c, p.round),
          invited: p.invited,
          sent: p.sent,
          answered: p.answered,
          imported: p.imported,
          expired: p.expired,
          unreachable: p.unreachable,
        })),
      may: {
        edit: manages && (c.status === "draft" || c.status === "rejected"),
        decide: approvers.includes(me ?? ""),
        cancel: manages && ["draft", "pending", "approved"].includes(c.status),
        import: manages && c.status === "approved",
      },
    });
  }
  return result;
}

/**
 * What a campaign's respondents answered to its scale questions (C095): counts, raw sum, index and
 * rate per question and overall, from valid responses only, against the organisation's pass mark.
 */
export async function campaignResults(ctx: Ctx, id: string): Promise<CampaignResults> {
  requireCapability(ctx.actor, "survey.manage");
  const c = await loadCampaign(ctx.db, ctx, id);
  const [template] = await ctx.db
    .select()
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.orgId, c.orgId), eq(surveyTemplates.id, c.templateId)));
  const rows = await queryRows<{ question: string; rating: number; n: number }>(
    ctx.db,
    sql`SELECT a.key AS question, (a.value #>> '{}')::int AS rating, count(*)::int AS n
        FROM survey_responses s
        JOIN survey_invitations i ON i.org_id = s.org_id AND i.id = s.invitation_id,
        jsonb_each(s.answers) a
        WHERE i.campaign_id = ${id} AND s.valid AND jsonb_typeof(a.value) = 'number'
        GROUP BY 1, 2`,
  );
  const [{ responses }] = await queryRows<{ responses: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS responses FROM survey_responses s
        JOIN survey_invitations i ON i.org_id = s.org_id AND i.id = s.invitation_id WHERE i.campaign_id = ${id} AND s.valid`,
  );
  const scored = scoredAgainst((await surveySettingsOf(ctx.db, ctx.actor.orgId)).satisfactionTarget);
  const all = countRatings([]);
  const questions = template.questions
    .filter((q) => q.kind === "scale")
    .map((q) => {
      const counts = countRatings([]);
      for (const r of rows.filter((x) => x.question === q.id)) {
        counts[r.rating as keyof RatingCounts] += r.n;
        all[r.rating as keyof RatingCounts] += r.n;
      }
      return { key: q.id, name: q.text, ...scored(counts) };
    });
  return { responses, overall: scored(all), questions };
}
