import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { PAYABLE_KINDS } from "../../../common/enums";
import { compensationListQuery, rmaListQuery } from "../../../common/schemas/complaints";
import type { pageQuery } from "../../../common/schemas/pagination";
import { compensations, complaints, customers, rmas, tickets } from "../../db/schema";
import { type Actor, type Ctx, can, requireCapability } from "../../lib/context";
import { offsetOf, pageOf } from "../../lib/pagination";
import { iso } from "../../lib/present";
import { visibleTickets } from "../tickets/policy";
import { mayPay } from "./compensations";

/**
 * Finance works from the whole organisation's compensations (it pays what was approved wherever the
 * ticket sits); everyone else sees those of the tickets they may see.
 */
const scope = (ctx: Ctx): SQL =>
  can(ctx.actor, "finance.confirm") ? eq(tickets.orgId, ctx.actor.orgId) : visibleTickets(ctx.actor);

const base = (ctx: Ctx) =>
  ctx.db
    .select({
      c: compensations,
      r: rmas,
      ticketId: tickets.id,
      number: tickets.number,
      title: tickets.title,
      customer: customers.name,
      severity: complaints.severity,
      partNo: complaints.partNo,
      defectiveQuantity: complaints.defectiveQuantity,
    })
    .from(compensations)
    .innerJoin(
      complaints,
      and(eq(complaints.orgId, compensations.orgId), eq(complaints.id, compensations.complaintId)),
    )
    .innerJoin(tickets, and(eq(tickets.orgId, complaints.orgId), eq(tickets.id, complaints.ticketId)))
    .leftJoin(customers, and(eq(customers.orgId, tickets.orgId), eq(customers.id, tickets.customerId)))
    .leftJoin(rmas, and(eq(rmas.orgId, compensations.orgId), eq(rmas.compensationId, compensations.id)));

type Row = Awaited<ReturnType<ReturnType<typeof base>["where"]>>[number];
const present = (actor: Actor) => (r: Row) => ({
  id: r.c.id,
  kind: r.c.kind,
  amountFen: r.c.amountFen,
  note: r.c.note,
  status: r.c.status,
  createdAt: iso(r.c.createdAt)!,
  paidOn: r.c.paidOn,
  voucherNo: r.c.voucherNo,
  ticketId: r.ticketId,
  number: r.number,
  title: r.title,
  customer: r.customer,
  severity: r.severity,
  partNo: r.partNo,
  defectiveQuantity: r.defectiveQuantity,
  mayPay: mayPay(actor, r.c),
  rma: r.r
    ? {
        id: r.r.id,
        number: r.r.number,
        status: r.r.status,
        receivedAt: iso(r.r.receivedAt),
        inspection: r.r.inspection,
        disposition: r.r.disposition,
      }
    : null,
});

async function page(ctx: Ctx, where: SQL | undefined, q: z.infer<typeof pageQuery>) {
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(compensations)
    .innerJoin(
      complaints,
      and(eq(complaints.orgId, compensations.orgId), eq(complaints.id, compensations.complaintId)),
    )
    .innerJoin(tickets, and(eq(tickets.orgId, complaints.orgId), eq(tickets.id, complaints.ticketId)))
    .leftJoin(rmas, and(eq(rmas.orgId, compensations.orgId), eq(rmas.compensationId, compensations.id)))
    .where(where);
  const rows = await base(ctx)
    .where(where)
    .orderBy(desc(compensations.createdAt))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return pageOf(q, rows.map(present(ctx.actor)), Number(n));
}

/** 补偿台账: compensations with their ticket, newest first; `to_pay` is finance's list of what to pay. */
export async function listCompensations(ctx: Ctx, raw: z.input<typeof compensationListQuery>) {
  requireCapability(ctx.actor, "ticket.view");
  const q = compensationListQuery.parse(raw);
  return page(
    ctx,
    and(
      eq(compensations.orgId, ctx.actor.orgId),
      scope(ctx),
      q.status === "to_pay"
        ? and(eq(compensations.status, "approved"), inArray(compensations.kind, [...PAYABLE_KINDS]))
        : q.status
          ? eq(compensations.status, q.status)
          : undefined,
      q.kind ? eq(compensations.kind, q.kind) : undefined,
    ),
    q,
  );
}

/** 退换货: RMA records with their compensation and ticket, by status, newest first. */
export async function listRmas(ctx: Ctx, raw: z.input<typeof rmaListQuery>) {
  requireCapability(ctx.actor, "ticket.view");
  const q = rmaListQuery.parse(raw);
  return page(
    ctx,
    and(
      eq(compensations.orgId, ctx.actor.orgId),
      scope(ctx),
      sql`${rmas.id} IS NOT NULL`,
      q.status ? eq(rmas.status, q.status) : undefined,
    ),
    q,
  );
}
