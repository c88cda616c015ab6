import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { RepairReturnStatus } from "../../../common/enums";
import { REPAIR_RETURN_STATUS_LABELS } from "../../../common/labels";
import {
  giveBackInput,
  registerQuery,
  repairedInput,
  takeBackInput,
} from "../../../common/schemas/field-service";

import type { Executor } from "../../db/client";
import {
  contacts,
  customers,
  organizations,
  repairReturns,
  tickets,
  users,
  workOrders,
} from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { conflict, invalid, notFound } from "../../lib/errors";
import { countRows, offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { insertAttachment } from "../tickets/attachments";
import { nextNumber } from "../tickets/numbering";
import { engineerStep, signaturePng } from "./engineer";
import { isEngineerOf, WORK_ORDER_STEPS } from "./policy";
import { loadWorkOrder, type WorkOrder } from "./work-orders";

export type RepairReturn = typeof repairReturns.$inferSelect;
const PREFIX = "FX";

/** What may be done to a returned product now, by whom: sent with it so the console holds no rules. */
export function repairReturnAbilities(ctx: Ctx, r: RepairReturn, order: Pick<WorkOrder, "engineerId">) {
  const engineer = isEngineerOf(ctx.actor, order);
  return {
    /** The workshop (the engineer or a dispatcher) reports it repaired. */
    markRepaired: r.status === "received" && (engineer || can(ctx.actor, "workorder.dispatch")),
    /** The engineer brings it back to the customer and takes the receipt back. */
    giveBack: r.status === "repaired" && engineer,
  };
}

/**
 * The engineer cannot fix it on site and takes the product back (C075): a 客户产品返修收据 signed by
 * the customer on screen, the product entered in the in/out register, the work order 返修中 and the
 * field trip closed.
 */
export async function takeBackProduct(ctx: Ctx, workOrderId: string, raw: z.input<typeof takeBackInput>) {
  const input = takeBackInput.parse(raw);
  const content = signaturePng(input.image);
  let receipt: RepairReturn | undefined;
  await engineerStep(
    ctx,
    workOrderId,
    WORK_ORDER_STEPS.takeBack,
    () => ({ status: "in_workshop", returnedAt: new Date() }),
    () => ({ kind: "work_order_taken_back", data: { receipt: receipt?.number }, isPublic: true }),
    async (tx, order, ticket) => {
      const now = new Date();
      const number = await nextNumber(tx, ctx.actor.orgId, PREFIX, now);
      const file = { fileName: `${number}-签名.png`, mimeType: "image/png", content };
      const signature = await insertAttachment(tx, ctx, ticket, file, order.id);
      [receipt] = await tx
        .insert(repairReturns)
        .values({
          orgId: ctx.actor.orgId,
          number,
          workOrderId: order.id,
          ticketId: order.ticketId,
          customerId: order.customerId,
          product: order.product,
          model: order.model,
          serialNo: order.serialNo,
          accessories: input.accessories || null,
          condition: input.condition || null,
          fault: input.fault || order.fault,
          expectedBackOn: input.expectedBackOn ?? null,
          receivedBy: actorUserId(ctx.actor)!,
          receivedAt: now,
          signerName: input.signerName,
          signatureAttachmentId: signature.id,
        })
        .returning();
      await writeAudit(tx, ctx, {
        action: "repair_return.received",
        entityType: "repair_return",
        entityId: receipt.id,
        after: receipt,
      });
    },
  );
  return receipt!;
}

/** Loads a returned product the actor may see (the rules of its work order). */
async function loadRepairReturn(tx: Executor, ctx: Ctx, id: string) {
  const [r] = await tx
    .select()
    .from(repairReturns)
    .where(and(eq(repairReturns.orgId, ctx.actor.orgId), eq(repairReturns.id, id)));
  if (!r) throw notFound();
  return { r, order: await loadWorkOrder(tx, ctx, r.workOrderId) };
}

/** A conditional update of the return from the expected status, audited; of two at once one wins. */
async function updateRepairReturnFrom(
  tx: Executor,
  ctx: Ctx,
  before: RepairReturn,
  from: RepairReturnStatus,
  changes: Partial<RepairReturn>,
) {
  const [after] = await tx
    .update(repairReturns)
    .set({ ...changes, updatedAt: new Date() })
    .where(
      and(
        eq(repairReturns.orgId, before.orgId),
        eq(repairReturns.id, before.id),
        eq(repairReturns.status, from),
      ),
    )
    .returning();
  if (!after)
    throw conflict("REPAIR_RETURN_CONFLICT", { status: REPAIR_RETURN_STATUS_LABELS[before.status] });
  await writeAudit(tx, ctx, {
    action: `repair_return.${after.status}`,
    entityType: "repair_return",
    entityId: after.id,
    before,
    after,
  });
  return after;
}

/** The workshop reports the product repaired, with what was done. */
export async function markRepaired(ctx: Ctx, id: string, raw: z.input<typeof repairedInput>) {
  const input = repairedInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const { r, order } = await loadRepairReturn(tx, ctx, id);
    if (!repairReturnAbilities(ctx, r, order).markRepaired)
      throw conflict("REPAIR_RETURN_CONFLICT", { status: REPAIR_RETURN_STATUS_LABELS[r.status] });
    return updateRepairReturnFrom(tx, ctx, r, "received", {
      status: "repaired",
      repairNote: input.repairNote,
      repairedBy: actorUserId(ctx.actor),
      repairedAt: new Date(),
    });
  });
}

/**
 * The engineer gives the repaired product back (C075): the register records it out, the receipt is
 * taken back (or why not), and the work order is 服务中 again — the engineer then records the work
 * and the customer signs the completion as on any visit.
 */
export async function giveBackProduct(ctx: Ctx, id: string, raw: z.input<typeof giveBackInput>) {
  const input = giveBackInput.parse(raw);
  if (!input.receiptTakenBack && !input.note) throw invalid("RECEIPT_NOT_TAKEN_BACK_REASON");
  const { r } = await loadRepairReturn(ctx.db, ctx, id);
  let after: RepairReturn | undefined;
  await engineerStep(
    ctx,
    r.workOrderId,
    WORK_ORDER_STEPS.giveBack,
    () => ({ status: "on_site", returnedAt: null }),
    () => ({ kind: "work_order_given_back", data: { receipt: r.number }, isPublic: true }),
    async (tx) => {
      after = await updateRepairReturnFrom(tx, ctx, r, "repaired", {
        status: "returned",
        returnedBy: actorUserId(ctx.actor),
        returnedAt: new Date(),
        receiptTakenBack: input.receiptTakenBack,
        returnNote: input.note || null,
      });
    },
  );
  return after!;
}

const received = alias(users, "received");
const detailColumns = {
  r: repairReturns,
  workOrderNumber: workOrders.number,
  engineerId: workOrders.engineerId,
  ticketNumber: tickets.number,
  customer: customers.name,
  contactName: contacts.name,
  receivedByName: received.displayName,
};

const detailQuery = (db: Executor) =>
  db
    .select(detailColumns)
    .from(repairReturns)
    .innerJoin(
      workOrders,
      and(eq(workOrders.orgId, repairReturns.orgId), eq(workOrders.id, repairReturns.workOrderId)),
    )
    .innerJoin(tickets, and(eq(tickets.orgId, repairReturns.orgId), eq(tickets.id, repairReturns.ticketId)))
    .leftJoin(
      customers,
      and(eq(customers.orgId, repairReturns.orgId), eq(customers.id, repairReturns.customerId)),
    )
    .leftJoin(contacts, and(eq(contacts.orgId, tickets.orgId), eq(contacts.id, tickets.contactId)))
    .innerJoin(
      received,
      and(eq(received.orgId, repairReturns.orgId), eq(received.id, repairReturns.receivedBy)),
    );

const present = <T extends { r: RepairReturn; engineerId: string | null }>(ctx: Ctx, row: T) => {
  const { r, engineerId, ...rest } = row;
  return {
    ...r,
    ...rest,
    receivedAt: iso(r.receivedAt)!,
    repairedAt: iso(r.repairedAt),
    returnedAt: iso(r.returnedAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    abilities: repairReturnAbilities(ctx, r, { engineerId }),
  };
};

/** The receipt (客户产品返修收据) of a returned product, with the organisation that issues it. */
export async function getRepairReturn(ctx: Ctx, id: string) {
  await loadRepairReturn(ctx.db, ctx, id);
  const [row] = await detailQuery(ctx.db).where(
    and(eq(repairReturns.orgId, ctx.actor.orgId), eq(repairReturns.id, id)),
  );
  const [org] = await ctx.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, ctx.actor.orgId));
  return { ...present(ctx, row), organization: org.name };
}

/** The returns of a work order, latest first: its page shows them. */
export async function workOrderRepairReturns(db: Executor, ctx: Ctx, workOrderId: string) {
  const rows = await detailQuery(db)
    .where(and(eq(repairReturns.orgId, ctx.actor.orgId), eq(repairReturns.workOrderId, workOrderId)))
    .orderBy(desc(repairReturns.receivedAt));
  return rows.map((row) => present(ctx, row));
}

/** 客户产品进出登记 (C075): every product taken in, latest first, with when it went back out. */
export async function repairReturnRegister(ctx: Ctx, raw: z.input<typeof registerQuery>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const q = registerQuery.parse(raw);
  const where = and(
    eq(repairReturns.orgId, ctx.actor.orgId),
    q.status ? eq(repairReturns.status, q.status) : undefined,
  );
  const rows = await detailQuery(ctx.db)
    .where(where)
    .orderBy(desc(repairReturns.receivedAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(
    q,
    rows.map((row) => present(ctx, row)),
    await countRows(ctx.db, repairReturns, where),
  );
}
