import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { localIsoDate, startOfLocalDay } from "../../../common/business-time";
import { ACTIVE_WORK_ORDER_STATUSES } from "../../../common/enums";
import { appointmentWarnings, isPastAppointment, rankEngineers } from "../../../common/field-service";
import { appointmentCheckQuery, cancelInput, dispatchInput } from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { customers, servicePoints, tickets, users, workOrderParts, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalid } from "../../lib/errors";
import { officeCalendar } from "../../lib/periods";
import { iso } from "../../lib/present";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { loadTicketBehind, type Ticket } from "../tickets/load-ticket";
import { sendToTicketContact } from "../tickets/reply-to-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { releaseParts } from "./parts";
import { WORK_ORDER_STEPS } from "./policy";
import { presentWorkOrder } from "./queries";
import { overdueToolsByHolder } from "./tools";
import { loadWorkOrder, updateWorkOrderFrom, type WorkOrder } from "./work-orders";

/**
 * The engineers who can be sent, with their service point's region, skills, load (work in hand) and
 * today's appointments (in the organisation's day).
 */
async function engineers(tx: Executor, ctx: Ctx) {
  const ids = await usersWithCapability(tx, ctx.actor.orgId, "workorder.serve");
  if (!ids.length) return [];
  const { timeZone } = await officeCalendar(tx, ctx.actor.orgId);
  const today = localIsoDate(new Date(), timeZone);
  const dayStart = startOfLocalDay(today, timeZone);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const rows = await tx
    .select({
      id: users.id,
      name: users.displayName,
      skills: users.skills,
      servicePointId: users.servicePointId,
      servicePoint: servicePoints.name,
      regions: servicePoints.regions,
    })
    .from(users)
    .leftJoin(
      servicePoints,
      and(eq(servicePoints.orgId, users.orgId), eq(servicePoints.id, users.servicePointId)),
    )
    .where(and(eq(users.orgId, ctx.actor.orgId), inArray(users.id, ids)));
  const active = await tx
    .select({
      engineerId: workOrders.engineerId,
      number: workOrders.number,
      appointmentAt: workOrders.appointmentAt,
    })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.orgId, ctx.actor.orgId),
        inArray(workOrders.engineerId, ids),
        inArray(workOrders.status, [...ACTIVE_WORK_ORDER_STATUSES]),
      ),
    )
    .orderBy(asc(workOrders.appointmentAt));
  const unchecked = await overdueToolsByHolder(tx, ctx.actor.orgId, today);
  return rows.map((r) => {
    const mine = active.filter((a) => a.engineerId === r.id);
    return {
      ...r,
      /** Tools whose check is overdue: the dispatcher is warned before sending him (C079). */
      overdueTools: unchecked.get(r.id) ?? [],
      regions: r.regions ?? [],
      load: mine.length,
      today: mine
        .filter((a) => a.appointmentAt && a.appointmentAt >= dayStart && a.appointmentAt < dayEnd)
        .map((a) => ({ number: a.number, appointmentAt: iso(a.appointmentAt)! })),
    };
  });
}

/** The dispatch board (C067): work orders waiting for an engineer by service point, and the engineers. */
export async function dispatchBoard(ctx: Ctx) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const waiting = await ctx.db
    .select({
      w: workOrders,
      ticketNumber: tickets.number,
      customer: customers.name,
      servicePoint: servicePoints.name,
    })
    .from(workOrders)
    .innerJoin(tickets, and(eq(tickets.orgId, workOrders.orgId), eq(tickets.id, workOrders.ticketId)))
    .leftJoin(customers, and(eq(customers.orgId, workOrders.orgId), eq(customers.id, workOrders.customerId)))
    .leftJoin(
      servicePoints,
      and(eq(servicePoints.orgId, workOrders.orgId), eq(servicePoints.id, workOrders.servicePointId)),
    )
    .where(and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.status, "pending")))
    .orderBy(asc(servicePoints.name), asc(workOrders.createdAt))
    .limit(500);
  const team = await engineers(ctx.db, ctx);
  return {
    waiting: waiting.map((r) => ({
      ...presentWorkOrder(r.w),
      ticketNumber: r.ticketNumber,
      customer: r.customer,
      servicePoint: r.servicePoint,
      suggested: rankEngineers(team, r.w)[0]?.id ?? null,
    })),
    engineers: team,
  };
}

/** Engineers for one work order, best first: same region → skill → least load (C067). */
export async function suggestEngineers(ctx: Ctx, workOrderId: string) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const order = await loadWorkOrder(ctx.db, ctx, workOrderId);
  return rankEngineers(await engineers(ctx.db, ctx), order);
}

/** What the dispatcher should know about a proposed appointment before sending it to the customer. */
export async function checkAppointment(
  ctx: Ctx,
  workOrderId: string,
  raw: z.input<typeof appointmentCheckQuery>,
) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const { at } = appointmentCheckQuery.parse(raw);
  const order = await loadWorkOrder(ctx.db, ctx, workOrderId);
  return {
    past: isPastAppointment(at),
    warnings: appointmentWarnings(at, order.preferredAt, await officeCalendar(ctx.db, ctx.actor.orgId)),
  };
}

/**
 * Sends an engineer (C067). Only a work order still waiting can be assigned: of two dispatchers
 * assigning it at once, one wins and the other is told it was dispatched meanwhile. The customer
 * gets the appointment; the engineer sees it in their list and is notified.
 */
export async function dispatchWorkOrder(ctx: Ctx, workOrderId: string, raw: z.input<typeof dispatchInput>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const input = dispatchInput.parse(raw);
  // The customer would be told of a visit that cannot happen, and the engineer counted late for it.
  if (isPastAppointment(input.appointmentAt)) throw invalid("APPOINTMENT_IN_PAST");
  return ctx.db.transaction(async (tx) => {
    const [engineer] = (await engineers(tx, ctx)).filter((e) => e.id === input.engineerId);
    if (!engineer) throw invalid("ENGINEER_INVALID");
    // A 联络单 still waiting for its approver holds the dispatch (C068).
    if ((await loadWorkOrder(tx, ctx, workOrderId)).approvalStatus === "pending")
      throw conflict("DISPATCH_APPROVAL_PENDING");
    const { before, after } = await updateWorkOrderFrom(tx, ctx, workOrderId, WORK_ORDER_STEPS.dispatch, {
      status: "assigned",
      engineerId: engineer.id,
      appointmentAt: input.appointmentAt,
      dispatchedBy: actorUserId(ctx.actor),
      dispatchedAt: new Date(),
    });
    // Planned parts stay reserved where they are; without any, the job belongs to the engineer's point.
    if (engineer.servicePointId && engineer.servicePointId !== after.servicePointId) {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(workOrderParts)
        .where(and(eq(workOrderParts.orgId, ctx.actor.orgId), eq(workOrderParts.workOrderId, workOrderId)));
      if (n === 0)
        await tx
          .update(workOrders)
          .set({ servicePointId: engineer.servicePointId })
          .where(and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.id, workOrderId)));
    }
    const ticket = await loadTicketBehind(tx, ctx, after.ticketId);
    const when = await sendAppointment(tx, ctx, ticket, after, engineer.name);
    await notifyUsers(tx, ctx.actor.orgId, [engineer.id], {
      kind: "work_order_assigned",
      params: { number: after.number, workOrderId: after.id, when },
      ticketId: ticket.id,
    });
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "work_order_dispatched",
      data: { number: after.number, engineer: engineer.name, appointmentAt: iso(after.appointmentAt) },
      isPublic: true,
    });
    await writeAudit(tx, ctx, {
      action: "work_order.dispatched",
      entityType: "work_order",
      entityId: workOrderId,
      before: { status: before.status, engineerId: before.engineerId },
      after: { status: after.status, engineerId: after.engineerId, appointmentAt: after.appointmentAt },
    });
    return after;
  });
}

/** A time as the organisation's people read it, e.g. 2026年11月24日 14:00. */
export async function localTime(tx: Executor, ctx: Ctx, at: Date) {
  const { timeZone } = await officeCalendar(tx, ctx.actor.orgId);
  return at.toLocaleString("zh-CN", { timeZone, dateStyle: "medium", timeStyle: "short" });
}

/** Tells the customer who comes, when and where (C067); returns the time as written to them. */
export async function sendAppointment(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  order: WorkOrder,
  engineerName: string,
) {
  const when = await localTime(tx, ctx, order.appointmentAt!);
  await sendToTicketContact(tx, ctx, ticket, {
    subject: `[${order.number}] 上门服务预约`,
    body: `您好，${ticket.number} 的上门服务已安排：工程师 ${engineerName} 将于 ${when} 到达 ${order.siteAddress}。如需改约请回复或致电客服。`,
  });
  return when;
}

/** Calls a work order off before the engineer is on site; its reserved parts go back to stock. */
export async function cancelWorkOrder(ctx: Ctx, workOrderId: string, raw: z.input<typeof cancelInput>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const { reason } = cancelInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { before, after } = await updateWorkOrderFrom(tx, ctx, workOrderId, WORK_ORDER_STEPS.cancel, {
      status: "cancelled",
    });
    await releaseParts(tx, ctx, after);
    const ticket = await loadTicketBehind(tx, ctx, after.ticketId);
    await notifyUsers(tx, ctx.actor.orgId, [after.engineerId], {
      kind: "work_order_cancelled",
      params: { number: after.number, workOrderId: after.id },
      body: reason,
      ticketId: ticket.id,
    });
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "work_order_cancelled",
      body: reason,
      data: { number: after.number },
    });
    await writeAudit(tx, ctx, {
      action: "work_order.cancelled",
      entityType: "work_order",
      entityId: workOrderId,
      before: { status: before.status },
      after: { status: after.status, reason },
    });
    return after;
  });
}
