import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  type RectificationRow,
  rectificationCheckInput,
  rectificationListQuery,
  rectificationSubmitInput,
} from "../../../common/schemas/quality";
import { type Executor, queryRows } from "../../db/client";
import { qaInspections, qaRectifications } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, notFound } from "../../lib/errors";
import { offsetOf, pageOf } from "../../lib/pagination";
import { officeToday } from "../../lib/periods";
import { usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";

const OPEN = sql`r.status IN ('open', 'retraining')`;

/** 整改跟踪 (C112): what each inspection asked to be put right, by when, and how the re-checks went. */
export async function listRectifications(ctx: Ctx, raw: z.input<typeof rectificationListQuery>) {
  const q = rectificationListQuery.parse(raw);
  const me = actorUserId(ctx.actor);
  if (!me) throw new AppError("FORBIDDEN", 403, { capability: "qa.manage" });
  if (q.view === "all" && !can(ctx.actor, "qa.inspect")) requireCapability(ctx.actor, "qa.manage");
  const day = await officeToday(ctx.db, ctx.actor.orgId);
  const where = sql.join(
    [
      sql`r.org_id = ${ctx.actor.orgId}`,
      q.view === "mine" ? sql`r.assignee_id = ${me}` : sql`TRUE`,
      q.status ? sql`r.status = ${q.status}` : sql`TRUE`,
      q.overdue ? sql`${OPEN} AND r.due_on < ${day}::date` : sql`TRUE`,
    ],
    sql` AND `,
  );
  const [{ total }] = await queryRows<{ total: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS total FROM qa_rectifications r WHERE ${where}`,
  );
  const rows = await queryRows<
    Omit<RectificationRow, "may"> & { assignee_id: string; inspector_id: string | null }
  >(
    ctx.db,
    sql`SELECT r.id, r.inspection_id AS "inspectionId", a.display_name AS assignee, d.name AS department,
          ins.display_name AS inspector, i.ticket_id AS "ticketId", t.number AS "ticketNumber",
          i.final_total AS total, i.findings, r.requirement, r.due_on::text AS "dueOn",
          (${OPEN} AND r.due_on < ${day}::date) AS overdue, r.status, r.response,
          r.failed_checks AS "failedChecks", r.check_note AS "checkNote", r.assignee_id, i.inspector_id
        FROM qa_rectifications r
        JOIN qa_inspections i ON i.org_id = r.org_id AND i.id = r.inspection_id
        JOIN users a ON a.org_id = r.org_id AND a.id = r.assignee_id
        LEFT JOIN departments d ON d.org_id = i.org_id AND d.id = i.department_id
        LEFT JOIN users ins ON ins.org_id = i.org_id AND ins.id = i.inspector_id
        LEFT JOIN tickets t ON t.org_id = i.org_id AND t.id = i.ticket_id
        WHERE ${where}
        ORDER BY ${OPEN} DESC, r.due_on, r.id
        LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
  );
  return pageOf(
    q,
    rows.map(({ assignee_id, inspector_id, ...r }) => ({
      ...r,
      may: {
        submit: assignee_id === me && (r.status === "open" || r.status === "retraining"),
        check:
          r.status === "submitted" && mayCheck(ctx, { inspectorId: inspector_id, assigneeId: assignee_id }),
      },
    })),
    total,
  );
}

/** The inspector who found it re-checks, or whoever runs quality inspection — never the person themself. */
const mayCheck = (ctx: Ctx, r: { inspectorId: string | null; assigneeId: string }) =>
  actorUserId(ctx.actor) !== r.assigneeId &&
  (actorUserId(ctx.actor) === r.inspectorId || can(ctx.actor, "qa.manage"));

async function loadRectification(tx: Executor, ctx: Ctx, id: string) {
  const [row] = await tx
    .select({ rectification: qaRectifications, inspectorId: qaInspections.inspectorId })
    .from(qaRectifications)
    .innerJoin(
      qaInspections,
      and(
        eq(qaInspections.orgId, qaRectifications.orgId),
        eq(qaInspections.id, qaRectifications.inspectionId),
      ),
    )
    .where(and(eq(qaRectifications.id, id), eq(qaRectifications.orgId, ctx.actor.orgId)))
    .for("update", { of: qaRectifications });
  if (!row) throw notFound("QA_RECTIFICATION_NOT_FOUND");
  return row;
}

/** The person reports what they put right (after re-training, when a re-check failed). */
export async function submitRectification(
  ctx: Ctx,
  id: string,
  raw: z.input<typeof rectificationSubmitInput>,
) {
  const input = rectificationSubmitInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { rectification: r, inspectorId } = await loadRectification(tx, ctx, id);
    if (r.assigneeId !== actorUserId(ctx.actor)) throw new AppError("QA_RECTIFICATION_NOT_YOURS", 403);
    if (r.status !== "open" && r.status !== "retraining")
      throw conflict("QA_RECTIFICATION_STATE", { status: r.status });
    const [saved] = await tx
      .update(qaRectifications)
      .set({ status: "submitted", response: input.response, submittedAt: new Date() })
      .where(and(eq(qaRectifications.orgId, ctx.actor.orgId), eq(qaRectifications.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "qa.rectification_submitted",
      entityType: "qa_rectification",
      entityId: id,
      before: { status: r.status },
      after: { status: "submitted", response: input.response },
    });
    await notifyUsers(tx, ctx.actor.orgId, [inspectorId], {
      kind: "qa_rectification_submitted",
      params: { name: ctx.actor.name, path: "/quality?tab=rectifications" },
    });
    return saved;
  });
}

/**
 * The re-check (C112): passed closes it; failed sends the person to re-training, with a new deadline,
 * and the supervisors are told — it stays open until a re-check passes.
 */
export async function checkRectification(ctx: Ctx, id: string, raw: z.input<typeof rectificationCheckInput>) {
  const input = rectificationCheckInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { rectification: r, inspectorId } = await loadRectification(tx, ctx, id);
    if (!mayCheck(ctx, { inspectorId, assigneeId: r.assigneeId }))
      throw new AppError("FORBIDDEN", 403, { capability: "qa.manage" });
    if (r.status !== "submitted") throw conflict("QA_RECTIFICATION_STATE", { status: r.status });
    if (!input.passed && (!input.dueOn || input.dueOn < (await officeToday(tx, ctx.actor.orgId))))
      throw invalid("QA_DUE_IN_PAST");
    const [saved] = await tx
      .update(qaRectifications)
      .set({
        status: input.passed ? "passed" : "retraining",
        checkNote: input.note,
        checkedBy: actorUserId(ctx.actor),
        checkedAt: new Date(),
        failedChecks: input.passed ? r.failedChecks : r.failedChecks + 1,
        dueOn: input.passed ? r.dueOn : input.dueOn!,
      })
      .where(and(eq(qaRectifications.orgId, ctx.actor.orgId), eq(qaRectifications.id, id)))
      .returning();
    await writeAudit(tx, ctx, {
      action: input.passed ? "qa.rectification_passed" : "qa.rectification_failed",
      entityType: "qa_rectification",
      entityId: id,
      before: { status: r.status, dueOn: r.dueOn },
      after: { status: saved.status, note: input.note, dueOn: saved.dueOn },
    });
    await notifyUsers(
      tx,
      ctx.actor.orgId,
      input.passed
        ? [r.assigneeId]
        : [r.assigneeId, ...(await usersWithRole(tx, ctx.actor.orgId, ["supervisor"]))],
      {
        kind: input.passed ? "qa_rectification_passed" : "qa_retraining",
        params: { dueOn: saved.dueOn, path: "/quality?tab=rectifications" },
      },
    );
    return saved;
  });
}
