import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { COMPLAINT_STEP_LABELS } from "../../../common/labels";
import { complaintDetailsInput } from "../../../common/schemas/complaints";
import type { Executor } from "../../db/client";
import { complaints } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalidField } from "../../lib/errors";
import { findUser, managersOf } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { loadTicket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { loadComplaint } from "./workflow";

/**
 * Updates the traceability, dispute and staff-complained-about parts of a complaint record.
 * A dispute names its coordinator, who is told; naming a staff member tells their manager and
 * keeps the complaint out of that person's hands (they may not handle it while it is theirs).
 */
export async function updateComplaintDetails(
  ctx: Ctx,
  complaintId: string,
  raw: z.input<typeof complaintDetailsInput>,
) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = complaintDetailsInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await loadComplaint(tx, ctx, complaintId, true);
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const next = { ...before, ...set };
    if (next.disputed && !next.coordinatorId) throw invalidField("coordinatorId", "required");
    if (next.disputed && !next.contractClause) throw invalidField("contractClause", "required");
    for (const userId of [input.coordinatorId, input.accusedUserId]) {
      if (userId && !(await findUser(tx, ctx.actor.orgId, userId)))
        throw invalidField("coordinatorId", "reference");
    }
    const ticket = await loadTicket(tx, ctx, before.ticketId);
    const accusedNow = input.accusedUserId && input.accusedUserId !== before.accusedUserId;
    if (accusedNow && ticket.assigneeId === input.accusedUserId) throw conflict("COMPLAINT_ACCUSED_HANDLES");
    const [after] = await tx
      .update(complaints)
      .set(set)
      .where(and(eq(complaints.orgId, ctx.actor.orgId), eq(complaints.id, complaintId)))
      .returning();
    if (next.disputed && next.coordinatorId !== before.coordinatorId) {
      await notifyUsers(tx, ctx.actor.orgId, [next.coordinatorId], {
        kind: "dispute_coordinator",
        params: { number: ticket.number, title: ticket.title },
        ticketId: ticket.id,
      });
    }
    if (accusedNow) {
      await notifyUsers(tx, ctx.actor.orgId, await managersOf(tx, ctx.actor.orgId, input.accusedUserId!), {
        kind: "staff_complained",
        params: { number: ticket.number, title: ticket.title },
        ticketId: ticket.id,
      });
    }
    await addTimelineEntry(tx, ctx, ticket, { kind: "complaint_details", body: null, data: set });
    await writeAudit(tx, ctx, {
      action: "complaint.details_updated",
      entityType: "complaint",
      entityId: complaintId,
      before,
      after,
    });
    return after;
  });
}

/** A ticket whose complaint names this user is never handed to them (C063). */
export async function refuseAccusedHandler(
  tx: Executor,
  ticket: { orgId: string; id: string },
  userId: string | null,
) {
  if (!userId) return;
  const [named] = await tx
    .select({ id: complaints.id })
    .from(complaints)
    .where(
      and(
        eq(complaints.orgId, ticket.orgId),
        eq(complaints.ticketId, ticket.id),
        eq(complaints.accusedUserId, userId),
      ),
    );
  if (named) throw conflict("COMPLAINT_ACCUSED_HANDLES");
}

/**
 * A complaint ticket is resolved only once its complaint record is closed — the customer has been
 * told the result after verification (C061); satisfaction then comes with the callback.
 */
export async function refuseWhileComplaintOpen(tx: Executor, ticket: { orgId: string; id: string }) {
  const [open] = await tx
    .select({ step: complaints.currentStep })
    .from(complaints)
    .where(
      and(
        eq(complaints.orgId, ticket.orgId),
        eq(complaints.ticketId, ticket.id),
        eq(complaints.status, "open"),
      ),
    );
  if (open)
    throw conflict("COMPLAINT_STILL_OPEN", { step: open.step ? COMPLAINT_STEP_LABELS[open.step] : "—" });
}
