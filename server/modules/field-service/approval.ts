import { and, asc, desc, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { WorkOrderKind } from "../../../common/enums";
import { approvalDecisionInput, approvalRuleInput } from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { dispatchApprovalRules, roles, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { AppError, invalid, invalidField, notFound } from "../../lib/errors";
import { roleKeysOf, usersWithCapability, usersWithRole } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { loadTicketBehind } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { releaseParts } from "./parts";
import { updateWorkOrderFrom, type WorkOrder } from "./work-orders";

/** The 联络单 rules (C068), for the settings page and the dispatchers. */
export async function listApprovalRules(ctx: Ctx) {
  requireCapability(ctx.actor, "ticket.view");
  return ctx.db
    .select()
    .from(dispatchApprovalRules)
    .where(eq(dispatchApprovalRules.orgId, ctx.actor.orgId))
    .orderBy(asc(dispatchApprovalRules.createdAt));
}

/** Adds a rule: the approver must be one of the organisation's roles. */
export async function addApprovalRule(ctx: Ctx, raw: z.input<typeof approvalRuleInput>) {
  requireCapability(ctx.actor, "settings.manage");
  const input = approvalRuleInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [role] = await tx
      .select({ key: roles.key })
      .from(roles)
      .where(and(eq(roles.orgId, ctx.actor.orgId), eq(roles.key, input.approverRole)));
    if (!role) throw invalidField("approverRole", "choice");
    const [rule] = await tx
      .insert(dispatchApprovalRules)
      .values({
        orgId: ctx.actor.orgId,
        kind: input.kind ?? null,
        minEstimateFen: input.minEstimateFen ?? null,
        approverRole: input.approverRole,
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: "dispatch_approval_rule.created",
      entityType: "dispatch_approval_rule",
      entityId: rule.id,
      after: rule,
    });
    return rule;
  });
}

export async function deleteApprovalRule(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "settings.manage");
  return ctx.db.transaction(async (tx) => {
    const [rule] = await tx
      .delete(dispatchApprovalRules)
      .where(and(eq(dispatchApprovalRules.orgId, ctx.actor.orgId), eq(dispatchApprovalRules.id, id)))
      .returning();
    if (!rule) throw notFound();
    await writeAudit(tx, ctx, {
      action: "dispatch_approval_rule.deleted",
      entityType: "dispatch_approval_rule",
      entityId: id,
      before: rule,
    });
  });
}

/** The rule a new work order falls under, if any: of several, the one with the highest threshold. */
export async function approvalRuleFor(tx: Executor, orgId: string, kind: WorkOrderKind, estimateFen: number) {
  const [rule] = await tx
    .select()
    .from(dispatchApprovalRules)
    .where(
      and(
        eq(dispatchApprovalRules.orgId, orgId),
        or(isNull(dispatchApprovalRules.kind), eq(dispatchApprovalRules.kind, kind)),
        or(
          isNull(dispatchApprovalRules.minEstimateFen),
          gte(sql`${estimateFen}`, dispatchApprovalRules.minEstimateFen),
        ),
      ),
    )
    .orderBy(desc(dispatchApprovalRules.minEstimateFen))
    .limit(1);
  return rule ?? null;
}

/** Asks the approvers of the rule for their decision on a new work order's 联络单. */
export async function requestApproval(tx: Executor, order: WorkOrder, approverRole: string) {
  await notifyUsers(tx, order.orgId, await usersWithRole(tx, order.orgId, [approverRole]), {
    kind: "dispatch_approval_requested",
    params: { number: order.number, workOrderId: order.id },
    ticketId: order.ticketId,
  });
}

/** Whether the actor holds the role a work order's 联络单 waits for. */
export async function mayApprove(tx: Executor, ctx: Ctx, order: WorkOrder) {
  if (order.approvalStatus !== "pending" || ctx.actor.type !== "user") return false;
  return (await roleKeysOf(tx, ctx.actor.orgId, ctx.actor.userId)).includes(order.approverRole!);
}

/**
 * The approver decides on the 联络单 (C068): approved, the work order can be dispatched; refused, it
 * is cancelled (its reserved parts go back) and the dispatchers are told why.
 */
export async function decideApproval(
  ctx: Ctx,
  workOrderId: string,
  raw: z.input<typeof approvalDecisionInput>,
) {
  const input = approvalDecisionInput.parse(raw);
  if (!input.approve && !input.note) throw invalid("REASON_REQUIRED");
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.id, workOrderId)));
    if (!current) throw notFound("WORK_ORDER_NOT_FOUND");
    if (!(await mayApprove(tx, ctx, current)))
      throw new AppError("FORBIDDEN", 403, { capability: "approval" });
    const { before, after } = await updateWorkOrderFrom(
      tx,
      ctx,
      workOrderId,
      ["pending"],
      {
        approvalStatus: input.approve ? "approved" : "rejected",
        approvedBy: actorUserId(ctx.actor),
        approvedAt: new Date(),
        approvalNote: input.note || null,
        ...(input.approve ? {} : { status: "cancelled" as const }),
      },
      eq(workOrders.approvalStatus, "pending"),
    );
    if (!input.approve) await releaseParts(tx, ctx, after);
    const ticket = await loadTicketBehind(tx, ctx, after.ticketId);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: input.approve ? "work_order_approved" : "work_order_rejected",
      body: input.note || null,
      data: { number: after.number },
    });
    await notifyUsers(
      tx,
      ctx.actor.orgId,
      await usersWithCapability(tx, ctx.actor.orgId, "workorder.dispatch"),
      {
        kind: input.approve ? "dispatch_approved" : "dispatch_rejected",
        params: { number: after.number, workOrderId: after.id },
        body: input.note ?? undefined,
        ticketId: ticket.id,
      },
    );
    await writeAudit(tx, ctx, {
      action: `work_order.${input.approve ? "approved" : "rejected"}`,
      entityType: "work_order",
      entityId: workOrderId,
      before,
      after,
    });
    return after;
  });
}
