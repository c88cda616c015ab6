import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { localIsoDate, startOfLocalDay } from "../../../common/business-time";
import { addDays } from "../../../common/field-service";
import {
  type Sanction,
  type SanctionRules,
  sanctionDecisionInput,
  sanctionInput,
  sanctionListQuery,
  sanctionRulesDto,
} from "../../../common/schemas/sanctions";
import { type Db, type Executor, queryRows } from "../../db/client";
import { auditLog, departments, organizations, sanctionSettings, sanctions, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Actor, actorUserId, type Ctx, can, requireCapability, systemCtx } from "../../lib/context";
import { AppError, conflict, invalid, notFound } from "../../lib/errors";
import { offsetOf, pageOf } from "../../lib/pagination";
import { calendarPeriod, officeCalendar } from "../../lib/periods";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";

/** How often every server looks at the last month's figures for proposals. */
export const SANCTION_RULES_MS = 60 * 60_000;

/**
 * Seed 004 第七章 leaves the figures blank (【具体比例】, 【具体月数】, 【具体金额】): 3 late responses in
 * a month deduct 10% of its bonus; 95% satisfied three months running earns 200 元; a major complaint
 * resolved 200 元; 服务之星 500 元 as in the seed's example.
 */
export const DEFAULT_SANCTION_RULES: SanctionRules = {
  lateResponseLimit: 3,
  deductionShare: 0.1,
  satisfactionThreshold: 0.95,
  satisfactionMonths: 3,
  satisfactionBonusFen: 20_000,
  majorComplaintBonusFen: 20_000,
  serviceStarBonusFen: 50_000,
};

export async function sanctionRulesOf(db: Executor, orgId: string): Promise<SanctionRules> {
  const [row] = await db.select().from(sanctionSettings).where(eq(sanctionSettings.orgId, orgId));
  return row?.rules ?? DEFAULT_SANCTION_RULES;
}

export async function updateSanctionRules(ctx: Ctx, raw: z.input<typeof sanctionRulesDto>) {
  requireCapability(ctx.actor, "settings.manage");
  const rules = sanctionRulesDto.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await sanctionRulesOf(tx, ctx.actor.orgId);
    const values = { rules, updatedBy: actorUserId(ctx.actor), updatedAt: new Date() };
    await tx
      .insert(sanctionSettings)
      .values({ orgId: ctx.actor.orgId, ...values })
      .onConflictDoUpdate({ target: sanctionSettings.orgId, set: values });
    await writeAudit(tx, ctx, {
      action: "sanction.rules_updated",
      entityType: "sanction_settings",
      entityId: ctx.actor.orgId,
      before,
      after: rules,
    });
    return rules;
  });
}

/**
 * 奖惩 proposal (C119): a reward or a penalty for a person or a team, with its reason and evidence.
 * 泄露客户信息 (C122) rests on audit-log entries — the views and exports that leaked — and may carry the
 * fine and termination.
 */
export async function proposeSanction(ctx: Ctx, raw: z.input<typeof sanctionInput>) {
  requireCapability(ctx.actor, "appraisal.manage");
  const input = sanctionInput.parse(raw);
  if (input.type === "data_leak" && !input.auditIds.length) throw invalid("SANCTION_LEAK_EVIDENCE");
  return ctx.db.transaction(async (tx) => {
    const orgId = ctx.actor.orgId;
    if (input.userId) {
      const [u] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.userId), eq(users.orgId, orgId)));
      if (!u) throw notFound("USER_NOT_FOUND");
    }
    if (input.departmentId) {
      const [d] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.id, input.departmentId), eq(departments.orgId, orgId)));
      if (!d) throw notFound("DEPARTMENT_NOT_FOUND");
    }
    if (input.auditIds.length) {
      const found = await tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.orgId, orgId), inArray(auditLog.id, input.auditIds)));
      if (found.length !== new Set(input.auditIds).size) throw invalid("SANCTION_EVIDENCE_NOT_FOUND");
    }
    const [created] = await tx
      .insert(sanctions)
      .values({ orgId, ...input, proposedBy: actorUserId(ctx.actor) })
      .returning();
    await writeAudit(tx, ctx, {
      action: "sanction.proposed",
      entityType: "sanction",
      entityId: created.id,
      after: input,
    });
    await notifyApprovers(tx, orgId, 1, actorUserId(ctx.actor));
    return created;
  });
}

async function notifyApprovers(tx: Executor, orgId: string, count: number, except: string | null) {
  await notifyUsers(
    tx,
    orgId,
    (await usersWithCapability(tx, orgId, "sanction.approve")).filter((u) => u !== except),
    {
      kind: "sanction_proposed",
      params: { count: String(count), path: "/sanctions" },
    },
  );
}

async function loadSanction(tx: Executor, ctx: Ctx, id: string) {
  const [s] = await tx
    .select()
    .from(sanctions)
    .where(and(eq(sanctions.id, id), eq(sanctions.orgId, ctx.actor.orgId)))
    .for("update");
  if (!s) throw notFound("SANCTION_NOT_FOUND");
  return s;
}

/** Management approves or rejects a proposal (C119) — not the one who proposed it, nor its subject. */
export async function decideSanction(ctx: Ctx, id: string, raw: z.input<typeof sanctionDecisionInput>) {
  requireCapability(ctx.actor, "sanction.approve");
  const input = sanctionDecisionInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const s = await loadSanction(tx, ctx, id);
    if (s.status !== "proposed") throw conflict("SANCTION_STATE", { status: s.status });
    const me = actorUserId(ctx.actor);
    if (me && (me === s.proposedBy || me === s.userId)) throw conflict("SANCTION_OWN");
    const [saved] = await tx
      .update(sanctions)
      .set({
        status: input.approve ? "approved" : "rejected",
        decidedBy: me,
        decidedAt: new Date(),
        decisionNote: input.note,
      })
      .where(and(eq(sanctions.orgId, ctx.actor.orgId), eq(sanctions.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: input.approve ? "sanction.approved" : "sanction.rejected",
      entityType: "sanction",
      entityId: id,
      after: { note: input.note },
    });
    return saved;
  });
}

/** 公布: an approved reward or penalty is made known, and its person told. */
export async function publishSanction(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "sanction.approve");
  return ctx.db.transaction(async (tx) => {
    const s = await loadSanction(tx, ctx, id);
    if (s.status !== "approved") throw conflict("SANCTION_STATE", { status: s.status });
    const [saved] = await tx
      .update(sanctions)
      .set({ status: "published", publishedAt: new Date() })
      .where(and(eq(sanctions.orgId, ctx.actor.orgId), eq(sanctions.id, id)))
      .returning();
    await writeAudit(tx, ctx, { action: "sanction.published", entityType: "sanction", entityId: id });
    await notifyUsers(tx, ctx.actor.orgId, [s.userId], {
      kind: `sanction_${s.kind}`,
      params: { reason: s.reason, path: "/sanctions?view=mine" },
    });
    return saved;
  });
}

/**
 * Whose rewards and deductions a manager of appraisals reads (SPEC M0 data scope): everyone's with
 * scope all, their department's and its people's with department scope, else their own.
 */
function sanctionScope(actor: Actor): SQL {
  if (actor.type !== "user" || actor.dataScope === "all") return sql`TRUE`;
  return actor.dataScope === "department" && actor.departmentId
    ? sql`(s.department_id = ${actor.departmentId} OR EXISTS (SELECT 1 FROM users x
        WHERE x.org_id = s.org_id AND x.id = s.user_id AND x.department_id = ${actor.departmentId}))`
    : sql`s.user_id = ${actor.userId}`;
}

export async function listSanctions(ctx: Ctx, raw: z.input<typeof sanctionListQuery>) {
  const q = sanctionListQuery.parse(raw);
  const me = actorUserId(ctx.actor);
  if (!me) throw new AppError("FORBIDDEN", 403, { capability: "appraisal.manage" });
  if (q.view === "all" && !can(ctx.actor, "sanction.approve"))
    requireCapability(ctx.actor, "appraisal.manage");
  const where = sql.join(
    [
      sql`s.org_id = ${ctx.actor.orgId}`,
      q.view === "mine" ? sql`s.user_id = ${me} AND s.status = 'published'` : sanctionScope(ctx.actor),
      q.status ? sql`s.status = ${q.status}` : sql`TRUE`,
    ],
    sql` AND `,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS total FROM sanctions s WHERE ${where}`,
  );
  const rows = await queryRows<
    Omit<Sanction, "may" | "createdAt" | "publishedAt"> & {
      createdAt: Date;
      publishedAt: Date | null;
      proposed_by_id: string | null;
    }
  >(
    ctx.db,
    sql`SELECT s.id, s.kind, s.type, s.user_id AS "userId", u.display_name AS person,
          coalesce(d.name, ud.name) AS department, s.amount_fen AS "amountFen", s.bonus_share AS "bonusShare",
          s.terminate, s.reason, s.evidence, s.audit_ids AS "auditIds", s.source, s.status,
          p.display_name AS "proposedBy", s.proposed_by AS proposed_by_id, dec.display_name AS "decidedBy",
          s.decision_note AS "decisionNote", s.created_at AS "createdAt", s.published_at AS "publishedAt"
        FROM sanctions s
        LEFT JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
        LEFT JOIN departments ud ON ud.org_id = u.org_id AND ud.id = u.department_id
        LEFT JOIN departments d ON d.org_id = s.org_id AND d.id = s.department_id
        LEFT JOIN users p ON p.org_id = s.org_id AND p.id = s.proposed_by
        LEFT JOIN users dec ON dec.org_id = s.org_id AND dec.id = s.decided_by
        WHERE ${where}
        ORDER BY s.status = 'proposed' DESC, s.created_at DESC, s.id
        LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
  );
  const approver = can(ctx.actor, "sanction.approve");
  return pageOf(
    q,
    rows.map(({ proposed_by_id, ...r }) => ({
      ...r,
      createdAt: new Date(r.createdAt).toISOString(),
      publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
      may: {
        decide: approver && r.status === "proposed" && me !== proposed_by_id && me !== r.userId,
        publish: approver && r.status === "approved",
      },
    })),
    total,
  );
}

type Proposal = {
  kind: "reward" | "penalty";
  type: "bonus" | "deduction" | "service_star";
  userId: string;
  amountFen?: number;
  bonusShare?: number;
  reason: string;
  source: "late_responses" | "satisfaction" | "major_complaint" | "service_star";
  sourceKey: string;
};

const yuan = (fen: number) => `${fen / 100} 元`;

/**
 * The proposals seed 004 第七章 asks for, for one finished month: 超时未响应 N 次 → a deduction (C121);
 * satisfaction at or above the mark for N months running → a bonus; each major complaint closed → a
 * bonus for its handler; at a quarter's end, 服务之星 for the best satisfaction (C120). Each once.
 */
export async function proposeByRules(db: Db, orgId: string, month: string) {
  const rules = await sanctionRulesOf(db, orgId);
  const { timeZone } = await officeCalendar(db, orgId);
  const period = calendarPeriod("month", `${month}-01`);
  const from = startOfLocalDay(period.first, timeZone).toISOString();
  const to = startOfLocalDay(addDays(period.last, 1), timeZone).toISOString();
  const proposals: Proposal[] = [];
  for (const r of await queryRows<{ id: string; n: number }>(
    db,
    sql`SELECT assignee_id AS id, count(*)::int AS n FROM sla_breaches
        WHERE org_id = ${orgId} AND metric = 'first_response' AND assignee_id IS NOT NULL
          AND due_at >= ${from}::timestamptz AND due_at < ${to}::timestamptz
        GROUP BY 1 HAVING count(*) >= ${rules.lateResponseLimit}`,
  ))
    proposals.push({
      kind: "penalty",
      type: "deduction",
      userId: r.id,
      bonusShare: rules.deductionShare,
      reason: `${month} 超时未响应 ${r.n} 次（规定 ${rules.lateResponseLimit} 次即扣罚）`,
      source: "late_responses",
      sourceKey: `late_responses:${month}:${r.id}`,
    });
  // The months ending with this one: satisfied at or above the mark in every one of them.
  const firstMonth = calendarPeriod(
    "month",
    addDays(`${month}-01`, -31 * (rules.satisfactionMonths - 1) + 15),
  ).first;
  for (const r of await queryRows<{ id: string; months: number }>(
    db,
    sql`SELECT agent_id AS id, count(*)::int AS months FROM (
          SELECT r.agent_id, date_trunc('month', r.submitted_at AT TIME ZONE ${timeZone}) AS m,
            avg((r.rating >= 4)::int) AS rate
          FROM survey_ratings r JOIN survey_responses s ON s.org_id = r.org_id AND s.id = r.response_id AND s.valid
          WHERE r.org_id = ${orgId} AND r.agent_id IS NOT NULL
            AND r.submitted_at >= ${startOfLocalDay(firstMonth, timeZone).toISOString()}::timestamptz
            AND r.submitted_at < ${to}::timestamptz
          GROUP BY 1, 2) per_month
        WHERE rate >= ${rules.satisfactionThreshold}
        GROUP BY 1 HAVING count(*) >= ${rules.satisfactionMonths}`,
  ))
    proposals.push({
      kind: "reward",
      type: "bonus",
      userId: r.id,
      amountFen: rules.satisfactionBonusFen,
      reason: `客户满意度连续 ${rules.satisfactionMonths} 个月达 ${Math.round(rules.satisfactionThreshold * 100)}% 以上（至 ${month}），奖金 ${yuan(rules.satisfactionBonusFen)}`,
      source: "satisfaction",
      sourceKey: `satisfaction:${month}:${r.id}`,
    });
  for (const r of await queryRows<{ id: string; user_id: string; number: string }>(
    db,
    sql`SELECT c.id, t.assignee_id AS user_id, t.number FROM complaints c JOIN tickets t ON t.org_id = c.org_id AND t.id = c.ticket_id
        WHERE c.org_id = ${orgId} AND c.severity = 'major' AND c.status = 'closed' AND t.assignee_id IS NOT NULL
          AND c.closed_at >= ${from}::timestamptz AND c.closed_at < ${to}::timestamptz`,
  ))
    proposals.push({
      kind: "reward",
      type: "bonus",
      userId: r.user_id,
      amountFen: rules.majorComplaintBonusFen,
      reason: `妥善解决重大投诉 ${r.number}，奖金 ${yuan(rules.majorComplaintBonusFen)}`,
      source: "major_complaint",
      sourceKey: `major_complaint:${r.id}`,
    });
  const quarter = calendarPeriod("quarter", `${month}-01`);
  if (quarter.last === period.last) {
    const [star] = await queryRows<{ id: string; rate: number; n: number }>(
      db,
      sql`SELECT r.agent_id AS id, avg((r.rating >= 4)::int)::float8 AS rate, count(*)::int AS n
          FROM survey_ratings r JOIN survey_responses s ON s.org_id = r.org_id AND s.id = r.response_id AND s.valid
          WHERE r.org_id = ${orgId} AND r.agent_id IS NOT NULL
            AND r.submitted_at >= ${startOfLocalDay(quarter.first, timeZone).toISOString()}::timestamptz
            AND r.submitted_at < ${to}::timestamptz
          GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT 1`,
    );
    if (star)
      proposals.push({
        kind: "reward",
        type: "service_star",
        userId: star.id,
        amountFen: rules.serviceStarBonusFen,
        reason: `${quarter.key} 服务之星：季度满意率 ${Math.round(star.rate * 1000) / 10}%（${star.n} 项评价），奖金 ${yuan(rules.serviceStarBonusFen)}`,
        source: "service_star",
        sourceKey: `service_star:${quarter.key}`,
      });
  }
  return db.transaction(async (tx) => {
    const created = proposals.length
      ? await tx
          .insert(sanctions)
          .values(proposals.map((p) => ({ orgId, ...p })))
          .onConflictDoNothing()
          .returning({ id: sanctions.id })
      : [];
    if (created.length) {
      await writeAudit(tx, systemCtx(db, orgId), {
        action: "sanction.proposed_by_rules",
        entityType: "sanction",
        after: { month, proposals: created.length },
      });
      await notifyApprovers(tx, orgId, created.length, null);
    }
    return created.length;
  });
}

/** Each organisation's last month, proposed on by the rules (again harmlessly: each proposal once). */
export async function runSanctionRules(db: Db, now = new Date()) {
  let proposed = 0;
  for (const { id } of await db.select({ id: organizations.id }).from(organizations)) {
    const { timeZone } = await officeCalendar(db, id);
    const lastMonth = addDays(`${localIsoDate(now, timeZone).slice(0, 7)}-01`, -1).slice(0, 7);
    proposed += await proposeByRules(db, id, lastMonth);
  }
  return proposed;
}
