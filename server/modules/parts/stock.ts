import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { minStockInput, receiveInput, sparePartInput, transferInput } from "../../../common/schemas/parts";
import type { Executor } from "../../db/client";
import { partStock, servicePoints, spareParts, stockMovements } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalidField, notFound } from "../../lib/errors";
import { usersWithCapability } from "../identity/directory";
import { notifyUsers } from "../messaging/notifications";

/** Adds a part to the catalogue, or changes one; codes are unique in the organisation. */
export async function saveSparePart(ctx: Ctx, id: string | null, raw: z.input<typeof sparePartInput>) {
  requireCapability(ctx.actor, "stock.manage");
  const input = sparePartInput.parse(raw);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const [before] = id
      ? await tx
          .select()
          .from(spareParts)
          .where(and(eq(spareParts.orgId, orgId), eq(spareParts.id, id)))
      : [];
    if (id && !before) throw notFound();
    const [taken] = await tx
      .select({ id: spareParts.id })
      .from(spareParts)
      .where(and(eq(spareParts.orgId, orgId), eq(spareParts.code, input.code)));
    if (taken && taken.id !== id) throw conflict("SPARE_PART_CODE_TAKEN");
    const [row] = id
      ? await tx
          .update(spareParts)
          .set(input)
          .where(and(eq(spareParts.orgId, ctx.actor.orgId), eq(spareParts.id, id)))
          .returning()
      : await tx
          .insert(spareParts)
          .values({ orgId, ...input })
          .onConflictDoNothing()
          .returning();
    // Taken by a concurrent insert between the check and ours.
    if (!row) throw conflict("SPARE_PART_CODE_TAKEN");
    await writeAudit(tx, ctx, {
      action: id ? "spare_part.updated" : "spare_part.created",
      entityType: "spare_part",
      entityId: row.id,
      before: before ?? null,
      after: row,
    });
    return row;
  });
}

/** The catalogue, by code. */
export async function listSpareParts(ctx: Ctx) {
  requireCapability(ctx.actor, "ticket.view");
  return ctx.db
    .select()
    .from(spareParts)
    .where(eq(spareParts.orgId, ctx.actor.orgId))
    .orderBy(asc(spareParts.code));
}

export type StockChange = {
  partId: string;
  servicePointId: string;
  quantity: number;
  /** What the units are for or came from: a work order, a replenishment order, another point. */
  reference?: string | null;
  note?: string | null;
};

async function recordMovement(
  tx: Executor,
  ctx: Ctx,
  kind: (typeof stockMovements.$inferInsert)["kind"],
  change: StockChange,
  quantity: number,
) {
  await tx.insert(stockMovements).values({
    orgId: ctx.actor.orgId,
    partId: change.partId,
    servicePointId: change.servicePointId,
    kind,
    quantity,
    reference: change.reference ?? null,
    note: change.note ?? null,
    actorId: actorUserId(ctx.actor),
  });
}

/** The part and the point belong to the organisation. */
export async function requireKnown(tx: Executor, ctx: Ctx, change: StockChange) {
  const [part] = await tx
    .select({ id: spareParts.id })
    .from(spareParts)
    .where(and(eq(spareParts.orgId, ctx.actor.orgId), eq(spareParts.id, change.partId)));
  const [point] = await tx
    .select({ id: servicePoints.id })
    .from(servicePoints)
    .where(and(eq(servicePoints.orgId, ctx.actor.orgId), eq(servicePoints.id, change.servicePointId)));
  if (!part || !point) throw notFound();
}

const positive = (quantity: number) => {
  if (!Number.isInteger(quantity) || quantity <= 0) throw invalidField("quantity", "too_small", 1);
};

/** Adds units to a point's stock (入库: a replenishment order received, a return of unused parts). */
export async function addStock(tx: Executor, ctx: Ctx, kind: "receive" | "transfer_in", change: StockChange) {
  await tx
    .insert(partStock)
    .values({
      orgId: ctx.actor.orgId,
      partId: change.partId,
      servicePointId: change.servicePointId,
      onHand: change.quantity,
    })
    .onConflictDoUpdate({
      target: [partStock.orgId, partStock.partId, partStock.servicePointId],
      set: { onHand: sql`${partStock.onHand} + ${change.quantity}`, updatedAt: new Date() },
    });
  await recordMovement(tx, ctx, kind, change, change.quantity);
}

/**
 * Takes units out of what is not reserved (or, with `fromReserved`, out of a reservation) in one
 * conditional update: under concurrent use one caller gets the last unit and the other
 * STOCK_INSUFFICIENT. Alerts the stock keepers when on-hand falls below the minimum.
 */
async function takeStock(
  tx: Executor,
  ctx: Ctx,
  kind: "consume" | "transfer_out",
  change: StockChange,
  fromReserved: boolean,
) {
  const q = change.quantity;
  const [row] = await tx
    .update(partStock)
    .set({
      onHand: sql`${partStock.onHand} - ${q}`,
      reserved: fromReserved ? sql`${partStock.reserved} - ${q}` : partStock.reserved,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(partStock.orgId, ctx.actor.orgId),
        eq(partStock.partId, change.partId),
        eq(partStock.servicePointId, change.servicePointId),
        fromReserved
          ? sql`${partStock.reserved} >= ${q}`
          : sql`${partStock.onHand} - ${partStock.reserved} >= ${q}`,
      ),
    )
    .returning();
  if (!row) throw conflict(fromReserved ? "STOCK_NOT_RESERVED" : "STOCK_INSUFFICIENT");
  await recordMovement(tx, ctx, kind, change, -q);
  if (row.onHand < row.minStock && row.onHand + q >= row.minStock) {
    const [part] = await tx
      .select()
      .from(spareParts)
      .where(and(eq(spareParts.orgId, ctx.actor.orgId), eq(spareParts.id, change.partId)));
    const [point] = await tx
      .select()
      .from(servicePoints)
      .where(and(eq(servicePoints.orgId, ctx.actor.orgId), eq(servicePoints.id, change.servicePointId)));
    await notifyUsers(tx, ctx.actor.orgId, await usersWithCapability(tx, ctx.actor.orgId, "stock.manage"), {
      kind: "low_stock",
      params: { part: `${part.code} ${part.name}`, point: point.name, onHand: String(row.onHand) },
    });
  }
  return row;
}

/**
 * Plans units for a work order (+1) — they stay on hand but cannot be planned again — or gives
 * planned units back (-1), in one conditional update.
 */
async function changeReservation(tx: Executor, ctx: Ctx, change: StockChange, sign: 1 | -1) {
  positive(change.quantity);
  const delta = sign * change.quantity;
  const [row] = await tx
    .update(partStock)
    .set({ reserved: sql`${partStock.reserved} + ${delta}`, updatedAt: new Date() })
    .where(
      and(
        eq(partStock.orgId, ctx.actor.orgId),
        eq(partStock.partId, change.partId),
        eq(partStock.servicePointId, change.servicePointId),
        sign > 0
          ? sql`${partStock.onHand} - ${partStock.reserved} >= ${change.quantity}`
          : sql`${partStock.reserved} >= ${change.quantity}`,
      ),
    )
    .returning();
  if (!row) throw conflict(sign > 0 ? "STOCK_INSUFFICIENT" : "STOCK_NOT_RESERVED");
  await recordMovement(tx, ctx, sign > 0 ? "reserve" : "release", change, delta);
  return row;
}

export const reserveStock = (tx: Executor, ctx: Ctx, change: StockChange) =>
  changeReservation(tx, ctx, change, 1);
export const releaseStock = (tx: Executor, ctx: Ctx, change: StockChange) =>
  changeReservation(tx, ctx, change, -1);

/** Units used in a repair, out of their reservation or, unplanned, out of free stock. */
export async function consumeStock(tx: Executor, ctx: Ctx, change: StockChange, fromReserved: boolean) {
  positive(change.quantity);
  return takeStock(tx, ctx, "consume", change, fromReserved);
}

/** 入库: a replenishment order (or returned unused parts) received into a point's stock. */
export async function receiveStock(ctx: Ctx, raw: z.input<typeof receiveInput>) {
  requireCapability(ctx.actor, "stock.manage");
  const input = receiveInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await requireKnown(tx, ctx, input);
    await addStock(tx, ctx, "receive", input);
  });
}

/** 调拨: units move from one point to another, both sides recorded in one transaction. */
export async function transferStock(ctx: Ctx, raw: z.input<typeof transferInput>) {
  requireCapability(ctx.actor, "stock.manage");
  const input = transferInput.parse(raw);
  if (input.toServicePointId === input.servicePointId) throw invalidField("toServicePointId", "same_place");
  return ctx.db.transaction(async (tx) => {
    await requireKnown(tx, ctx, input);
    await requireKnown(tx, ctx, { ...input, servicePointId: input.toServicePointId });
    await takeStock(tx, ctx, "transfer_out", { ...input, reference: input.toServicePointId }, false);
    await addStock(tx, ctx, "transfer_in", {
      ...input,
      servicePointId: input.toServicePointId,
      reference: input.servicePointId,
    });
  });
}

/** 最低库存 of a part at a point. */
export async function setMinStock(ctx: Ctx, raw: z.input<typeof minStockInput>) {
  requireCapability(ctx.actor, "stock.manage");
  const input = minStockInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await requireKnown(tx, ctx, { ...input, quantity: 0 });
    await tx
      .insert(partStock)
      .values({ orgId: ctx.actor.orgId, ...input })
      .onConflictDoUpdate({
        target: [partStock.orgId, partStock.partId, partStock.servicePointId],
        set: { minStock: input.minStock, updatedAt: new Date() },
      });
    await writeAudit(tx, ctx, {
      action: "stock.min_set",
      entityType: "spare_part",
      entityId: input.partId,
      after: input,
    });
  });
}

/** Stock by part and point, with what is free to plan and whether it is below the minimum. */
export async function listStock(ctx: Ctx, servicePointId?: string) {
  requireCapability(ctx.actor, "ticket.view");
  const rows = await ctx.db
    .select({ s: partStock, code: spareParts.code, name: spareParts.name, point: servicePoints.name })
    .from(partStock)
    .innerJoin(spareParts, and(eq(spareParts.orgId, partStock.orgId), eq(spareParts.id, partStock.partId)))
    .innerJoin(
      servicePoints,
      and(eq(servicePoints.orgId, partStock.orgId), eq(servicePoints.id, partStock.servicePointId)),
    )
    .where(
      and(
        eq(partStock.orgId, ctx.actor.orgId),
        servicePointId ? eq(partStock.servicePointId, servicePointId) : undefined,
      ),
    )
    .orderBy(asc(servicePoints.name), asc(spareParts.code));
  return rows.map((r) => ({
    partId: r.s.partId,
    code: r.code,
    name: r.name,
    servicePointId: r.s.servicePointId,
    servicePoint: r.point,
    onHand: r.s.onHand,
    reserved: r.s.reserved,
    available: r.s.onHand - r.s.reserved,
    minStock: r.s.minStock,
    low: r.s.onHand < r.s.minStock,
  }));
}
