import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { COMPLAINT_STEP_LABELS } from "../../../common/labels";
import { countersignInput } from "../../../common/schemas/complaints";
import type { Executor } from "../../db/client";
import { complaintCountersigns, complaintSteps, departments } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Actor, actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { AppError, conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { notifyUsers } from "../messaging/notifications";
import { loadTicket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { activateNext, type Complaint, loadComplaint, sendBack } from "./workflow";

/**
 * Sets who countersigns the handling plan (会签, C056), decided with the responsibility: the
 * departments named, and for a 重大 complaint always the responsible department.
 */
export async function planCountersign(tx: Executor, complaint: Complaint, departmentIds: string[]) {
  const wanted = new Set(departmentIds);
  if (complaint.severity === "major" && complaint.responsibleDepartmentId)
    wanted.add(complaint.responsibleDepartmentId);
  const found = wanted.size
    ? await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.orgId, complaint.orgId), inArray(departments.id, [...wanted])))
    : [];
  if (found.length !== wanted.size) throw invalidField("countersignDepartmentIds", "reference");
  await tx
    .delete(complaintCountersigns)
    .where(
      and(
        eq(complaintCountersigns.orgId, complaint.orgId),
        eq(complaintCountersigns.complaintId, complaint.id),
      ),
    );
  if (found.length)
    await tx
      .insert(complaintCountersigns)
      .values(found.map((d) => ({ orgId: complaint.orgId, complaintId: complaint.id, departmentId: d.id })));
}

/**
 * Starts countersigning: every department signs afresh (a plan sent back and redone is a new plan)
 * and its head is told. False when no department is to sign, so the step is skipped.
 */
export async function openCountersign(tx: Executor, complaint: Complaint): Promise<boolean> {
  const rows = await tx
    .update(complaintCountersigns)
    .set({ status: "pending", signedBy: null, comment: null, signedAt: null })
    .where(
      and(
        eq(complaintCountersigns.orgId, complaint.orgId),
        eq(complaintCountersigns.complaintId, complaint.id),
      ),
    )
    .returning();
  if (!rows.length) return false;
  const heads = await tx
    .select({ id: departments.headUserId })
    .from(departments)
    .where(
      and(
        eq(departments.orgId, complaint.orgId),
        inArray(
          departments.id,
          rows.map((r) => r.departmentId),
        ),
      ),
    );
  await notifyUsers(
    tx,
    complaint.orgId,
    heads.map((h) => (h.id === complaint.accusedUserId ? null : h.id)),
    { kind: "countersign_requested", params: { step: "countersign" }, ticketId: complaint.ticketId },
  );
  return true;
}

/** A department's row is signed by its members — never by the staff member complained about. */
export const signsFor = (actor: Actor, departmentId: string, complaint: Pick<Complaint, "accusedUserId">) =>
  actor.type === "user" && actor.userId !== complaint.accusedUserId && actor.departmentId === departmentId;

/**
 * A department signs the plan or refuses it with a reason. A refusal sends the plan back to be
 * redone; the last signature passes it on to the approval authority.
 */
export async function countersign(ctx: Ctx, countersignId: string, raw: z.input<typeof countersignInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = countersignInput.parse(raw);
  if (!input.sign && !input.comment) throw invalid("REASON_REQUIRED");
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: complaintCountersigns, department: departments.name })
      .from(complaintCountersigns)
      .innerJoin(
        departments,
        and(
          eq(departments.orgId, complaintCountersigns.orgId),
          eq(departments.id, complaintCountersigns.departmentId),
        ),
      )
      .where(
        and(eq(complaintCountersigns.orgId, ctx.actor.orgId), eq(complaintCountersigns.id, countersignId)),
      );
    if (!row) throw notFound();
    const complaint = await loadComplaint(tx, ctx, row.c.complaintId, true);
    const [step] = await tx
      .select()
      .from(complaintSteps)
      .where(
        and(
          eq(complaintSteps.orgId, complaint.orgId),
          eq(complaintSteps.complaintId, complaint.id),
          eq(complaintSteps.step, "countersign"),
        ),
      );
    if (step?.status !== "active" || row.c.status !== "pending")
      throw conflict("COMPLAINT_STEP_NOT_ACTIVE", { step: COMPLAINT_STEP_LABELS.countersign });
    if (actorUserId(ctx.actor) === complaint.accusedUserId) throw new AppError("COMPLAINT_ABOUT_YOU", 403);
    if (!signsFor(ctx.actor, row.c.departmentId, complaint))
      throw new AppError("COMPLAINT_NOT_STEP_OWNER", 403, { department: row.department });
    const status = input.sign ? ("signed" as const) : ("refused" as const);
    await tx
      .update(complaintCountersigns)
      .set({ status, signedBy: actorUserId(ctx.actor), comment: input.comment ?? null, signedAt: now })
      .where(
        and(eq(complaintCountersigns.orgId, ctx.actor.orgId), eq(complaintCountersigns.id, countersignId)),
      );
    const ticket = await loadTicket(tx, ctx, complaint.ticketId);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: `countersign_${status}`,
      body: input.comment ?? null,
      data: { department: row.department },
    });
    await writeAudit(tx, ctx, {
      action: `complaint.countersign_${status}`,
      entityType: "complaint",
      entityId: complaint.id,
      after: { department: row.department, comment: input.comment ?? null },
    });
    if (!input.sign) {
      await sendBack(tx, ctx, complaint, step, `${row.department}：${input.comment}`);
      return { status };
    }
    const waiting = await tx
      .select({ id: complaintCountersigns.id })
      .from(complaintCountersigns)
      .where(
        and(
          eq(complaintCountersigns.orgId, complaint.orgId),
          eq(complaintCountersigns.complaintId, complaint.id),
          eq(complaintCountersigns.status, "pending"),
        ),
      );
    if (!waiting.length) {
      const [done] = await tx
        .update(complaintSteps)
        .set({ status: "done", completedBy: actorUserId(ctx.actor), completedAt: now })
        .where(and(eq(complaintSteps.orgId, step.orgId), eq(complaintSteps.id, step.id)))
        .returning();
      await activateNext(tx, complaint, done, now);
    }
    return { status };
  });
}
