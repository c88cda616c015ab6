import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recallCriteria, recallInput, workOrderInput } from "../../../common/schemas/field-service";
import { fitTicketTitle } from "../../../common/schemas/tickets";
import type { Executor } from "../../db/client";
import { customers, purchases, recallCampaigns, recallUnits, workOrders } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability, systemCtx } from "../../lib/context";
import { invalid, notFound } from "../../lib/errors";
import { primaryContactId } from "../customers/contacts-and-purchases";
import { createTicket } from "../tickets/create-ticket";
import { loadTicket } from "../tickets/load-ticket";
import { nextNumber } from "../tickets/numbering";
import { sendToTicketContact } from "../tickets/reply-to-ticket";
import { presentWorkOrder } from "./queries";
import { insertWorkOrder } from "./work-orders";

/** Units one campaign may take in one go (one transaction); a larger recall is split by batch or serial range. */
export const RECALL_MAX_UNITS = 500;

function unitsWhere(orgId: string, c: z.output<typeof recallCriteria>): SQL {
  return and(
    eq(purchases.orgId, orgId),
    sql`${purchases.product} ILIKE ${`%${c.product}%`}`,
    c.model ? eq(purchases.model, c.model) : undefined,
    c.deliveredFrom ? gte(purchases.deliveredOn, c.deliveredFrom) : undefined,
    c.deliveredTo ? lte(purchases.deliveredOn, c.deliveredTo) : undefined,
    // Serial numbers of one product line have one length, so text order is serial order.
    c.serialFrom ? gte(purchases.serialNo, c.serialFrom) : undefined,
    c.serialTo ? lte(purchases.serialNo, c.serialTo) : undefined,
  )!;
}

async function matchingUnits(db: Executor, orgId: string, c: z.output<typeof recallCriteria>) {
  return db
    .select({
      unit: purchases,
      customer: customers.name,
      address: customers.address,
      region: customers.region,
    })
    .from(purchases)
    .innerJoin(customers, and(eq(customers.orgId, purchases.orgId), eq(customers.id, purchases.customerId)))
    .where(unitsWhere(orgId, c))
    .orderBy(asc(customers.name), asc(purchases.serialNo))
    .limit(RECALL_MAX_UNITS + 1);
}

/** The units a recall would cover, to check the selection before launching it. */
export async function previewRecall(ctx: Ctx, raw: z.input<typeof recallCriteria>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const rows = await matchingUnits(ctx.db, ctx.actor.orgId, recallCriteria.parse(raw));
  return {
    total: rows.length,
    tooMany: rows.length > RECALL_MAX_UNITS,
    units: rows.slice(0, RECALL_MAX_UNITS).map((r) => ({
      purchaseId: r.unit.id,
      customer: r.customer,
      product: r.unit.product,
      model: r.unit.model,
      serialNo: r.unit.serialNo,
      deliveredOn: r.unit.deliveredOn,
    })),
  };
}

/**
 * Launches a recall (C084) in one transaction: for each customer with affected units, a ticket on
 * which they are notified, and one free work order per unit waiting for dispatch.
 */
export async function launchRecall(ctx: Ctx, raw: z.input<typeof recallInput>) {
  requireCapability(ctx.actor, "workorder.dispatch");
  const input = recallInput.parse(raw);
  const orgId = ctx.actor.orgId;
  return ctx.db.transaction(async (tx) => {
    const rows = await matchingUnits(tx, orgId, input);
    if (!rows.length) throw invalid("RECALL_NO_UNITS");
    if (rows.length > RECALL_MAX_UNITS) throw invalid("RECALL_TOO_LARGE", { max: String(RECALL_MAX_UNITS) });
    const [campaign] = await tx
      .insert(recallCampaigns)
      .values({
        orgId,
        number: await nextNumber(tx, orgId, "ZH", new Date()),
        ...input,
        model: input.model || null,
        serialFrom: input.serialFrom || null,
        serialTo: input.serialTo || null,
        deliveredFrom: input.deliveredFrom ?? null,
        deliveredTo: input.deliveredTo ?? null,
        createdBy: actorUserId(ctx.actor),
      })
      .returning();
    // The system registers the tickets and work orders (as for scheduled visits); the launch is the user's.
    const inner = systemCtx(tx, orgId);
    const byCustomer = new Map<string, typeof rows>();
    for (const r of rows)
      byCustomer.set(r.unit.customerId, [...(byCustomer.get(r.unit.customerId) ?? []), r]);
    for (const [customerId, units] of byCustomer) {
      const contactId = await primaryContactId(tx, orgId, customerId);
      const created = await createTicket(inner, {
        type: "repair",
        channel: "internal",
        title: fitTicketTitle(`产品召回 ${campaign.number}：${input.title}`),
        description: `${input.reason}\n涉及设备：${units.map((u) => [u.unit.product, u.unit.serialNo].filter(Boolean).join(" ")).join("、")}`,
        customerId,
        contactId,
      });
      const ticket = await loadTicket(tx, inner, created.id);
      for (const u of units) {
        const order = await insertWorkOrder(
          tx,
          inner,
          ticket,
          workOrderInput.parse({
            purchaseId: u.unit.id,
            fault: `产品召回 ${campaign.number}：${input.reason}`,
            siteAddress: u.address ?? "（请与客户确认地址）",
            chargeable: false,
            chargeableReason: `产品召回 ${campaign.number}，免费处理`,
          }),
        );
        await tx.insert(recallUnits).values({
          orgId,
          campaignId: campaign.id,
          purchaseId: u.unit.id,
          ticketId: ticket.id,
          workOrderId: order.id,
        });
      }
      await sendToTicketContact(tx, inner, ticket, {
        subject: `产品召回通知 ${campaign.number}`,
        body: `您好，${input.title}：${input.reason}。您的 ${units.length} 台设备在召回范围内，我们将免费为您处理，工程师会与您预约上门时间。`,
      });
    }
    await writeAudit(tx, ctx, {
      action: "recall.launched",
      entityType: "recall_campaign",
      entityId: campaign.id,
      after: { ...campaign, units: rows.length, customers: byCustomer.size },
    });
    return campaign;
  });
}

const progress = sql<number>`count(*) FILTER (WHERE ${workOrders.status} = 'completed')::int`;

/** Recall campaigns, latest first, with how many of their units are done. */
export async function listRecalls(ctx: Ctx) {
  requireCapability(ctx.actor, "ticket.view");
  const rows = await ctx.db
    .select({
      c: recallCampaigns,
      units: sql<number>`count(${recallUnits.id})::int`,
      completed: progress,
    })
    .from(recallCampaigns)
    .leftJoin(
      recallUnits,
      and(eq(recallUnits.orgId, recallCampaigns.orgId), eq(recallUnits.campaignId, recallCampaigns.id)),
    )
    .leftJoin(
      workOrders,
      and(eq(workOrders.orgId, recallUnits.orgId), eq(workOrders.id, recallUnits.workOrderId)),
    )
    .where(eq(recallCampaigns.orgId, ctx.actor.orgId))
    .groupBy(recallCampaigns.orgId, recallCampaigns.id)
    .orderBy(desc(recallCampaigns.createdAt));
  return rows.map((r) => ({
    ...r.c,
    createdAt: r.c.createdAt.toISOString(),
    units: r.units,
    completed: r.completed,
  }));
}

/** A campaign with each unit's customer and work order. */
export async function getRecall(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, "ticket.view");
  const [campaign] = await ctx.db
    .select()
    .from(recallCampaigns)
    .where(and(eq(recallCampaigns.orgId, ctx.actor.orgId), eq(recallCampaigns.id, id)));
  if (!campaign) throw notFound();
  const units = await ctx.db
    .select({ w: workOrders, customer: customers.name })
    .from(recallUnits)
    .innerJoin(
      workOrders,
      and(eq(workOrders.orgId, recallUnits.orgId), eq(workOrders.id, recallUnits.workOrderId)),
    )
    .innerJoin(customers, and(eq(customers.orgId, workOrders.orgId), eq(customers.id, workOrders.customerId)))
    .where(and(eq(recallUnits.orgId, ctx.actor.orgId), eq(recallUnits.campaignId, id)))
    .orderBy(asc(customers.name), asc(workOrders.serialNo));
  return {
    ...campaign,
    createdAt: campaign.createdAt.toISOString(),
    units: units.map((u) => ({ ...presentWorkOrder(u.w), customer: u.customer })),
  };
}
