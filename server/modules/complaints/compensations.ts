import { and, count, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { type CompensationKind, isPayable, PAYABLE_KINDS, RMA_STATUSES } from "../../../common/enums";
import { COMPLAINT_STEP_LABELS } from "../../../common/labels";
import { compensationInput, paymentInput, rmaInput } from "../../../common/schemas/complaints";
import type { Executor } from "../../db/client";
import { compensations, complaintSteps, rmas } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { type Actor, actorUserId, type Ctx, can, requireCapability } from "../../lib/context";
import { conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { isFutureDate } from "../../lib/periods";
import { loadTicket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { type Complaint, loadComplaint } from "./workflow";

/** Goods come back for a return or an exchange: those carry an RMA record (C059). */
const NEEDS_RMA = new Set(["return", "replacement"]);

/**
 * The handling plan can still change: the complaint is open and neither countersigning nor
 * approval has started on it.
 */
export async function planOpen(tx: Executor, complaint: Complaint) {
  const steps = await tx
    .select({ step: complaintSteps.step, status: complaintSteps.status })
    .from(complaintSteps)
    .where(
      and(
        eq(complaintSteps.orgId, complaint.orgId),
        eq(complaintSteps.complaintId, complaint.id),
        inArray(complaintSteps.step, ["countersign", "approval"]),
      ),
    );
  const approval = steps.find((s) => s.step === "approval");
  const countersign = steps.find((s) => s.step === "countersign");
  return complaint.status === "open" && approval?.status === "waiting" && countersign?.status !== "active";
}

/**
 * Proposes a compensation (C058). It is part of the handling plan the approval step puts up the
 * chain, so it can be proposed only until approval starts.
 */
export async function proposeCompensation(
  ctx: Ctx,
  complaintId: string,
  raw: z.input<typeof compensationInput>,
) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = compensationInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const complaint = await loadComplaint(tx, ctx, complaintId, true);
    if (!(await planOpen(tx, complaint)))
      throw conflict("COMPLAINT_STEP_NOT_ACTIVE", { step: COMPLAINT_STEP_LABELS.approval });
    const [row] = await tx
      .insert(compensations)
      .values({ orgId: ctx.actor.orgId, complaintId, ...input, createdBy: actorUserId(ctx.actor) })
      .returning();
    const ticket = await loadTicket(tx, ctx, complaint.ticketId);
    if (NEEDS_RMA.has(input.kind)) {
      // Numbered within the complaint (its row is locked above), so concurrent complaints never collide.
      const [{ n }] = await tx
        .select({ n: count() })
        .from(rmas)
        .innerJoin(
          compensations,
          and(eq(compensations.orgId, rmas.orgId), eq(compensations.id, rmas.compensationId)),
        )
        .where(and(eq(compensations.orgId, ctx.actor.orgId), eq(compensations.complaintId, complaintId)));
      await tx.insert(rmas).values({
        orgId: ctx.actor.orgId,
        compensationId: row.id,
        number: `RMA-${ticket.number}-${Number(n) + 1}`,
      });
    }
    await addTimelineEntry(tx, ctx, ticket, {
      kind: "compensation_proposed",
      body: input.note ?? null,
      data: { kind: input.kind, amountFen: input.amountFen },
    });
    await writeAudit(tx, ctx, {
      action: "compensation.proposed",
      entityType: "complaint",
      entityId: complaintId,
      after: input,
    });
    return row;
  });
}

/** Whether the actor may record this compensation's payment now — sent with it, so the console needs no rule. */
export const mayPay = (actor: Actor, c: { kind: CompensationKind; status: string }) =>
  can(actor, "finance.confirm") && isPayable(c);

/** Finance records that an approved refund or cash compensation was paid: the day and the voucher (C058). */
export async function markCompensationPaid(
  ctx: Ctx,
  compensationId: string,
  raw: z.input<typeof paymentInput>,
) {
  requireCapability(ctx.actor, "finance.confirm");
  const input = paymentInput.parse(raw);
  if (await isFutureDate(ctx, input.paidOn)) throw invalidField("paidOn", "future");
  return ctx.db.transaction(async (tx) => {
    const [paid] = await tx
      .update(compensations)
      .set({ status: "paid", paidAt: new Date(), paidBy: actorUserId(ctx.actor), ...input })
      .where(
        and(
          eq(compensations.orgId, ctx.actor.orgId),
          eq(compensations.id, compensationId),
          eq(compensations.status, "approved"),
          inArray(compensations.kind, [...PAYABLE_KINDS]),
        ),
      )
      .returning();
    if (!paid) throw invalid("COMPENSATION_NOT_PAYABLE");
    await writeAudit(tx, ctx, {
      action: "compensation.paid",
      entityType: "complaint",
      entityId: paid.complaintId,
      after: { compensationId, amountFen: paid.amountFen, ...input },
    });
    return paid;
  });
}

/** Moves an RMA one status forward (goods received, QA inspected, replacement shipped, closed). */
export async function advanceRma(ctx: Ctx, rmaId: string, raw: z.input<typeof rmaInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = rmaInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [rma] = await tx
      .select()
      .from(rmas)
      .where(and(eq(rmas.orgId, ctx.actor.orgId), eq(rmas.id, rmaId)))
      .for("update");
    if (!rma) throw notFound();
    if (RMA_STATUSES.indexOf(input.status) !== RMA_STATUSES.indexOf(rma.status) + 1)
      throw invalidField("status", "next_step");
    if (input.status === "inspected" && !input.inspection) throw invalidField("inspection", "required");
    const [next] = await tx
      .update(rmas)
      .set({
        status: input.status,
        receivedAt: input.status === "received" ? new Date() : rma.receivedAt,
        inspection: input.inspection ?? rma.inspection,
        disposition: input.disposition ?? rma.disposition,
        updatedAt: new Date(),
      })
      .where(and(eq(rmas.orgId, ctx.actor.orgId), eq(rmas.id, rmaId)))
      .returning();
    await writeAudit(tx, ctx, {
      action: "rma.advanced",
      entityType: "rma",
      entityId: rmaId,
      before: rma,
      after: input,
    });
    return next;
  });
}
