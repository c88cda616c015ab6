import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { arrivalOutcome, isPastAppointment } from "../../../common/field-service";
import { noShowInput } from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { arrivalRecords, users, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalid } from "../../lib/errors";
import { iso } from "../../lib/present";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { loadTicketBehind, type Ticket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { sendAppointment } from "./dispatch";
import { requireAbility, WORK_ORDER_STEPS } from "./policy";
import { loadWorkOrder, updateWorkOrderFrom, type WorkOrder } from "./work-orders";

/**
 * Keeps the engineer's punctuality record of one appointment (C069); late or missed without telling
 * the customer first is a violation the dispatchers hear of.
 */
async function keepArrivalRecord(
  tx: Executor,
  ctx: Ctx,
  order: WorkOrder,
  ticket: Ticket,
  arrivedAt: Date | null,
  note: string | null,
) {
  const result = arrivalOutcome(order.appointmentAt!, arrivedAt, order.delayNotifiedAt);
  await tx.insert(arrivalRecords).values({
    orgId: ctx.actor.orgId,
    workOrderId: order.id,
    engineerId: order.engineerId!,
    appointmentAt: order.appointmentAt!,
    ...result,
    note,
    recordedBy: actorUserId(ctx.actor),
  });
  if (result.violation) {
    const dispatchers = await usersWithCapability(tx, ctx.actor.orgId, "workorder.dispatch");
    const [engineer] = await tx
      .select({ name: users.displayName })
      .from(users)
      .where(and(eq(users.orgId, order.orgId), eq(users.id, order.engineerId!)));
    await notifyUsers(tx, ctx.actor.orgId, dispatchers, {
      kind: result.outcome === "no_show" ? "arrival_missed" : "arrival_late_uninformed",
      params: {
        number: order.number,
        workOrderId: order.id,
        engineer: engineer.name,
        minutes: String(result.lateMinutes),
      },
      ticketId: ticket.id,
    });
  }
  return result;
}

/** At check-in (C069): the appointment kept on time or late, recorded for the engineer. */
export async function recordArrival(tx: Executor, ctx: Ctx, order: WorkOrder, ticket: Ticket) {
  if (order.appointmentAt) await keepArrivalRecord(tx, ctx, order, ticket, order.arrivedAt, null);
}

/**
 * 爽约 (C069): the appointment passed and the engineer never checked in. A dispatcher records it — a
 * violation of the engineer's unless he told the customer beforehand — and the new time agreed with
 * the customer goes to them and to the engineer. Recorded once per appointment: of two dispatchers,
 * one wins; after a check-in it is refused.
 */
export async function recordNoShow(ctx: Ctx, workOrderId: string, raw: z.input<typeof noShowInput>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const input = noShowInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const order = await loadWorkOrder(tx, ctx, workOrderId);
    if (order.appointmentAt && order.appointmentAt >= new Date()) throw conflict("NO_SHOW_TOO_EARLY");
    requireAbility(ctx.actor, order, "recordNoShow");
    if (isPastAppointment(input.appointmentAt)) throw invalid("APPOINTMENT_IN_PAST");
    const { after } = await updateWorkOrderFrom(
      tx,
      ctx,
      workOrderId,
      WORK_ORDER_STEPS.recordNoShow,
      { appointmentAt: input.appointmentAt, delayNotifiedAt: null, delayExpectedAt: null },
      eq(workOrders.appointmentAt, order.appointmentAt!),
    );
    const ticket = await loadTicketBehind(tx, ctx, order.ticketId);
    const result = await keepArrivalRecord(tx, ctx, order, ticket, null, input.note);
    const [engineer] = await tx
      .select({ name: users.displayName })
      .from(users)
      .where(and(eq(users.orgId, order.orgId), eq(users.id, order.engineerId!)));
    const when = await sendAppointment(tx, ctx, ticket, after, engineer.name);
    await notifyUsers(tx, ctx.actor.orgId, [order.engineerId], {
      kind: "work_order_reappointed",
      params: { number: after.number, workOrderId: after.id, when },
      body: input.note,
      ticketId: ticket.id,
    });
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "work_order_no_show",
      body: input.note,
      data: {
        number: after.number,
        engineer: engineer.name,
        missed: iso(order.appointmentAt),
        appointmentAt: iso(after.appointmentAt),
        violation: result.violation,
      },
    });
    await writeAudit(tx, ctx, {
      action: "work_order.no_show",
      entityType: "work_order",
      entityId: workOrderId,
      before: { appointmentAt: order.appointmentAt },
      after: { appointmentAt: after.appointmentAt, violation: result.violation, note: input.note },
    });
    return after;
  });
}
