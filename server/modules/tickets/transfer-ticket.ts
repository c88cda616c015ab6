import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { OPEN_STATUSES } from "../../../common/enums";
import { transferInput } from "../../../common/schemas/tickets";
import { departments } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { invalid, notFound } from "../../lib/errors";
import { presentHandler } from "../identity/absence";
import { findUser } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { announceAssignment, updateTicketFrom } from "./load-ticket";
import { requirePart } from "./policy";
import { addTimelineEntry } from "./timeline";

/**
 * 转派: hands the ticket to another department and/or person with a reason. The first responder
 * stays as they were — the ticket remains in their 我首问的 view and they are kept informed.
 */
export async function transferTicket(ctx: Ctx, ticketId: string, raw: z.input<typeof transferInput>) {
  requireCapability(ctx.actor, "ticket.transfer");
  const parsed = transferInput.safeParse(raw);
  if (!parsed.success) {
    if (!raw.reason?.trim()) throw invalid("REASON_REQUIRED");
    throw parsed.error;
  }
  const input = parsed.data;
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    let departmentId = input.departmentId ?? null;
    let departmentName: string | null = null;
    let assigneeName: string | null = null;
    // Someone away has their deputy take it (C029).
    const target = input.assigneeId ? await presentHandler(tx, orgId, input.assigneeId) : null;
    const assigneeId = target?.userId ?? null;
    if (assigneeId) {
      const assignee = await findUser(tx, orgId, assigneeId);
      if (!assignee || assignee.isDisabled) throw notFound("USER_NOT_FOUND");
      assigneeName = assignee.displayName;
      departmentId ??= assignee.departmentId;
    }
    if (departmentId) {
      const [dept] = await tx
        .select({ name: departments.name })
        .from(departments)
        .where(and(eq(departments.orgId, orgId), eq(departments.id, departmentId)));
      if (!dept) throw notFound("DEPARTMENT_NOT_FOUND");
      departmentName = dept.name;
    }
    const { before, after } = await updateTicketFrom(tx, ctx, ticketId, OPEN_STATUSES, (t) => {
      requirePart(ctx.actor, t, "handle");
      return {
        departmentId,
        assigneeId,
        // Handed to a department queue without a person: it waits there to be accepted.
        status: assigneeId ? t.status : "new",
        transferCount: t.transferCount + 1,
      };
    });
    await addTimelineEntry(tx, ctx, after, {
      kind: "transfer",
      body: input.reason,
      data: {
        toDepartment: departmentName,
        toAssignee: assigneeName,
        deputyOf: target?.awayName ?? null,
        fromAssigneeId: before.assigneeId,
      },
    });
    await writeAudit(tx, ctx, {
      action: "ticket.transferred",
      entityType: "ticket",
      entityId: ticketId,
      before: { departmentId: before.departmentId, assigneeId: before.assigneeId },
      after: { departmentId, assigneeId, reason: input.reason },
    });
    await announceAssignment(tx, ctx, before, after);
    const params = { number: after.number, title: after.title };
    await notifyUsers(tx, orgId, [assigneeId], {
      kind: "assigned",
      params,
      body: input.reason,
      ticketId,
    });
    const firstResponder = after.firstResponderId;
    if (firstResponder && firstResponder !== actorUserId(ctx.actor) && firstResponder !== assigneeId) {
      await notifyUsers(tx, orgId, [firstResponder], {
        kind: "transferred",
        params: { ...params, to: assigneeName ?? departmentName ?? "" },
        ticketId,
      });
    }
    return after;
  });
}
