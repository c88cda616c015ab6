import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { settlementTotal } from "../../../common/field-service";
import { confirmSettlementInput, settlementListQuery } from "../../../common/schemas/field-service";
import { customers, tickets, users, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { conflict } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { loadTicketBehind } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { presentWorkOrder } from "./queries";
import { loadWorkOrder } from "./work-orders";

/** 结算 (C076): chargeable work orders with labour, parts and travel, for finance to confirm. */
export async function listSettlements(ctx: Ctx, raw: z.input<typeof settlementListQuery>) {
  if (!can(ctx.actor, "finance.confirm")) requireCapability(ctx.actor, "workorder.dispatch");
  const q = settlementListQuery.parse(raw);
  const where = and(eq(workOrders.orgId, ctx.actor.orgId), eq(workOrders.settlementStatus, q.status));
  const rows = await ctx.db
    .select({
      w: workOrders,
      ticketNumber: tickets.number,
      customer: customers.name,
      engineer: users.displayName,
    })
    .from(workOrders)
    .innerJoin(tickets, and(eq(tickets.orgId, workOrders.orgId), eq(tickets.id, workOrders.ticketId)))
    .leftJoin(customers, and(eq(customers.orgId, workOrders.orgId), eq(customers.id, workOrders.customerId)))
    .leftJoin(users, and(eq(users.orgId, workOrders.orgId), eq(users.id, workOrders.engineerId)))
    .where(where)
    .orderBy(desc(workOrders.completedAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((r) => ({
      ...presentWorkOrder(r.w),
      ticketNumber: r.ticketNumber,
      customer: r.customer,
      engineer: r.engineer,
      totalFen: settlementTotal(r.w),
    })),
    await countRows(ctx.db, workOrders, where),
  );
}

/** Finance confirms the customer paid the settlement, with the voucher (收款凭证) number. */
export async function confirmSettlement(ctx: Ctx, id: string, raw: z.input<typeof confirmSettlementInput>) {
  requireCapability(ctx.actor, "finance.confirm");
  const { voucherNo } = confirmSettlementInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const order = await loadWorkOrder(tx, ctx, id);
    const [after] = await tx
      .update(workOrders)
      .set({
        settlementStatus: "confirmed",
        voucherNo,
        settledBy: actorUserId(ctx.actor),
        settledAt: new Date(),
      })
      .where(
        and(
          eq(workOrders.orgId, ctx.actor.orgId),
          eq(workOrders.id, id),
          eq(workOrders.settlementStatus, "to_confirm"),
        ),
      )
      .returning();
    if (!after) throw conflict("SETTLEMENT_NOT_PENDING");
    const ticket = await loadTicketBehind(tx, ctx, order.ticketId);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "work_order_settled",
      data: { number: after.number, totalFen: settlementTotal(after), voucherNo },
    });
    await writeAudit(tx, ctx, {
      action: "work_order.settled",
      entityType: "work_order",
      entityId: id,
      before: { settlementStatus: order.settlementStatus },
      after: { settlementStatus: after.settlementStatus, voucherNo },
    });
    return after;
  });
}
