import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  inspectionListQuery,
  type QaInspection,
  type QaInspectionRow,
  qaAppealInput,
  qaDecisionInput,
  qaRecordInput,
  qaScoreInput,
} from "../../../common/schemas/quality";
import { type Executor, queryRows } from "../../db/client";
import { qaInspections, qaRectifications, qaScorecards, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, assertNotArchived, conflict, invalid, notFound } from "../../lib/errors";
import { offsetOf, pageOf } from "../../lib/pagination";
import { monthRange, officeToday } from "../../lib/periods";
import { usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { completenessOf } from "./completeness";
import { ensureQaDefaults } from "./settings";

/** The list's columns: the record inspected, whose it is, who inspects, the plan and period, the rectification. */
const ROW = sql`
  SELECT i.id, i.subject, i.ticket_id AS "ticketId", t.number AS "ticketNumber",
    i.work_order_id AS "workOrderId", w.number AS "workOrderNumber", i.agent_id AS "agentId",
    a.display_name AS agent, d.name AS department, ins.display_name AS inspector, p.name AS plan,
    dr.period, i.method, i.status, i.total, i.final_total AS "finalTotal", i.passed,
    i.scored_at AS "scoredAt",
    CASE WHEN i.scored_at IS NOT NULL
      THEN to_char((i.scored_at AT TIME ZONE 'UTC') + make_interval(days => s.appeal_days), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS "appealBy",
    i.decision, i.created_at AS "createdAt",
    CASE WHEN r.id IS NOT NULL THEN json_build_object(
      'id', r.id, 'assigneeId', r.assignee_id, 'assignee', a.display_name, 'requirement', r.requirement,
      'dueOn', r.due_on, 'status', r.status, 'response', r.response, 'submittedAt', r.submitted_at,
      'failedChecks', r.failed_checks, 'checkNote', r.check_note, 'checkedAt', r.checked_at) END AS rectification
  FROM qa_inspections i
  JOIN users a ON a.org_id = i.org_id AND a.id = i.agent_id
  JOIN qa_scorecards s ON s.org_id = i.org_id AND s.id = i.scorecard_id
  LEFT JOIN departments d ON d.org_id = i.org_id AND d.id = i.department_id
  LEFT JOIN users ins ON ins.org_id = i.org_id AND ins.id = i.inspector_id
  LEFT JOIN tickets t ON t.org_id = i.org_id AND t.id = i.ticket_id
  LEFT JOIN work_orders w ON w.org_id = i.org_id AND w.id = i.work_order_id
  LEFT JOIN qa_draws dr ON dr.org_id = i.org_id AND dr.id = i.draw_id
  LEFT JOIN qa_plans p ON p.org_id = dr.org_id AND p.id = dr.plan_id
  LEFT JOIN qa_rectifications r ON r.org_id = i.org_id AND r.inspection_id = i.id`;

/** Timestamps come back as Date from columns and as text from json_build_object: both leave as ISO. */
type RawRow = Omit<QaInspectionRow, "scoredAt" | "createdAt"> & { scoredAt: Date | null; createdAt: Date };
const present = (r: RawRow): QaInspectionRow => ({
  ...r,
  scoredAt: r.scoredAt ? new Date(r.scoredAt).toISOString() : null,
  createdAt: new Date(r.createdAt).toISOString(),
  rectification: r.rectification
    ? {
        ...r.rectification,
        submittedAt: r.rectification.submittedAt ? new Date(r.rectification.submittedAt).toISOString() : null,
        checkedAt: r.rectification.checkedAt ? new Date(r.rectification.checkedAt).toISOString() : null,
      }
    : null,
});

/** Inspections an inspector may take: not their own work nor their department's (C114). */
const takeable = (me: string, departmentId: string | null) =>
  sql`i.inspector_id IS NULL AND i.agent_id <> ${me}
      AND (i.department_id IS NULL OR ${departmentId}::uuid IS NULL OR i.department_id <> ${departmentId}::uuid)`;

export async function listInspections(ctx: Ctx, raw: z.input<typeof inspectionListQuery>) {
  const q = inspectionListQuery.parse(raw);
  const me = actorUserId(ctx.actor);
  if (!me || ctx.actor.type !== "user") throw new AppError("FORBIDDEN", 403, { capability: "qa.inspect" });
  if (q.view === "todo") requireCapability(ctx.actor, "qa.inspect");
  if (q.view === "all" && !can(ctx.actor, "qa.inspect")) requireCapability(ctx.actor, "qa.manage");
  const range = q.month ? await monthRange(ctx, q.month) : null;
  const where = sql.join(
    [
      sql`i.org_id = ${ctx.actor.orgId}`,
      q.view === "todo"
        ? sql`i.status = 'open' AND (i.inspector_id = ${me} OR (${takeable(me, ctx.actor.departmentId)}))`
        : q.view === "about_me"
          ? sql`i.agent_id = ${me} AND i.status <> 'open'`
          : sql`TRUE`,
      q.status ? sql`i.status = ${q.status}` : sql`TRUE`,
      range
        ? sql`i.created_at >= ${range.from.toISOString()}::timestamptz AND i.created_at < ${range.to.toISOString()}::timestamptz`
        : sql`TRUE`,
    ],
    sql` AND `,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS total FROM qa_inspections i WHERE ${where}`,
  );
  const rows = await queryRows<RawRow>(
    ctx.db,
    sql`${ROW} WHERE ${where} ORDER BY i.status = 'open' DESC, i.created_at DESC, i.id
        LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
  );
  return pageOf(q, rows.map(present), total);
}

async function loadInspection(tx: Executor, ctx: Ctx, id: string, lock = false) {
  const query = tx
    .select()
    .from(qaInspections)
    .where(and(eq(qaInspections.id, id), eq(qaInspections.orgId, ctx.actor.orgId)));
  const [inspection] = lock ? await query.for("update") : await query;
  if (!inspection) throw notFound("QA_INSPECTION_NOT_FOUND");
  return inspection;
}
type Inspection = typeof qaInspections.$inferSelect;

/** Who sees an inspection: the person inspected, inspectors, and those who run quality inspection. */
function assertMayView(ctx: Ctx, inspection: Inspection) {
  if (actorUserId(ctx.actor) === inspection.agentId || can(ctx.actor, "qa.inspect")) return;
  requireCapability(ctx.actor, "qa.manage");
}

/** The appeal deadline: so many days after scoring (the scorecard's rule). */
const appealDeadline = (scoredAt: Date, appealDays: number) =>
  new Date(scoredAt.getTime() + appealDays * 86_400_000);

export async function getInspection(ctx: Ctx, id: string): Promise<QaInspection> {
  const inspection = await loadInspection(ctx.db, ctx, id);
  assertMayView(ctx, inspection);
  const [row] = await queryRows<RawRow>(
    ctx.db,
    sql`${ROW} WHERE i.org_id = ${inspection.orgId} AND i.id = ${id}`,
  );
  const [card] = await ctx.db
    .select()
    .from(qaScorecards)
    .where(and(eq(qaScorecards.orgId, inspection.orgId), eq(qaScorecards.id, inspection.scorecardId)));
  const me = actorUserId(ctx.actor);
  const record = inspection.subject ? (inspection.workOrderId ?? inspection.ticketId) : null;
  const completeness =
    inspection.completeness ??
    (inspection.subject && record
      ? await completenessOf(ctx.db, inspection.orgId, inspection.subject, record)
      : []);
  const forbiddenHits = inspection.ticketId
    ? await queryRows<{ phrase: string; text: string; at: Date }>(
        ctx.db,
        sql`SELECT phrase, text, created_at AS at FROM forbidden_phrase_hits
            WHERE org_id = ${ctx.actor.orgId} AND ticket_id = ${inspection.ticketId} AND user_id = ${inspection.agentId}
            ORDER BY created_at`,
      )
    : [];
  return {
    ...present(row),
    passMark: card.passMark,
    criteria: inspection.criteria ?? card.criteria,
    scores: inspection.scores,
    findings: inspection.findings,
    observedAt: inspection.observedAt?.toISOString() ?? null,
    completeness,
    forbiddenHits: forbiddenHits.map((h) => ({
      phrase: h.phrase,
      text: h.text,
      at: new Date(h.at).toISOString(),
    })),
    appealReason: inspection.appealReason,
    appealedAt: inspection.appealedAt?.toISOString() ?? null,
    decisionNote: inspection.decisionNote,
    may: {
      score:
        inspection.status === "open" &&
        can(ctx.actor, "qa.inspect") &&
        (inspection.inspectorId === me || (!inspection.inspectorId && isIndependent(ctx, inspection))),
      appeal:
        me === inspection.agentId &&
        inspection.status === "scored" &&
        !inspection.appealedAt &&
        Boolean(inspection.scoredAt) &&
        appealDeadline(inspection.scoredAt!, card.appealDays) > new Date(),
      decide: inspection.status === "appealed" && can(ctx.actor, "qa.manage") && me !== inspection.agentId,
    },
  };
}

/** Service and supervision on separate lines (C114): not one's own work, nor one's department's. */
function isIndependent(ctx: Ctx, target: { agentId: string; departmentId: string | null }) {
  if (ctx.actor.type !== "user") return true;
  return (
    target.agentId !== ctx.actor.userId &&
    !(target.departmentId && ctx.actor.departmentId && target.departmentId === ctx.actor.departmentId)
  );
}

type ScoreInput = z.infer<typeof qaScoreInput>;

/**
 * Scores an inspection on its scorecard: every criterion 0–100, the total their weighted mean; below
 * the pass mark the inspector states what is to be rectified and by when (C112). The record's
 * completeness is checked and kept with it (C110); the method is named (C111). The person inspected
 * is told, and may appeal once.
 */
async function scoreInTx(tx: Executor, ctx: Ctx, inspection: Inspection, input: ScoreInput) {
  const [card] = await tx
    .select()
    .from(qaScorecards)
    .where(and(eq(qaScorecards.orgId, inspection.orgId), eq(qaScorecards.id, inspection.scorecardId)));
  const missing = card.criteria.filter((c) => input.scores[c.id] === undefined);
  if (missing.length)
    throw invalid("QA_SCORES_INCOMPLETE", { items: missing.map((c) => c.label).join("、") });
  const weights = card.criteria.reduce((sum, c) => sum + c.weight, 0);
  const total =
    Math.round((card.criteria.reduce((sum, c) => sum + c.weight * input.scores[c.id], 0) / weights) * 10) /
    10;
  const passed = total >= card.passMark;
  if (!passed && !input.rectification)
    throw invalid("QA_RECTIFICATION_REQUIRED", { passMark: card.passMark });
  if (input.rectification && input.rectification.dueOn < (await officeToday(tx, ctx.actor.orgId)))
    throw invalid("QA_DUE_IN_PAST");
  const record = inspection.workOrderId ?? inspection.ticketId;
  const completeness =
    inspection.subject && record
      ? await completenessOf(tx, inspection.orgId, inspection.subject, record)
      : null;
  const scores = Object.fromEntries(card.criteria.map((c) => [c.id, input.scores[c.id]]));
  const me = actorUserId(ctx.actor);
  const [scored] = await tx
    .update(qaInspections)
    .set({
      inspectorId: me,
      method: input.method,
      status: "scored",
      criteria: card.criteria,
      scores,
      total,
      finalTotal: total,
      passed,
      findings: input.findings || null,
      observedAt: input.observedAt ? new Date(input.observedAt) : null,
      completeness,
      scoredAt: new Date(),
    })
    .where(and(eq(qaInspections.orgId, inspection.orgId), eq(qaInspections.id, inspection.id)))
    .returning();
  if (input.rectification && !passed)
    await tx.insert(qaRectifications).values({
      orgId: ctx.actor.orgId,
      inspectionId: inspection.id,
      assigneeId: inspection.agentId,
      ...input.rectification,
    });
  await writeAudit(tx, ctx, {
    action: "qa.scored",
    entityType: "qa_inspection",
    entityId: inspection.id,
    after: {
      method: input.method,
      scores,
      total,
      passed,
      findings: input.findings,
      rectification: input.rectification,
    },
  });
  await notifyUsers(tx, ctx.actor.orgId, [inspection.agentId], {
    kind: passed ? "qa_scored" : "qa_rectification",
    params: {
      total: String(total),
      dueOn: input.rectification?.dueOn ?? "",
      path: `/quality/${inspection.id}`,
    },
  });
  return scored;
}

export async function scoreInspection(ctx: Ctx, id: string, raw: z.input<typeof qaScoreInput>) {
  requireCapability(ctx.actor, "qa.inspect");
  const input = qaScoreInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const inspection = await loadInspection(tx, ctx, id, true);
    if (inspection.status !== "open") throw conflict("QA_ALREADY_SCORED");
    if (inspection.inspectorId && inspection.inspectorId !== actorUserId(ctx.actor))
      throw new AppError("QA_NOT_YOUR_INSPECTION", 403);
    if (!isIndependent(ctx, inspection)) throw conflict("QA_SAME_DEPARTMENT");
    return scoreInTx(tx, ctx, inspection, input);
  });
}

/**
 * An inspection the inspector makes of their own accord (C111): a mystery-customer call or visit
 * (客户暗访), an observation on the floor (现场观察), or a record checked (表单核对) — with what was found.
 */
export async function recordInspection(ctx: Ctx, raw: z.input<typeof qaRecordInput>) {
  requireCapability(ctx.actor, "qa.inspect");
  const input = qaRecordInput.parse(raw);
  await ensureQaDefaults(ctx.db, ctx.actor.orgId);
  return ctx.db.transaction(async (tx) => {
    const orgId = ctx.actor.orgId;
    const [agent] = await tx
      .select({ id: users.id, departmentId: users.departmentId })
      .from(users)
      .where(and(eq(users.id, input.agentId), eq(users.orgId, orgId)));
    if (!agent) throw notFound("USER_NOT_FOUND");
    if (!isIndependent(ctx, { agentId: agent.id, departmentId: agent.departmentId }))
      throw conflict("QA_SAME_DEPARTMENT");
    const [card] = await tx
      .select({ id: qaScorecards.id })
      .from(qaScorecards)
      .where(and(eq(qaScorecards.id, input.scorecardId), eq(qaScorecards.orgId, orgId)));
    if (!card) throw notFound("QA_SCORECARD_NOT_FOUND");
    const [order] = input.workOrderId
      ? await queryRows<{ ticketId: string }>(
          tx,
          sql`SELECT ticket_id AS "ticketId" FROM work_orders WHERE id = ${input.workOrderId} AND org_id = ${orgId}`,
        )
      : [];
    if (input.workOrderId && !order) throw notFound("WORK_ORDER_NOT_FOUND");
    const ticketId = order?.ticketId ?? input.ticketId ?? null;
    if (input.ticketId) {
      const [ticket] = await queryRows<{ id: string }>(
        tx,
        sql`SELECT id FROM tickets WHERE id = ${input.ticketId} AND org_id = ${orgId}`,
      );
      if (!ticket || (order && order.ticketId !== ticket.id)) throw notFound("TICKET_NOT_FOUND");
    }
    const [created] = await tx
      .insert(qaInspections)
      .values({
        orgId,
        subject: order ? "work_order" : ticketId ? "ticket" : null,
        ticketId,
        workOrderId: input.workOrderId ?? null,
        agentId: agent.id,
        departmentId: agent.departmentId,
        inspectorId: actorUserId(ctx.actor),
        method: input.method,
        scorecardId: card.id,
        createdBy: actorUserId(ctx.actor),
      })
      .returning();
    return scoreInTx(tx, ctx, created, input);
  });
}

/** The person inspected disagrees (seed 004 第七章 5): once, within the scorecard's days; the supervisor decides. */
export async function appealInspection(ctx: Ctx, id: string, raw: z.input<typeof qaAppealInput>) {
  const input = qaAppealInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const inspection = await loadInspection(tx, ctx, id, true);
    assertNotArchived(inspection);
    if (
      actorUserId(ctx.actor) !== inspection.agentId ||
      inspection.status !== "scored" ||
      inspection.appealedAt ||
      !inspection.scoredAt
    )
      throw conflict("QA_APPEAL_NOT_ALLOWED");
    const [card] = await tx
      .select()
      .from(qaScorecards)
      .where(and(eq(qaScorecards.orgId, inspection.orgId), eq(qaScorecards.id, inspection.scorecardId)));
    const until = appealDeadline(inspection.scoredAt, card.appealDays);
    if (until <= new Date()) throw conflict("QA_APPEAL_CLOSED", { until: until.toISOString().slice(0, 10) });
    const [appealed] = await tx
      .update(qaInspections)
      .set({ status: "appealed", appealReason: input.reason, appealedAt: new Date() })
      .where(and(eq(qaInspections.orgId, ctx.actor.orgId), eq(qaInspections.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "qa.appealed",
      entityType: "qa_inspection",
      entityId: id,
      after: { reason: input.reason },
    });
    await notifyUsers(
      tx,
      ctx.actor.orgId,
      await usersWithRole(tx, ctx.actor.orgId, ["supervisor", "manager"]),
      {
        kind: "qa_appealed",
        params: { name: ctx.actor.name, total: String(inspection.total), path: `/quality/${id}` },
      },
    );
    return appealed;
  });
}

/**
 * The supervisor's decision on an appeal: the score stands, or is revised (with the reason either
 * way). Revised to a pass, the rectification it asked for is withdrawn.
 */
export async function decideAppeal(ctx: Ctx, id: string, raw: z.input<typeof qaDecisionInput>) {
  requireCapability(ctx.actor, "qa.manage");
  const input = qaDecisionInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const inspection = await loadInspection(tx, ctx, id, true);
    assertNotArchived(inspection);
    if (inspection.status !== "appealed" || actorUserId(ctx.actor) === inspection.agentId)
      throw conflict("QA_APPEAL_NOT_PENDING");
    if (input.decision === "revised" && input.total === undefined) throw invalid("QA_REVISED_TOTAL_REQUIRED");
    const [card] = await tx
      .select()
      .from(qaScorecards)
      .where(and(eq(qaScorecards.orgId, inspection.orgId), eq(qaScorecards.id, inspection.scorecardId)));
    const finalTotal = input.decision === "revised" ? input.total! : inspection.total!;
    const passed = finalTotal >= card.passMark;
    const [decided] = await tx
      .update(qaInspections)
      .set({
        status: "final",
        decision: input.decision,
        decisionNote: input.note,
        decidedBy: actorUserId(ctx.actor),
        decidedAt: new Date(),
        finalTotal,
        passed,
      })
      .where(and(eq(qaInspections.orgId, ctx.actor.orgId), eq(qaInspections.id, id)))
      .returning();
    if (passed)
      await tx
        .update(qaRectifications)
        .set({
          status: "withdrawn",
          checkNote: input.note,
          checkedBy: actorUserId(ctx.actor),
          checkedAt: new Date(),
        })
        .where(
          and(
            eq(qaRectifications.orgId, ctx.actor.orgId),
            eq(qaRectifications.inspectionId, id),
            sql`status <> 'passed'`,
          ),
        );
    await writeAudit(tx, ctx, {
      action: "qa.appeal_decided",
      entityType: "qa_inspection",
      entityId: id,
      before: { total: inspection.total, passed: inspection.passed },
      after: { decision: input.decision, note: input.note, finalTotal, passed },
    });
    await notifyUsers(tx, ctx.actor.orgId, [inspection.agentId], {
      kind: `qa_${input.decision}`,
      params: { total: String(finalTotal), path: `/quality/${id}` },
    });
    return decided;
  });
}
