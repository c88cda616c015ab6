import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import {
  receiveReplenishmentInput,
  replenishmentInput,
  replenishmentListQuery,
} from "../../../common/schemas/parts";
import type { Executor } from "../../db/client";
import { replenishmentOrders, servicePoints, spareParts } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, notFound } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { nextNumber } from "../tickets/numbering";
import { addStock, requireKnown } from "./stock";

type ReplenishmentOrder = typeof replenishmentOrders.$inferSelect;
const PREFIX = "BH";

/** 补货单 (C078): orders units of a part for a point. */
export async function orderReplenishment(ctx: Ctx, raw: z.input<typeof replenishmentInput>) {
  requireCapability(ctx.actor, "stock.manage");
  const input = replenishmentInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await requireKnown(tx, ctx, input);
    const [order] = await tx
      .insert(replenishmentOrders)
      .values({
        orgId: ctx.actor.orgId,
        number: await nextNumber(tx, ctx.actor.orgId, PREFIX, new Date()),
        ...input,
        supplier: input.supplier || null,
        note: input.note || null,
        createdBy: actorUserId(ctx.actor),
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: "replenishment.ordered",
      entityType: "replenishment_order",
      entityId: order.id,
      after: order,
    });
    return order;
  });
}

/**
 * Closes an ordered replenishment — received or cancelled — in one conditional update: received
 * twice at once, one caller adds the units and the other gets REPLENISHMENT_NOT_OPEN.
 */
async function closeReplenishment(
  ctx: Ctx,
  id: string,
  changes: Pick<ReplenishmentOrder, "status"> & Partial<ReplenishmentOrder>,
  then?: (tx: Executor, order: ReplenishmentOrder) => Promise<void>,
) {
  requireCapability(ctx.actor, "stock.manage");
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(replenishmentOrders)
      .where(and(eq(replenishmentOrders.orgId, ctx.actor.orgId), eq(replenishmentOrders.id, id)));
    if (!before) throw notFound();
    const [after] = await tx
      .update(replenishmentOrders)
      .set({ ...changes, receivedBy: actorUserId(ctx.actor), closedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(replenishmentOrders.orgId, ctx.actor.orgId),
          eq(replenishmentOrders.id, id),
          eq(replenishmentOrders.status, "ordered"),
        ),
      )
      .returning();
    if (!after) throw conflict("REPLENISHMENT_NOT_OPEN");
    await then?.(tx, after);
    await writeAudit(tx, ctx, {
      action: `replenishment.${after.status}`,
      entityType: "replenishment_order",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** 到货入库: the units that arrived go into the point's stock, the order number as their reference. */
export async function receiveReplenishment(
  ctx: Ctx,
  id: string,
  raw: z.input<typeof receiveReplenishmentInput>,
) {
  const input = receiveReplenishmentInput.parse(raw);
  return closeReplenishment(ctx, id, { status: "received" }, async (tx, order) => {
    const quantity = input.quantity ?? order.quantity;
    await tx
      .update(replenishmentOrders)
      .set({ receivedQuantity: quantity })
      .where(and(eq(replenishmentOrders.orgId, ctx.actor.orgId), eq(replenishmentOrders.id, id)));
    await addStock(tx, ctx, "receive", { ...order, quantity, reference: order.number });
  });
}

export const cancelReplenishment = (ctx: Ctx, id: string) =>
  closeReplenishment(ctx, id, { status: "cancelled" });

/** Replenishment orders, latest first, with the part and the point. */
export async function listReplenishments(ctx: Ctx, raw: z.input<typeof replenishmentListQuery>) {
  requireCapability(ctx.actor, "ticket.view");
  const q = replenishmentListQuery.parse(raw);
  const where = and(
    eq(replenishmentOrders.orgId, ctx.actor.orgId),
    q.status ? eq(replenishmentOrders.status, q.status) : undefined,
  );
  const rows = await ctx.db
    .select({
      o: replenishmentOrders,
      code: spareParts.code,
      name: spareParts.name,
      point: servicePoints.name,
    })
    .from(replenishmentOrders)
    .innerJoin(
      spareParts,
      and(eq(spareParts.orgId, replenishmentOrders.orgId), eq(spareParts.id, replenishmentOrders.partId)),
    )
    .innerJoin(
      servicePoints,
      and(
        eq(servicePoints.orgId, replenishmentOrders.orgId),
        eq(servicePoints.id, replenishmentOrders.servicePointId),
      ),
    )
    .where(where)
    .orderBy(desc(replenishmentOrders.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((r) => ({
      ...r.o,
      code: r.code,
      name: r.name,
      servicePoint: r.point,
      closedAt: iso(r.o.closedAt),
      createdAt: iso(r.o.createdAt)!,
      updatedAt: iso(r.o.updatedAt)!,
    })),
    await countRows(ctx.db, replenishmentOrders, where),
  );
}
