import { and, eq } from "drizzle-orm";
import { OPEN_STATUSES } from "../../../common/enums";
import type { Executor } from "../../db/client";
import { departments } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { Ctx, SystemActor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { presentHandler } from "../identity/absence";
import { findUser } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { announceAssignment, type Ticket, updateTicketFrom } from "./load-ticket";
import { addTimelineEntry } from "./timeline";

/**
 * Puts an open ticket into a department's queue, to one of its members or to nobody there yet (C021
 * routing; the system acting by a rule). Unlike a transfer (转派) it is not counted against first-contact
 * resolution and needs no reason: the rule is the reason, on the timeline beside it.
 */
export async function routeTicket(
  tx: Executor,
  ctx: Ctx & { actor: SystemActor },
  ticketId: string,
  to: { departmentId: string; assigneeId: string | null },
): Promise<Ticket> {
  const orgId = ctx.actor.orgId;
  const [department] = await tx
    .select({ name: departments.name })
    .from(departments)
    .where(and(eq(departments.orgId, orgId), eq(departments.id, to.departmentId)));
  if (!department) throw notFound("DEPARTMENT_NOT_FOUND");
  // Someone away has their deputy take it (C029).
  const target = to.assigneeId ? await presentHandler(tx, orgId, to.assigneeId) : null;
  const assignee = target ? await findUser(tx, orgId, target.userId) : null;
  if (target && (!assignee || assignee.isDisabled)) throw notFound("USER_NOT_FOUND");
  const { before, after } = await updateTicketFrom(tx, ctx, ticketId, OPEN_STATUSES, {
    departmentId: to.departmentId,
    assigneeId: assignee?.id ?? null,
  });
  await addTimelineEntry(tx, ctx, after, {
    kind: "routed",
    data: {
      toDepartment: department.name,
      toAssignee: assignee?.displayName ?? null,
      deputyOf: target?.awayName ?? null,
    },
  });
  await writeAudit(tx, ctx, {
    action: "ticket.routed",
    entityType: "ticket",
    entityId: ticketId,
    before: { departmentId: before.departmentId, assigneeId: before.assigneeId },
    after: { departmentId: after.departmentId, assigneeId: after.assigneeId },
  });
  await announceAssignment(tx, ctx, before, after);
  if (after.assigneeId && after.assigneeId !== before.assigneeId)
    await notifyUsers(tx, orgId, [after.assigneeId], {
      kind: "assigned",
      params: { number: after.number, title: after.title },
      ticketId,
    });
  return after;
}
