import { and, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  type QaCriterion,
  type QaPlan,
  type QaScorecard,
  qaPlanInput,
  qaScorecardInput,
} from "../../../common/schemas/quality";
import { type Executor, queryRows } from "../../db/client";
import { qaPlans, qaScorecards } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, can, requireCapability } from "../../lib/context";
import { conflict, invalid, notFound } from "../../lib/errors";

/** The criteria SPEC M7 names: attitude, accuracy, process, forbidden phrases, timeliness. */
export const DEFAULT_CRITERIA: QaCriterion[] = [
  { id: "attitude", label: "服务态度（热情、耐心、礼貌用语）", weight: 25 },
  { id: "accuracy", label: "答复准确（问题判断与解答正确）", weight: 25 },
  { id: "process", label: "流程规范（首问负责、记录完整、按规定流转）", weight: 20 },
  { id: "forbidden", label: "无服务禁语", weight: 15 },
  { id: "timeliness", label: "处理及时（响应与解决时限）", weight: 15 },
];
const DEFAULT_SCORECARD = "服务质检评分表";

/**
 * The plans seed 004 第六章 sets (C109): the supervisor's monthly sample of handled tickets, the weekly
 * service check of completed work orders, the monthly complaint check. (The quarterly HR review is the
 * appraisal's, M8.)
 */
const DEFAULT_PLANS = [
  { name: "主管每月抽查", subject: "ticket", cadence: "month", perAgent: 3 },
  { name: "服务检查（每周）", subject: "work_order", cadence: "week", perAgent: 1 },
  { name: "投诉处理检查（每月）", subject: "complaint", cadence: "month", perAgent: 2 },
] as const;

/** Writes the default scorecard and plans the first time an organisation's quality inspection is used. */
export async function ensureQaDefaults(tx: Executor, orgId: string) {
  const [existing] = await tx
    .select({ id: qaScorecards.id })
    .from(qaScorecards)
    .where(eq(qaScorecards.orgId, orgId))
    .limit(1);
  if (existing) return;
  const [card] = await tx
    .insert(qaScorecards)
    .values({ orgId, name: DEFAULT_SCORECARD, criteria: DEFAULT_CRITERIA })
    .onConflictDoNothing()
    .returning();
  if (!card) return;
  await tx
    .insert(qaPlans)
    .values(DEFAULT_PLANS.map((p) => ({ orgId, ...p, scorecardId: card.id })))
    .onConflictDoNothing();
}

/** The scorecards: inspectors score on them, QA managers and settings keep them. */
export async function listScorecards(ctx: Ctx): Promise<QaScorecard[]> {
  if (!can(ctx.actor, "qa.inspect")) requireCapability(ctx.actor, "qa.manage");
  await ensureQaDefaults(ctx.db, ctx.actor.orgId);
  const rows = await ctx.db
    .select()
    .from(qaScorecards)
    .where(eq(qaScorecards.orgId, ctx.actor.orgId))
    .orderBy(qaScorecards.createdAt);
  return rows.map(({ id, name, criteria, passMark, appealDays }) => ({
    id,
    name,
    criteria,
    passMark,
    appealDays,
  }));
}

/** A scorecard, created or changed; inspections already scored keep the criteria they were scored on. */
export async function saveScorecard(ctx: Ctx, id: string | null, raw: z.input<typeof qaScorecardInput>) {
  requireCapability(ctx.actor, "settings.manage");
  const input = qaScorecardInput.parse(raw);
  const weights = input.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weights !== 100) throw invalid("QA_WEIGHTS_NOT_100", { sum: weights });
  return ctx.db.transaction(async (tx) => {
    const orgId = ctx.actor.orgId;
    const [before] = id
      ? await tx
          .select()
          .from(qaScorecards)
          .where(and(eq(qaScorecards.id, id), eq(qaScorecards.orgId, orgId)))
      : [null];
    if (id && !before) throw notFound("QA_SCORECARD_NOT_FOUND");
    await assertNameFree(tx, qaScorecards, orgId, input.name, id);
    const [saved] = id
      ? await tx
          .update(qaScorecards)
          .set({ ...input, updatedAt: new Date() })
          .where(and(eq(qaScorecards.orgId, ctx.actor.orgId), eq(qaScorecards.id, id)))
          .returning()
      : await tx
          .insert(qaScorecards)
          .values({ orgId, ...input })
          .returning();
    await writeAudit(tx, ctx, {
      action: id ? "qa.scorecard_updated" : "qa.scorecard_created",
      entityType: "qa_scorecard",
      entityId: saved.id,
      before,
      after: input,
    });
    return { id: saved.id, ...input };
  });
}

/** Names are unique within an organisation: another row of the same name refuses the save. */
async function assertNameFree(
  tx: Executor,
  table: typeof qaScorecards | typeof qaPlans,
  orgId: string,
  name: string,
  id: string | null,
) {
  const [other] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(table.name, name), id ? ne(table.id, id) : undefined));
  if (other) throw conflict("QA_NAME_TAKEN", { name });
}

export async function listPlans(ctx: Ctx): Promise<QaPlan[]> {
  requireCapability(ctx.actor, "qa.manage");
  await ensureQaDefaults(ctx.db, ctx.actor.orgId);
  return queryRows<QaPlan>(
    ctx.db,
    sql`SELECT p.id, p.name, p.subject, p.cadence, p.per_agent AS "perAgent", p.method,
          p.scorecard_id AS "scorecardId", p.is_active AS "isActive", s.name AS scorecard,
          max(d.period) AS "lastPeriod", count(d.id)::int AS draws
        FROM qa_plans p JOIN qa_scorecards s ON s.org_id = p.org_id AND s.id = p.scorecard_id
        LEFT JOIN qa_draws d ON d.org_id = p.org_id AND d.plan_id = p.id
        WHERE p.org_id = ${ctx.actor.orgId}
        GROUP BY p.org_id, p.id, s.name ORDER BY p.created_at, p.name`,
  );
}

export async function savePlan(ctx: Ctx, id: string | null, raw: z.input<typeof qaPlanInput>) {
  requireCapability(ctx.actor, "settings.manage");
  const input = qaPlanInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const orgId = ctx.actor.orgId;
    const [card] = await tx
      .select({ id: qaScorecards.id })
      .from(qaScorecards)
      .where(and(eq(qaScorecards.id, input.scorecardId), eq(qaScorecards.orgId, orgId)));
    if (!card) throw notFound("QA_SCORECARD_NOT_FOUND");
    const [before] = id
      ? await tx
          .select()
          .from(qaPlans)
          .where(and(eq(qaPlans.id, id), eq(qaPlans.orgId, orgId)))
      : [null];
    if (id && !before) throw notFound("QA_PLAN_NOT_FOUND");
    await assertNameFree(tx, qaPlans, orgId, input.name, id);
    const [saved] = id
      ? await tx
          .update(qaPlans)
          .set({ ...input, updatedAt: new Date() })
          .where(and(eq(qaPlans.orgId, ctx.actor.orgId), eq(qaPlans.id, id)))
          .returning()
      : await tx
          .insert(qaPlans)
          .values({ orgId, ...input })
          .returning();
    await writeAudit(tx, ctx, {
      action: id ? "qa.plan_updated" : "qa.plan_created",
      entityType: "qa_plan",
      entityId: saved.id,
      before,
      after: input,
    });
    return saved;
  });
}
