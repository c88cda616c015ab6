import { and, eq, gt, inArray } from "drizzle-orm";
import type { TicketStatus } from "../../../common/enums";
import { STATUS_LABELS } from "../../../common/labels";
import type { Executor } from "../../db/client";
import { tickets } from "../../db/schema";
import type { Ctx } from "../../lib/context";
import { emit } from "../../lib/domain-events";
import { assertNotArchived, conflict, notFound } from "../../lib/errors";
import { visibleTickets } from "./policy";

export type Ticket = typeof tickets.$inferSelect;

/** A ticket the actor may see, or 404 (an invisible ticket is indistinguishable from a missing one). */
export async function loadTicket(tx: Executor, ctx: Ctx, id: string): Promise<Ticket> {
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(and(visibleTickets(ctx.actor), eq(tickets.id, id)));
  if (!ticket) throw notFound("TICKET_NOT_FOUND");
  return ticket;
}

/**
 * The ticket behind a record the actor has already been allowed to act on — a work order they
 * dispatch, serve or settle, a complaint step or approval they hold, a callback they make. Acting on
 * the record is what grants reading what the action needs from its ticket, whatever the ticket list's
 * data scope says (a dispatcher of 售后服务组 dispatches work raised by 客服部). Never use it to decide
 * whether someone may see a ticket: that is `loadTicket`.
 */
export async function loadTicketBehind(tx: Executor, ctx: Ctx, id: string): Promise<Ticket> {
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.orgId, ctx.actor.orgId), eq(tickets.id, id)));
  if (!ticket) throw notFound("TICKET_NOT_FOUND");
  return ticket;
}

/** How long after a pool ticket was taken a colleague who saw it in the pool is told so, not 404. */
const JUST_TAKEN_MS = 5 * 60_000;

/**
 * The one way a ticket changes: a conditional update that succeeds only from the expected states.
 * When another agent got there first, nothing is updated and the caller gets 409 with the state now.
 */
export async function updateTicketFrom(
  tx: Executor,
  ctx: Ctx,
  id: string,
  from: readonly TicketStatus[],
  changes: Partial<Ticket> | ((before: Ticket) => Partial<Ticket>),
): Promise<{ before: Ticket; after: Ticket }> {
  const before = await loadTicket(tx, ctx, id).catch(async (error) => {
    // Taken from the shared pool by a colleague a moment ago, it has just left this agent's scope:
    // say it was taken rather than that it does not exist. Any other ticket out of scope is a 404,
    // as for a read — a write must not tell its status.
    const [taken] =
      ctx.actor.type === "user"
        ? await tx
            .select({ status: tickets.status })
            .from(tickets)
            .where(
              and(
                eq(tickets.orgId, ctx.actor.orgId),
                eq(tickets.id, id),
                // It waited in the pool (taken after it arrived), and was taken just now.
                gt(tickets.firstHandledAt, tickets.createdAt),
                gt(tickets.firstHandledAt, new Date(Date.now() - JUST_TAKEN_MS)),
              ),
            )
        : [];
    if (taken) throw conflict("TICKET_CONFLICT", { status: STATUS_LABELS[taken.status as TicketStatus] });
    throw error;
  });
  assertNotArchived(before);
  const set = typeof changes === "function" ? changes(before) : changes;
  const [after] = await tx
    .update(tickets)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(tickets.id, id), eq(tickets.orgId, ctx.actor.orgId), inArray(tickets.status, [...from])))
    .returning();
  if (!after) {
    // Allowed when we read it but not when we wrote: someone else changed it in between.
    const raced = from.includes(before.status as TicketStatus);
    // The winner may have taken it out of this actor's scope; they saw it a moment ago, so say what happened.
    const [current] = raced
      ? await tx
          .select({ status: tickets.status })
          .from(tickets)
          .where(and(eq(tickets.orgId, ctx.actor.orgId), eq(tickets.id, id)))
      : [before];
    const label = STATUS_LABELS[current.status as TicketStatus];
    throw conflict(raced ? "TICKET_CONFLICT" : "TICKET_TRANSITION_INVALID", { status: label, from: label });
  }
  return { before, after };
}

/** Announces a new holder or department (the domain event ticket.assigned), with the rows before and after. */
export function announceAssignment(tx: Executor, ctx: Ctx, before: Ticket, after: Ticket) {
  return emit(
    tx,
    ctx,
    "ticket.assigned",
    {
      ticketId: after.id,
      number: after.number,
      assigneeId: after.assigneeId,
      previousAssigneeId: before.assigneeId,
      departmentId: after.departmentId,
    },
    { before, ticket: after },
  );
}
