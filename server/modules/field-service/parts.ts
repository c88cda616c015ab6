import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { partUseInput } from "../../../common/schemas/field-service";
import type { Executor } from "../../db/client";
import { spareParts, workOrderParts } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Ctx, can } from "../../lib/context";
import { AppError, notFound } from "../../lib/errors";
import { consumeStock, releaseStock, reserveStock } from "../parts/stock";
import { isEngineerOf, requireAbility } from "./policy";
import { loadWorkOrder, type WorkOrder } from "./work-orders";

/** The engineer of the work order, and only they, acts on site. */
export function requireEngineer(ctx: Ctx, order: WorkOrder) {
  if (!isEngineerOf(ctx.actor, order)) throw new AppError("NOT_YOUR_WORK_ORDER", 403);
}

async function partPrice(tx: Executor, ctx: Ctx, partId: string) {
  const [part] = await tx
    .select({ priceFen: spareParts.priceFen })
    .from(spareParts)
    .where(and(eq(spareParts.orgId, ctx.actor.orgId), eq(spareParts.id, partId)));
  if (!part) throw notFound();
  return part.priceFen;
}

const reference = (order: WorkOrder) => order.number;

/**
 * Plans a part for the job (C078): reserved at the work order's service point until it is used or the
 * job ends. Planned by the dispatcher or by the engineer before they reach the site.
 */
export async function planPart(ctx: Ctx, workOrderId: string, raw: z.input<typeof partUseInput>) {
  const input = partUseInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const order = await loadWorkOrder(tx, ctx, workOrderId);
    if (!can(ctx.actor, "workorder.dispatch")) requireEngineer(ctx, order);
    requireAbility(ctx.actor, order, "planPart");
    const servicePointId = order.servicePointId!;
    const priceFen = await partPrice(tx, ctx, input.partId);
    const change = { ...input, servicePointId, reference: reference(order) };
    await reserveStock(tx, ctx, change);
    await tx
      .insert(workOrderParts)
      .values({
        orgId: ctx.actor.orgId,
        workOrderId,
        partId: input.partId,
        servicePointId,
        reserved: input.quantity,
        priceFen,
      })
      .onConflictDoUpdate({
        target: [workOrderParts.orgId, workOrderParts.workOrderId, workOrderParts.partId],
        set: { reserved: sql`${workOrderParts.reserved} + ${input.quantity}` },
      });
    await writeAudit(tx, ctx, {
      action: "work_order.part_planned",
      entityType: "work_order",
      entityId: workOrderId,
      after: input,
    });
  });
}

/**
 * Parts used on site, scanned or picked from the point's stock: out of what was reserved for the
 * job first, the rest out of free stock. Stock never goes negative (one conditional update each).
 */
export async function recordPartUse(ctx: Ctx, workOrderId: string, raw: z.input<typeof partUseInput>) {
  const input = partUseInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const order = await loadWorkOrder(tx, ctx, workOrderId);
    requireEngineer(ctx, order);
    requireAbility(ctx.actor, order, "onSite");
    const servicePointId = order.servicePointId!;
    const [line] = await tx
      .select()
      .from(workOrderParts)
      .where(
        and(
          eq(workOrderParts.orgId, order.orgId),
          eq(workOrderParts.workOrderId, workOrderId),
          eq(workOrderParts.partId, input.partId),
        ),
      );
    const fromReserved = Math.min(input.quantity, Math.max(0, (line?.reserved ?? 0) - (line?.used ?? 0)));
    const change = { partId: input.partId, servicePointId, reference: reference(order) };
    if (fromReserved) await consumeStock(tx, ctx, { ...change, quantity: fromReserved }, true);
    if (input.quantity > fromReserved)
      await consumeStock(tx, ctx, { ...change, quantity: input.quantity - fromReserved }, false);
    if (line)
      await tx
        .update(workOrderParts)
        .set({ used: line.used + input.quantity })
        .where(and(eq(workOrderParts.orgId, line.orgId), eq(workOrderParts.id, line.id)));
    else
      await tx.insert(workOrderParts).values({
        orgId: ctx.actor.orgId,
        workOrderId,
        partId: input.partId,
        servicePointId,
        used: input.quantity,
        priceFen: await partPrice(tx, ctx, input.partId),
      });
    await writeAudit(tx, ctx, {
      action: "work_order.part_used",
      entityType: "work_order",
      entityId: workOrderId,
      after: input,
    });
  });
}

/** The job is over (completed or called off): what was reserved and not used goes back to free stock. */
export async function releaseParts(tx: Executor, ctx: Ctx, order: WorkOrder) {
  const lines = await tx
    .select()
    .from(workOrderParts)
    .where(and(eq(workOrderParts.orgId, order.orgId), eq(workOrderParts.workOrderId, order.id)));
  for (const line of lines) {
    const unused = line.reserved - line.used;
    if (unused <= 0) continue;
    await releaseStock(tx, ctx, {
      partId: line.partId,
      servicePointId: line.servicePointId,
      quantity: unused,
      reference: reference(order),
    });
    await tx
      .update(workOrderParts)
      .set({ reserved: line.used })
      .where(and(eq(workOrderParts.orgId, line.orgId), eq(workOrderParts.id, line.id)));
  }
  return lines;
}

/** The parts of a work order with their names, for its page and service report. */
export async function partsOf(tx: Executor, orgId: string, workOrderId: string) {
  return tx
    .select({
      partId: workOrderParts.partId,
      code: spareParts.code,
      name: spareParts.name,
      unit: spareParts.unit,
      reserved: workOrderParts.reserved,
      used: workOrderParts.used,
      priceFen: workOrderParts.priceFen,
    })
    .from(workOrderParts)
    .innerJoin(
      spareParts,
      and(eq(spareParts.orgId, workOrderParts.orgId), eq(spareParts.id, workOrderParts.partId)),
    )
    .where(and(eq(workOrderParts.orgId, orgId), eq(workOrderParts.workOrderId, workOrderId)))
    .orderBy(spareParts.code);
}
