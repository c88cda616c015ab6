import { and, desc, eq, inArray, ne, notInArray, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { WorkOrderStatus } from "../../../common/enums";
import { pointForRegion, warrantyOn } from "../../../common/field-service";
import { WORK_ORDER_STATUS_LABELS } from "../../../common/labels";
import type { workOrderInput } from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { customers, purchases, servicePoints, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can } from "../../lib/context";
import { conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { officeToday } from "../../lib/periods";
import { agreementOn } from "../agreements/agreements";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";
import { liveClockDueAt } from "../sla/clocks";
import type { Ticket } from "../tickets/load-ticket";
import { loadTicket } from "../tickets/load-ticket";
import { nextNumber } from "../tickets/numbering";
import { addTimelineEntry } from "../tickets/timeline";
import { approvalRuleFor, mayApprove, requestApproval } from "./approval";
import { kindSettingsOf } from "./kind-settings";
import { isEngineerOf } from "./policy";

export type WorkOrder = typeof workOrders.$inferSelect;
const PREFIX = "PG";

/** What the work order needs of the installed base and the service points, decided in one place. */
async function plan(tx: Executor, ticket: Ticket, input: z.output<typeof workOrderInput>) {
  const [purchase] = input.purchaseId
    ? await tx
        .select()
        .from(purchases)
        .where(and(eq(purchases.orgId, ticket.orgId), eq(purchases.id, input.purchaseId)))
    : [];
  if (input.purchaseId && (!purchase || purchase.customerId !== ticket.customerId))
    throw invalidField("purchaseId", "reference");
  const product = input.product || purchase?.product;
  if (!product) throw invalidField("product", "required");
  const today = await officeToday(tx, ticket.orgId);
  // The customer's service agreement may set its own warranty term (C082).
  const agreement = await agreementOn(tx, ticket.orgId, ticket.customerId, today);
  const warranty = warrantyOn(purchase ?? null, today, agreement?.warrantyMonths ?? undefined);
  const chargeable = input.chargeable ?? !warranty.inWarranty;
  // Free in warranty, charged out of it (C083); the other way round only with a reason.
  if (chargeable === warranty.inWarranty && !input.chargeableReason)
    throw invalid("WARRANTY_OVERRIDE_REASON");
  const [customer] = ticket.customerId
    ? await tx
        .select({ region: customers.region })
        .from(customers)
        .where(and(eq(customers.orgId, ticket.orgId), eq(customers.id, ticket.customerId)))
    : [];
  const region = input.region || customer?.region || null;
  const points = await tx.select().from(servicePoints).where(eq(servicePoints.orgId, ticket.orgId));
  const { point, outOfRegion } = pointForRegion(points, region);
  // The kind's checklist and targets (C081); the agreement's arrival promise comes first (C082).
  const settings = await kindSettingsOf(tx, ticket.orgId, input.kind);
  const hoursLater = (hours: number | null) => (hours ? new Date(Date.now() + hours * 3_600_000) : null);
  return {
    checklist: settings.checklist.map((c) => ({ ...c, doneAt: null })),
    // One job, one on-site deadline: the ticket's own (its time limits on their calendar, with the
    // agreement's promise, C040 C082); only a ticket whose limits set none takes the kind's hours.
    arriveBy:
      (await liveClockDueAt(tx, ticket, "on_site")) ??
      hoursLater(agreement?.arrivalHours ?? settings.arrivalHours),
    completeBy: hoursLater(settings.completionHours),
    purchaseId: purchase?.id ?? null,
    product,
    model: input.model || purchase?.model || null,
    serialNo: input.serialNo || purchase?.serialNo || null,
    warrantyEndsOn: warranty.endsOn,
    inWarranty: warranty.inWarranty,
    chargeable,
    chargeableReason: chargeable === warranty.inWarranty ? input.chargeableReason! : null,
    region,
    servicePointId: point?.id ?? null,
    outOfRegion,
  };
}

/**
 * Writes a work order for the ticket, waiting for dispatch at the service point covering the site.
 * Outside every local region the headquarters takes it and the dispatchers' managers are told.
 */
export async function insertWorkOrder(
  tx: Executor,
  ctx: Ctx,
  ticket: Ticket,
  input: z.output<typeof workOrderInput>,
  previousWorkOrderId: string | null = null,
) {
  const now = new Date();
  const planned = await plan(tx, ticket, input);
  const rule = await approvalRuleFor(tx, ticket.orgId, input.kind, input.estimateFen);
  const [order] = await tx
    .insert(workOrders)
    .values({
      orgId: ticket.orgId,
      number: await nextNumber(tx, ticket.orgId, PREFIX, now),
      ticketId: ticket.id,
      customerId: ticket.customerId,
      kind: input.kind,
      fault: input.fault,
      siteAddress: input.siteAddress,
      preferredAt: input.preferredAt ?? null,
      estimateFen: input.estimateFen,
      approvalStatus: rule ? "pending" : null,
      approverRole: rule?.approverRole ?? null,
      ...planned,
      previousWorkOrderId,
      createdBy: actorUserId(ctx.actor),
    })
    .returning();
  await addTimelineEntry(tx, ctx, ticket, {
    kind: "work_order_created",
    body: input.fault,
    data: {
      number: order.number,
      workOrderId: order.id,
      inWarranty: order.inWarranty,
      chargeable: order.chargeable,
      repeat: Boolean(previousWorkOrderId),
    },
  });
  await writeAudit(tx, ctx, {
    action: "work_order.created",
    entityType: "work_order",
    entityId: order.id,
    after: order,
  });
  if (rule) await requestApproval(tx, order, rule.approverRole);
  const dispatchers = await usersWithCapability(tx, ticket.orgId, "workorder.dispatch");
  await notifyUsers(tx, ticket.orgId, dispatchers, {
    kind: order.outOfRegion ? "work_order_out_of_region" : "work_order_to_dispatch",
    params: { number: order.number, workOrderId: order.id, region: order.region ?? "" },
    ticketId: ticket.id,
  });
  return order;
}

const REPEAT_VISIT_CHARGE_REASON = "重复上门（C077），按所重复的上门收费";

/**
 * The customer is not satisfied with the work done (C077): the last visit is repeated — a new work
 * order for the same unit and site, waiting for dispatch, counted as a repeat visit.
 */
export async function repeatVisit(tx: Executor, ctx: Ctx, ticket: Ticket) {
  const [last] = await tx
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.orgId, ticket.orgId),
        eq(workOrders.ticketId, ticket.id),
        ne(workOrders.status, "cancelled"),
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(1);
  if (last?.status !== "completed") return null;
  return insertWorkOrder(
    tx,
    ctx,
    ticket,
    {
      kind: last.kind,
      purchaseId: last.purchaseId,
      product: last.product,
      model: last.model,
      serialNo: last.serialNo,
      fault: last.fault,
      siteAddress: last.siteAddress,
      region: last.region,
      // The same job done again: charged as the visit it repeats, even if the warranty has ended since.
      chargeable: last.chargeable,
      chargeableReason: last.chargeableReason ?? REPEAT_VISIT_CHARGE_REASON,
      estimateFen: last.estimateFen,
    },
    last.id,
  );
}

/**
 * Who may see a work order: the dispatchers (their board is the organisation's), its engineer, the
 * approver its 联络单 waits for, and whoever may see its ticket.
 */
export async function loadWorkOrder(tx: Executor, ctx: Ctx, id: string): Promise<WorkOrder> {
  const [order] = await tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.id, id)));
  if (!order) throw notFound("WORK_ORDER_NOT_FOUND");
  if (
    !isEngineerOf(ctx.actor, order) &&
    !can(ctx.actor, "workorder.dispatch") &&
    !(await mayApprove(tx, ctx, order))
  ) {
    await loadTicket(tx, ctx, order.ticketId).catch(() => {
      throw notFound("WORK_ORDER_NOT_FOUND");
    });
  }
  return order;
}

/**
 * The one way a work order changes: a conditional update from the expected states. Of two people
 * acting at once (two dispatchers assigning it) one wins; the other learns what it is now.
 */
export async function updateWorkOrderFrom(
  tx: Executor,
  ctx: Ctx,
  id: string,
  from: readonly WorkOrderStatus[],
  changes: Partial<WorkOrder>,
  where?: SQL,
): Promise<{ before: WorkOrder; after: WorkOrder }> {
  const before = await loadWorkOrder(tx, ctx, id);
  const [after] = await tx
    .update(workOrders)
    .set({ ...changes, updatedAt: new Date() })
    .where(
      and(
        eq(workOrders.orgId, before.orgId),
        eq(workOrders.id, id),
        inArray(workOrders.status, [...from]),
        where,
      ),
    )
    .returning();
  if (!after) {
    const [now] = await tx
      .select({ status: workOrders.status })
      .from(workOrders)
      .where(and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.id, id)));
    throw conflict("WORK_ORDER_CONFLICT", { status: WORK_ORDER_STATUS_LABELS[now.status] });
  }
  return { before, after };
}

/** Work orders of the ticket still to be done (not completed or cancelled), other than `except`. */
export async function openWorkOrdersOf(tx: Executor, orgId: string, ticketId: string, except: string) {
  return tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.orgId, orgId),
        eq(workOrders.ticketId, ticketId),
        ne(workOrders.id, except),
        notInArray(workOrders.status, ["completed", "cancelled"]),
      ),
    );
}
