import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { decisionInput } from "../../../common/schemas/complaints";
import { approvalActions, approvalRequests, compensations, complaintSteps, roles } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, notFound } from "../../lib/errors";
import { roleKeysOf, usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { loadTicket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { approvalBlocker } from "./approvals";
import { activateNext, loadComplaint, sendBack } from "./workflow";

/**
 * One approver's decision at the current level of the chain (核决权限). The approver must hold the
 * level's role, may not approve their own request and acts once; the conditional update makes a
 * second approver of the same level lose cleanly. The last approval approves the compensation and
 * moves the complaint on; a rejection sends the plan back to the step before approval.
 */
export async function decideApproval(ctx: Ctx, requestId: string, raw: z.input<typeof decisionInput>) {
  requireCapability(ctx.actor, "ticket.view");
  const input = decisionInput.parse(raw);
  // A refusal sends the plan back, and the people who redo it must read why.
  if (input.decision === "reject" && !input.comment) throw invalid("REASON_REQUIRED");
  const actor = ctx.actor;
  if (actor.type !== "user") throw new AppError("FORBIDDEN", 403, { capability: "approval" });
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(approvalRequests)
      .where(and(eq(approvalRequests.orgId, actor.orgId), eq(approvalRequests.id, requestId)))
      .for("update");
    if (!request) throw notFound();
    const complaint = await loadComplaint(tx, ctx, request.complaintId, true);
    const roleKey = request.chain[request.level];
    const acted = await tx
      .select({ id: approvalActions.approverId })
      .from(approvalActions)
      .where(and(eq(approvalActions.orgId, ctx.actor.orgId), eq(approvalActions.requestId, requestId)));
    const blocker = approvalBlocker(
      request,
      complaint,
      actor.userId,
      await roleKeysOf(tx, actor.orgId, actor.userId),
      acted.map((a) => a.id),
    );
    if (blocker === "APPROVAL_NOT_PENDING" || blocker === "APPROVAL_ALREADY_ACTED") throw conflict(blocker);
    if (blocker === "APPROVAL_OWN_REQUEST" || blocker === "COMPLAINT_ABOUT_YOU")
      throw new AppError(blocker, 403);
    if (blocker === "APPROVAL_NOT_YOUR_LEVEL") {
      const [role] = await tx
        .select({ name: roles.name })
        .from(roles)
        .where(and(eq(roles.orgId, actor.orgId), eq(roles.key, roleKey)));
      throw new AppError(blocker, 403, { role: role?.name ?? roleKey });
    }
    await tx.insert(approvalActions).values({
      orgId: actor.orgId,
      requestId,
      level: request.level,
      roleKey,
      approverId: actor.userId,
      decision: input.decision,
      comment: input.comment ?? null,
    });
    const ticket = await loadTicket(tx, ctx, complaint.ticketId);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: input.decision === "approve" ? "approval_approved" : "approval_rejected",
      body: input.comment ?? null,
      data: {
        level: request.level + 1,
        of: request.chain.length,
        role: roleKey,
        amountFen: request.amountFen,
      },
    });
    await writeAudit(tx, ctx, {
      action: `approval.${input.decision}`,
      entityType: "complaint",
      entityId: complaint.id,
      after: { requestId, level: request.level, role: roleKey, comment: input.comment ?? null },
    });
    const [step] = await tx
      .select()
      .from(complaintSteps)
      .where(
        and(
          eq(complaintSteps.orgId, complaint.orgId),
          eq(complaintSteps.complaintId, complaint.id),
          eq(complaintSteps.step, "approval"),
        ),
      );
    if (input.decision === "reject") {
      await tx
        .update(approvalRequests)
        .set({ status: "rejected", decidedAt: now })
        .where(and(eq(approvalRequests.orgId, ctx.actor.orgId), eq(approvalRequests.id, requestId)));
      await sendBack(tx, ctx, complaint, step, input.comment!);
      return { status: "rejected" as const };
    }
    const level = request.level + 1;
    if (level < request.chain.length) {
      await tx
        .update(approvalRequests)
        .set({ level })
        .where(and(eq(approvalRequests.orgId, ctx.actor.orgId), eq(approvalRequests.id, requestId)));
      await notifyUsers(tx, actor.orgId, await usersWithRole(tx, actor.orgId, [request.chain[level]]), {
        kind: "approval_requested",
        params: { step: "approval" },
        ticketId: complaint.ticketId,
      });
      return { status: "pending" as const, level };
    }
    await tx
      .update(approvalRequests)
      .set({ level, status: "approved", decidedAt: now })
      .where(and(eq(approvalRequests.orgId, ctx.actor.orgId), eq(approvalRequests.id, requestId)));
    await tx
      .update(compensations)
      .set({ status: "approved" })
      .where(
        and(
          eq(compensations.orgId, complaint.orgId),
          eq(compensations.complaintId, complaint.id),
          eq(compensations.status, "proposed"),
        ),
      );
    const [done] = await tx
      .update(complaintSteps)
      .set({ status: "done", completedBy: actor.userId, completedAt: now })
      .where(and(eq(complaintSteps.orgId, step.orgId), eq(complaintSteps.id, step.id)))
      .returning();
    await activateNext(tx, complaint, done, now);
    return { status: "approved" as const };
  });
}
