import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { proposalAnswerInput, proposalInput } from "../../../common/schemas/complaints";
import { complaintProposals, tickets } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import { actorUserId, type Ctx, requireCapability } from "../../lib/context";
import { conflict, invalid, invalidField, notFound } from "../../lib/errors";
import { syncClocks } from "../sla/clocks";
import { loadTicket } from "../tickets/load-ticket";
import { addTimelineEntry } from "../tickets/timeline";
import { loadComplaint } from "./workflow";

/**
 * Puts a solution to the customer (C057). The first one stops the ticket's solution clock: the
 * customer has a plan in hand, whatever they say to it.
 */
export async function offerProposal(ctx: Ctx, complaintId: string, raw: z.input<typeof proposalInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = proposalInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const complaint = await loadComplaint(tx, ctx, complaintId, true);
    if (complaint.status !== "open") throw conflict("COMPLAINT_CLOSED");
    const [proposal] = await tx
      .insert(complaintProposals)
      .values({ orgId: ctx.actor.orgId, complaintId, body: input.body, offeredBy: actorUserId(ctx.actor) })
      .returning();
    const before = await loadTicket(tx, ctx, complaint.ticketId);
    let ticket = before;
    if (!before.solutionOfferedAt) {
      [ticket] = await tx
        .update(tickets)
        .set({ solutionOfferedAt: proposal.offeredAt })
        .where(and(eq(tickets.orgId, before.orgId), eq(tickets.id, before.id)))
        .returning();
      await syncClocks(tx, ctx, before, ticket);
    }
    await addTimelineEntry(tx, ctx, ticket, { kind: "proposal_offered", body: input.body, data: {} });
    await writeAudit(tx, ctx, {
      action: "complaint.proposal_offered",
      entityType: "complaint",
      entityId: complaintId,
      after: { proposalId: proposal.id, body: input.body },
    });
    return proposal;
  });
}

/**
 * Records the customer's acceptance of or objection to a proposal (C057). An objection needs what
 * they objected to; once one proposal is accepted, the others can no longer be.
 */
export async function answerProposal(ctx: Ctx, proposalId: string, raw: z.input<typeof proposalAnswerInput>) {
  requireCapability(ctx.actor, "ticket.handle");
  const input = proposalAnswerInput.parse(raw);
  if (!input.accepted && !input.response) throw invalid("REASON_REQUIRED");
  const now = new Date();
  if (input.respondedAt && input.respondedAt > now) throw invalidField("respondedAt", "future");
  return ctx.db.transaction(async (tx) => {
    const [proposal] = await tx
      .select()
      .from(complaintProposals)
      .where(and(eq(complaintProposals.orgId, ctx.actor.orgId), eq(complaintProposals.id, proposalId)));
    if (!proposal) throw notFound();
    const complaint = await loadComplaint(tx, ctx, proposal.complaintId, true);
    if (proposal.status !== "offered") throw conflict("PROPOSAL_ANSWERED");
    if (input.accepted) {
      const [accepted] = await tx
        .select({ id: complaintProposals.id })
        .from(complaintProposals)
        .where(
          and(
            eq(complaintProposals.orgId, complaint.orgId),
            eq(complaintProposals.complaintId, complaint.id),
            eq(complaintProposals.status, "accepted"),
          ),
        );
      if (accepted) throw conflict("PROPOSAL_ALREADY_ACCEPTED");
    }
    const [answered] = await tx
      .update(complaintProposals)
      .set({
        status: input.accepted ? "accepted" : "objected",
        respondent: input.respondent,
        channel: input.channel,
        respondedAt: input.respondedAt ?? now,
        response: input.response ?? null,
        recordedBy: actorUserId(ctx.actor),
      })
      .where(and(eq(complaintProposals.orgId, ctx.actor.orgId), eq(complaintProposals.id, proposalId)))
      .returning();
    const ticket = await loadTicket(tx, ctx, complaint.ticketId);
    await addTimelineEntry(tx, ctx, ticket, {
      kind: input.accepted ? "proposal_accepted" : "proposal_objected",
      body: input.response ?? null,
      data: { respondent: input.respondent, channel: input.channel },
    });
    await writeAudit(tx, ctx, {
      action: `complaint.proposal_${answered.status}`,
      entityType: "complaint",
      entityId: complaint.id,
      before: proposal,
      after: answered,
    });
    return answered;
  });
}
