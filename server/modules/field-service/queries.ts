import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { ACTIVE_WORK_ORDER_STATUSES, WORK_ORDER_STAGES, type WorkOrderStage } from "../../../common/enums";
import { maskPhone } from "../../../common/mask";
import { myWorkOrdersQuery } from "../../../common/schemas/field-service";
import {
  arrivalRecords,
  attachments,
  callbackTasks,
  contacts,
  customers,
  servicePoints,
  tickets,
  users,
  workOrders,
} from "../../db/schema";
import { type Ctx, requireCapability } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { revealReporter } from "../customers/contacts-and-purchases";
import { userNames } from "../identity/directory";
import { loadTicket, loadTicketBehind } from "../tickets/load-ticket";
import { mayApprove } from "./approval";
import { partsOf } from "./parts";
import { workOrderAbilities } from "./policy";
import { workOrderRepairReturns } from "./repair-returns";
import { loadWorkOrder, type WorkOrder } from "./work-orders";

/** A work order as the API shows it: timestamps as ISO strings. */
export const presentWorkOrder = (w: WorkOrder) => ({
  ...w,
  preferredAt: iso(w.preferredAt),
  dispatchedAt: iso(w.dispatchedAt),
  appointmentAt: iso(w.appointmentAt),
  arriveBy: iso(w.arriveBy),
  completeBy: iso(w.completeBy),
  acceptedAt: iso(w.acceptedAt),
  departedAt: iso(w.departedAt),
  arrivedAt: iso(w.arrivedAt),
  delayNotifiedAt: iso(w.delayNotifiedAt),
  delayExpectedAt: iso(w.delayExpectedAt),
  returnedAt: iso(w.returnedAt),
  signedAt: iso(w.signedAt),
  completedAt: iso(w.completedAt),
  settledAt: iso(w.settledAt),
  approvedAt: iso(w.approvedAt),
  reportSubmittedAt: iso(w.reportSubmittedAt),
  reportReviewedAt: iso(w.reportReviewedAt),
  createdAt: iso(w.createdAt),
  updatedAt: iso(w.updatedAt),
});

/**
 * Where the work order stands on its way (C066): each stage with when it was reached and by whom
 * (the customer's signer for the confirmation); settlement is skipped for free work.
 */
async function progressOf(ctx: Ctx, order: WorkOrder) {
  const [callback] = await ctx.db
    .select({ doneAt: callbackTasks.doneAt, doneBy: callbackTasks.doneBy })
    .from(callbackTasks)
    .where(
      and(
        eq(callbackTasks.orgId, order.orgId),
        eq(callbackTasks.workOrderId, order.id),
        eq(callbackTasks.status, "done"),
      ),
    );
  const archived = order.reportStatus === "approved";
  const reached: Record<WorkOrderStage, [Date | null, string | null]> = {
    received: [order.createdAt, order.createdBy],
    dispatched: [order.dispatchedAt, order.dispatchedBy],
    accepted: [order.acceptedAt, order.engineerId],
    arrived: [order.arrivedAt, order.engineerId],
    confirmed: [order.signedAt, null],
    completed: [order.completedAt, order.engineerId],
    settled: [order.settledAt, order.settledBy],
    evaluated: [callback?.doneAt ?? null, callback?.doneBy ?? null],
    archived: [archived ? order.reportReviewedAt : null, archived ? order.reportReviewedBy : null],
  };
  const ids = Object.values(reached).flatMap(([at, by]) => (at && by ? [by] : []));
  const names = await userNames(ctx.db, order.orgId, ids);
  return WORK_ORDER_STAGES.map((stage) => {
    const [at, by] = reached[stage];
    return {
      stage,
      at: iso(at),
      by: stage === "confirmed" ? (at ? order.signerName : null) : at && by ? (names.get(by) ?? null) : null,
      skipped: stage === "settled" && order.completedAt !== null && order.settlementStatus === "none",
    };
  });
}

/**
 * A work order with what its page and service report show: ticket, customer, contact (phone
 * masked), engineer, service point, parts, and what the viewer may do.
 */
export async function getWorkOrder(ctx: Ctx, id: string) {
  const order = await loadWorkOrder(ctx.db, ctx, id);
  const dispatcher = alias(users, "dispatcher");
  const [row] = await ctx.db
    .select({
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      customer: customers.name,
      contactName: contacts.name,
      contactMobile: sql<string | null>`coalesce(${contacts.mobile}, ${contacts.phone})`,
      servicePoint: servicePoints.name,
      engineer: users.displayName,
      dispatcher: dispatcher.displayName,
    })
    .from(workOrders)
    .innerJoin(tickets, and(eq(tickets.orgId, workOrders.orgId), eq(tickets.id, workOrders.ticketId)))
    .leftJoin(customers, and(eq(customers.orgId, tickets.orgId), eq(customers.id, tickets.customerId)))
    .leftJoin(contacts, and(eq(contacts.orgId, tickets.orgId), eq(contacts.id, tickets.contactId)))
    .leftJoin(
      servicePoints,
      and(eq(servicePoints.orgId, workOrders.orgId), eq(servicePoints.id, workOrders.servicePointId)),
    )
    .leftJoin(users, and(eq(users.orgId, workOrders.orgId), eq(users.id, workOrders.engineerId)))
    .leftJoin(
      dispatcher,
      and(eq(dispatcher.orgId, workOrders.orgId), eq(dispatcher.id, workOrders.dispatchedBy)),
    )
    .where(and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.id, id)));
  const { contactMobile, ...rest } = row;
  return {
    ...presentWorkOrder(order),
    ...rest,
    contactPhone: maskPhone(contactMobile),
    parts: await partsOf(ctx.db, ctx.actor.orgId, id),
    photos: await ctx.db
      .select({ id: attachments.id, fileName: attachments.fileName })
      .from(attachments)
      .where(
        and(
          eq(attachments.orgId, ctx.actor.orgId),
          eq(attachments.workOrderId, id),
          order.signatureAttachmentId ? ne(attachments.id, order.signatureAttachmentId) : undefined,
        ),
      )
      .orderBy(asc(attachments.createdAt)),
    repairReturns: await workOrderRepairReturns(ctx.db, ctx, id),
    arrivals: (
      await ctx.db
        .select({
          id: arrivalRecords.id,
          engineer: users.displayName,
          appointmentAt: arrivalRecords.appointmentAt,
          outcome: arrivalRecords.outcome,
          lateMinutes: arrivalRecords.lateMinutes,
          customerInformed: arrivalRecords.customerInformed,
          violation: arrivalRecords.violation,
          note: arrivalRecords.note,
        })
        .from(arrivalRecords)
        .innerJoin(users, and(eq(users.orgId, arrivalRecords.orgId), eq(users.id, arrivalRecords.engineerId)))
        .where(and(eq(arrivalRecords.orgId, ctx.actor.orgId), eq(arrivalRecords.workOrderId, id)))
        .orderBy(asc(arrivalRecords.recordedAt))
    ).map((a) => ({ ...a, appointmentAt: iso(a.appointmentAt)! })),
    progress: await progressOf(ctx, order),
    abilities: { ...workOrderAbilities(ctx.actor, order), approve: await mayApprove(ctx.db, ctx, order) },
  };
}

/**
 * The contact's full phone for the engineer sent there (they must call ahead) or whoever may see
 * personal data — each viewing audited.
 */
export async function revealWorkOrderContact(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const order = await loadWorkOrder(tx, ctx, id);
    if (!workOrderAbilities(ctx.actor, order).revealContact)
      throw new AppError("FORBIDDEN", 403, { capability: "customer.pii.view" });
    const ticket = await loadTicketBehind(tx, ctx, order.ticketId);
    return revealReporter(tx, ctx, ticket, { entityType: "work_order", entityId: id });
  });
}

/** A ticket's work orders for its page, oldest first (the ticket's visibility decides). */
export async function ticketWorkOrders(ctx: Ctx, ticketId: string) {
  requireCapability(ctx.actor, "ticket.view");
  await loadTicket(ctx.db, ctx, ticketId);
  const rows = await ctx.db
    .select({ w: workOrders, engineer: users.displayName })
    .from(workOrders)
    .leftJoin(users, and(eq(users.orgId, workOrders.orgId), eq(users.id, workOrders.engineerId)))
    .where(and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.ticketId, ticketId)))
    .orderBy(asc(workOrders.createdAt));
  return rows.map((r) => ({ ...presentWorkOrder(r.w), engineer: r.engineer }));
}

/** The engineer's own work orders (我的派工单). */
export async function myWorkOrders(ctx: Ctx, raw: z.input<typeof myWorkOrdersQuery>) {
  requireCapability(ctx.actor, "workorder.serve");
  const q = myWorkOrdersQuery.parse(raw);
  if (ctx.actor.type !== "user") return pageOf(q, [], 0);
  const where = and(
    eq(workOrders.orgId, ctx.actor.orgId),
    eq(workOrders.engineerId, ctx.actor.userId),
    q.state === "open"
      ? inArray(workOrders.status, [...ACTIVE_WORK_ORDER_STATUSES])
      : eq(workOrders.status, "completed"),
  );
  const rows = await ctx.db
    .select({ w: workOrders, customer: customers.name })
    .from(workOrders)
    .leftJoin(customers, and(eq(customers.orgId, workOrders.orgId), eq(customers.id, workOrders.customerId)))
    .where(where)
    .orderBy(q.state === "open" ? asc(workOrders.appointmentAt) : desc(workOrders.completedAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((r) => ({ ...presentWorkOrder(r.w), customer: r.customer })),
    await countRows(ctx.db, workOrders, where),
  );
}
