import { and, asc, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { z } from "zod";
import { localIsoDate } from "../../../common/business-time";
import { reportQueueQuery, reviewInput, technicalOutcomeInput } from "../../../common/schemas/field-service";
import { customers, users, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { invalid } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { officeCalendar } from "../../lib/periods";
import { notifyUsers } from "../messaging/notifications";
import { loadTicketBehind } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { presentWorkOrder } from "./queries";
import { updateWorkOrderFrom } from "./work-orders";

/**
 * A supervisor reviews a submitted 售后服务记录 (C073): approved, it is archived; sent back with
 * comments, the engineer corrects and submits it again. Of two reviewers at once one decides.
 */
export async function reviewServiceReport(ctx: Ctx, workOrderId: string, raw: z.input<typeof reviewInput>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const input = reviewInput.parse(raw);
  if (!input.approve && !input.comment) throw invalid("REASON_REQUIRED");
  return ctx.db.transaction(async (tx) => {
    const { before, after } = await updateWorkOrderFrom(
      tx,
      ctx,
      workOrderId,
      ["completed"],
      {
        reportStatus: input.approve ? "approved" : "returned",
        reportReviewedBy: actorUserId(ctx.actor),
        reportReviewedAt: new Date(),
        reportComment: input.comment || null,
      },
      eq(workOrders.reportStatus, "submitted"),
    );
    const ticket = await loadTicketBehind(tx, ctx, after.ticketId);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: input.approve ? "work_order_report_approved" : "work_order_report_returned",
      body: input.comment || null,
      data: { number: after.number },
    });
    if (!input.approve)
      await notifyUsers(tx, ctx.actor.orgId, [after.engineerId], {
        kind: "service_report_returned",
        params: { number: after.number, workOrderId: after.id },
        body: input.comment!,
        ticketId: ticket.id,
      });
    await writeAudit(tx, ctx, {
      action: `work_order.report_${input.approve ? "approved" : "returned"}`,
      entityType: "work_order",
      entityId: workOrderId,
      before,
      after,
    });
    return after;
  });
}

/**
 * The supervisors' queues of service reports (C073): waiting for review, overdue (back more than
 * 5 days and still not handed in), sent back, archived.
 */
export async function serviceReportQueue(ctx: Ctx, raw: z.input<typeof reportQueueQuery>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const q = reportQueueQuery.parse(raw);
  const today = localIsoDate(new Date(), (await officeCalendar(ctx.db, ctx.actor.orgId)).timeZone);
  const where = and(
    eq(workOrders.orgId, ctx.actor.orgId),
    q.queue === "overdue"
      ? and(
          lt(workOrders.reportDueOn, today),
          or(isNull(workOrders.reportStatus), eq(workOrders.reportStatus, "returned")),
        )
      : eq(workOrders.reportStatus, q.queue),
  );
  const rows = await ctx.db
    .select({ w: workOrders, customer: customers.name, engineer: users.displayName })
    .from(workOrders)
    .leftJoin(customers, and(eq(customers.orgId, workOrders.orgId), eq(customers.id, workOrders.customerId)))
    .leftJoin(users, and(eq(users.orgId, workOrders.orgId), eq(users.id, workOrders.engineerId)))
    .where(where)
    .orderBy(
      q.queue === "approved" ? desc(workOrders.reportReviewedAt) : asc(workOrders.reportDueOn),
      asc(workOrders.number),
    )
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((r) => ({ ...presentWorkOrder(r.w), customer: r.customer, engineer: r.engineer })),
    await countRows(ctx.db, workOrders, where),
  );
}

/** The weekly technical meeting's conclusion on a technical problem an engineer flagged (C074). */
export async function recordTechnicalOutcome(
  ctx: Ctx,
  workOrderId: string,
  raw: z.input<typeof technicalOutcomeInput>,
) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const input = technicalOutcomeInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { before, after } = await updateWorkOrderFrom(tx, ctx, workOrderId, ["completed"], {
      technicalOutcome: input.outcome,
    });
    await writeAudit(tx, ctx, {
      action: "work_order.technical_outcome",
      entityType: "work_order",
      entityId: workOrderId,
      before: { technicalOutcome: before.technicalOutcome },
      after: { technicalOutcome: after.technicalOutcome },
    });
    return after;
  });
}
